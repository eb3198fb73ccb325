"""The community scrapers' `{"bins": [...]}` output, to and from waste property schedules.

UKBinCollectionData (and the apps built on it) normalise every council's website to
`{"bins": [{"type": "<free text>", "collectionDate": "dd/mm/yyyy"}]}`: a label and a date per
collection, nothing else. `UkbcdConverter` turns that into one `waste-property-schedule` record,
given the UPRN and council the scraper was run for. Each free-text bin name is read by
`bin_names.read_name`: by the words that name its waste, never by a colour alone unless the
council's mapping (`council_mappings`, shipped as data) says what its colours mean. Whatever could
not be read, and every input field with no place in the schedule, is reported with its place in
the input. `to_bins` goes the other way, so that apps built on the scrapers can read a council's
published schedules without a rewrite.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from lgstandards.conversions.base import ConversionError, ConversionOptions, ConversionResult
from lgstandards.conversions.bin_names import (
    BinName,
    Container,
    MeaningLookup,
    container_of,
    read_name,
    schedule_stream,
)
from lgstandards.conversions.council_mappings import CouncilMapping, for_council
from lgstandards.conversions.inputs import read_bytes
from lgstandards.findings import Finding, Severity, SourceLocation, join_pointer
from lgstandards.identifiers import COUNCIL_GSS, ORGANISATION, normal_postcode, normal_uprn
from lgstandards.locate import LineIndex, offset_of

STANDARD = "waste-property-schedule"
#: The majors the converter writes: 1 holds one stream a service, 2 several.
MAJORS = (1, 2)
NAME = "ukbcd-bins"

#: Fields of a bin entry the schedule holds.
BIN_FIELDS = frozenset({"type", "collectionDate"})

#: Fields some scrapers wrote under another name, and the name they stand for.
RENAMED_FIELDS: Mapping[str, str] = {"bin_type": "type", "collectionTime": "collectionDate"}

#: Why fields seen in real scraper output have no place in a schedule.
NOT_CARRIED: Mapping[str, str] = {
    "previousCollectionDate": "the format does not say what happened on that day, so the "
    "schedule, which lists what is planned, does not list it",
    "collectionTime": "a schedule gives days, not times of day",
}

#: Collection dates before this are refused: no scraper ran then, and 1900 is a lost year.
EARLIEST = "2000-01-01"

#: GSS prefixes of councils that collect household waste (counties and combined authorities
#: dispose of it, they do not collect it).
COLLECTING_PREFIXES = ("E06", "E07", "E08", "E09", "W06", "S12", "N09")

_WORD = re.compile(r"[a-z0-9]+")
_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_UPRN = re.compile(r"[0-9]{1,12}")


@dataclass(frozen=True)
class BinType:
    """What a free-text bin name says: its streams, the schedule's stream, and its container."""

    #: Every stream the name names, main first (the shared waste-stream codes).
    streams: tuple[str, ...]
    #: The one stream waste-property-schedule 1.x holds, or None when the name names none.
    stream: str | None
    container: str | None = None
    colour: str | None = None
    lid_colour: str | None = None
    capacity_litres: int | None = None


def classify(name: str, council: MeaningLookup | None = None) -> BinType:
    """Map a bin's name to its streams (none if it names none) and whatever it says of the bin."""
    reading = read_name(name, council)
    box = container_of(name, reading.streams[0] if reading.streams else None)
    stream = schedule_stream(reading.streams) if reading.streams else None
    return BinType(reading.streams, stream, box.kind, box.colour, box.lid_colour,
                   box.capacity_litres)


def slug(text: str) -> str:
    """Return an identifier for a bin name: lower case, words joined by '-', at most 64 long."""
    made = "-".join(_WORD.findall(text.lower()))[:64].strip("-")
    return made or "bin"


def parse_date(text: str) -> str | None:
    """Return a dd/mm/yyyy date as YYYY-MM-DD, or None when it is not exactly that."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# -- import ----------------------------------------------------------------------------------------


class _Input:
    """The input's text, for placing findings at a line and column."""

    def __init__(self, name: str, text: str) -> None:
        """Keep the input's name and text; lines are indexed on first use."""
        self.name = name
        self.text = text
        self._lines: LineIndex | None = None

    def at(self, parts: Sequence[str | int]) -> SourceLocation:
        """Return the location of the value at a path in the input."""
        if self._lines is None:
            self._lines = LineIndex(self.text)
        offset = offset_of(self.text, [str(p) for p in parts])
        line, column = self._lines.position(offset)
        return SourceLocation(self.name, line=line, column=column)

    def finding(
        self, code: str, parts: Sequence[str | int], message: str, value: Any = None,
        severity: Severity = Severity.ERROR,
    ) -> Finding:
        """Return a finding placed at a path in the input."""
        pointer = join_pointer(parts)
        return Finding(code, severity, message, pointer=pointer, location=self.at(parts),
                       value=value)


class UkbcdConverter:
    """Converts the scrapers' `{"bins": [...]}` output into one property schedule."""

    name = NAME
    description = (
        "The {\"bins\": [{\"type\", \"collectionDate\": \"dd/mm/yyyy\"}]} output of "
        "UKBinCollectionData and the apps built on it; give --uprn and the council's GSS code."
    )
    @property
    def target(self) -> str:
        """Return the standard written unless asked otherwise: the newest released major."""
        return default_target()

    def convert(self, source: Path | bytes, options: ConversionOptions) -> ConversionResult:
        """Convert one scraper output, reporting each bin that could not be carried across."""
        name = options.source_name or (str(source) if isinstance(source, Path) else "<input>")
        extra = options.extra
        version = _version(extra.get("to"))
        major = int(version.split(".")[0])
        data, text = _read(source, name)
        uprn = _uprn(extra.get("uprn"), major)
        council = _council(options)
        generated_at = _generated_at(extra.get("generated_at"))
        where = _Input(name, text)
        bins = data.get("bins") if isinstance(data, dict) else None
        if not isinstance(bins, list):
            older = (isinstance(data, dict) and data
                     and all(isinstance(v, str) for v in data.values()))
            raise ConversionError(
                f"{name} is not the scrapers' output: it has no \"bins\" list "
                "(expected {\"bins\": [{\"type\": ..., \"collectionDate\": \"dd/mm/yyyy\"}]})."
                + (" It maps each bin's name to one date, an older shape some scrapers wrote; "
                   "run a current version of the scraper." if older else "")
            )
        mapping = for_council(options.gss_code, extra.get("mapping"))
        findings: list[Finding] = list(_top_level(where, data))
        services: dict[str, dict[str, Any]] = {}
        containers: list[dict[str, Any]] = []
        ids: dict[str, str] = {}
        collections: list[tuple[str, int, dict[str, Any]]] = []
        for index, entry in enumerate(bins):
            found = _entry(where, index, entry)
            findings.extend(found.findings)
            if found.label is None or found.day is None:
                continue
            label, day = found.label, found.day
            if label not in ids:
                ids[label] = _unique(slug(label), set(ids.values()))
                service, container, said = _service(
                    where, [*found.type_at], label, ids[label], mapping, major
                )
                services[label] = service
                if container is not None:
                    containers.append(container)
                findings.extend(said)
            collections.append((day, index, {
                "service_id": ids[label], "date": day, "changed": False, "status": "scheduled",
            }))
        if not collections:
            findings.append(where.finding(
                "convert.no-bins", ["bins"],
                f"{name} has no bin with a readable type and date, so there is no schedule to "
                "write; the scraper most likely failed for this property.",
            ))
            return ConversionResult((), tuple(findings), _ref(version, extra))
        record: dict[str, Any] = {}
        if major >= 2:
            record["$schema"] = _schema_uri(version)
        record.update({
            "generated_at": generated_at,
            "publisher": council,
            "source_system": "other",
            "property": _property(uprn, council, extra, major),
            "services": list(services.values()),
        })
        if containers:
            record["container_types"] = containers
        # Collections go in date order, as the standard asks; equal dates keep the input's order.
        record["collections"] = [c for _, _, c in sorted(collections, key=lambda c: c[:2])]
        extensions = _extensions(extra, record["property"])
        if extensions:
            record["extensions"] = extensions
        return ConversionResult((record,), tuple(findings), _ref(version, extra))


CONVERTER = UkbcdConverter()


def default_target() -> str:
    """Return 'waste-property-schedule@<major>' for the newest released major it writes."""
    from lgstandards.registry import catalogue

    version = catalogue().select(STANDARD)
    major = int(version.version.split(".")[0])
    return f"{STANDARD}@{major if major in MAJORS else MAJORS[0]}"


def _version(asked: str | None) -> str:
    """Return the exact version to write: the one asked for (--to), else the default's."""
    from lgstandards.errors import LgstandardsError
    from lgstandards.registry import catalogue

    wanted = asked or default_target()
    standard, _, selector = wanted.partition("@")
    if standard != STANDARD or not selector:
        raise ConversionError(
            f"--to {wanted!r}: ukbcd-bins writes {STANDARD}, such as {STANDARD}@2."
        )
    try:
        # A major asked for by name is written even while it is a draft: the converter knows
        # the shape it writes, and the report names the exact version.
        version = catalogue().select(wanted, allow_draft=asked is not None).version
    except LgstandardsError as exc:
        raise ConversionError(f"--to {wanted!r}: {exc}") from None
    if int(version.split(".")[0]) not in MAJORS:
        raise ConversionError(
            f"--to {wanted!r}: ukbcd-bins writes majors {', '.join(map(str, MAJORS))} only."
        )
    return version


def _ref(version: str, extra: Mapping[str, str]) -> str | None:
    """Return the exact version for the result, when one was asked for."""
    return f"{STANDARD}@{version}" if extra.get("to") else None


def _schema_uri(version: str) -> str:
    """Return the $schema URI of a version of the property schedule."""
    from lgstandards.registry import catalogue

    return str(catalogue().select(f"{STANDARD}@{version}", allow_draft=True).schema_uri)


def _read(source: Path | bytes, name: str) -> tuple[Any, str]:
    """Return the parsed input and its text, or raise ConversionError if it is not JSON."""
    raw = read_bytes(source, name, "JSON")
    try:
        text = raw.decode("utf-8-sig")
        return json.loads(text), text
    except UnicodeDecodeError:
        raise ConversionError(f"{name} is not UTF-8 text.") from None
    except (ValueError, RecursionError) as exc:
        raise ConversionError(f"{name} is not valid JSON: {exc}.") from None


def _uprn(value: str | None, major: int) -> str:
    """Return the UPRN option, or raise ConversionError: without it there is no record."""
    if value is None:
        raise ConversionError(
            "the scrapers' output does not say which property it is for; give the UPRN the "
            "scraper was run with (--uprn)."
        )
    if not _UPRN.fullmatch(value):
        raise ConversionError(f"--uprn {value!r} is not a UPRN of 1 to 12 digits.")
    written = normal_uprn(value)
    if written is None:
        raise ConversionError(
            f"--uprn {value!r} is not a UPRN Ordnance Survey issues: no property has UPRN 0."
        )
    # common 2.0.0 writes a UPRN as OS issues it; 1.x keeps the council's padding.
    return written if major >= 2 else value


def _council(options: ConversionOptions) -> dict[str, str]:
    """Return the council object for the publisher and collection authority."""
    if options.gss_code is None and options.organisation is None:
        raise ConversionError(
            "the scrapers' output does not say which council collects; give its GSS code "
            "(--council, such as E07000223; UKBinCollectionData lists each council's LAD24CD)."
        )
    council: dict[str, str] = {}
    if options.gss_code is not None:
        code = options.gss_code
        if not COUNCIL_GSS.fullmatch(code) or not code.startswith(COLLECTING_PREFIXES):
            raise ConversionError(
                f"--council {code!r} is not the GSS code of a council that collects "
                "waste (E06, E07, E08, E09, W06, S12 or N09 and six digits)."
            )
        council["gss_code"] = options.gss_code
    if options.organisation is not None:
        if not ORGANISATION.fullmatch(options.organisation):
            raise ConversionError(
                f"--organisation {options.organisation!r} is not an organisation identifier "
                "such as 'local-authority:ADU'."
            )
        council["organisation"] = options.organisation
    return council


def _generated_at(value: str | None) -> str:
    """Return the time of the scrape as RFC 3339 in UTC: the option's, else now."""
    if value is None:
        return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise ConversionError(
            f"--generated-at {value!r} is not a date and time with an offset, such as "
            "'2026-12-01T06:00:00Z'."
        )
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class _Read:
    """One bin entry as read: its name and date (None when left out) and what was reported."""

    label: str | None
    day: str | None
    findings: tuple[Finding, ...]
    #: Where the name came from in the input (the "type" field, or the field that stood for it).
    type_at: tuple[str | int, ...] = ()


def _top_level(where: _Input, data: Mapping[str, Any]) -> list[Finding]:
    """Report fields beside "bins", which the schedule has no place for."""
    return [
        where.finding(
            "convert.field-not-carried", [key],
            f"{key!r} is not part of the scrapers' format, so the schedule does not carry it.",
            None, Severity.WARNING,
        )
        for key in data if key != "bins"
    ]


def _entry(where: _Input, index: int, entry: Any) -> _Read:
    """Read one bin entry: its (type, YYYY-MM-DD date), reporting what was left or renamed."""
    if not isinstance(entry, dict):
        return _Read(None, None, (where.finding(
            "convert.bad-bin", ["bins", index],
            f"bins[{index}] is not an object with \"type\" and \"collectionDate\", so it was "
            "left out.",
        ),))
    said: list[Finding] = []
    fields = {key: key for key in BIN_FIELDS if key in entry}
    for old, new in RENAMED_FIELDS.items():
        if old in entry and new not in entry:
            # An older or slipped name for a field; read it, and say so.
            fields[new] = old
            meaning = "the bin's name" if new == "type" else "the collection date"
            said.append(where.finding(
                "convert.field-renamed", ["bins", index, old],
                f"bins[{index}] has {old!r} where the format has {new!r}; it was read as "
                f"{meaning}.",
                entry[old] if isinstance(entry[old], str) else None, Severity.WARNING,
            ))
    used = set(fields.values())
    for key in entry:
        if key not in used:
            reason = NOT_CARRIED.get(key, "the scrapers' format has no such field")
            said.append(where.finding(
                "convert.field-not-carried", ["bins", index, key],
                f"bins[{index}].{key} ({entry[key]!r}) was not carried into the schedule: "
                f"{reason}.",
                entry[key] if isinstance(entry[key], str) else None, Severity.WARNING,
            ))
    type_key = fields.get("type", "type")
    label = entry.get(type_key)
    if not isinstance(label, str) or not label.strip():
        said.insert(0, where.finding(
            "convert.missing-value", ["bins", index, type_key],
            f"bins[{index}] has no type (the bin's name), so it was left out.",
            label if isinstance(label, str) else None,
        ))
        return _Read(None, None, tuple(said))
    date_key = fields.get("collectionDate", "collectionDate")
    raw = entry.get(date_key)
    day = parse_date(raw) if isinstance(raw, str) else None
    if day is not None and day < EARLIEST:
        # Python's strptime gives 1900 to a date read without a year: the page gave none.
        said.insert(0, where.finding(
            "convert.bad-date", ["bins", index, date_key],
            f"bins[{index}].{date_key} {raw!r} is in {day[:4]}, long before any scrape, so the "
            f"{label.strip()!r} collection was left out. Scrapers write 1900 when the council's "
            "page gives no year; the scraper should add the year.",
            raw,
        ))
        return _Read(None, None, tuple(said))
    if day is None:
        said.insert(0, where.finding(
            "convert.bad-date", ["bins", index, date_key],
            f"bins[{index}].{date_key} {raw!r} is not a date written dd/mm/yyyy, so the "
            f"{label.strip()!r} collection was left out." + _date_hint(raw),
            raw if isinstance(raw, str) else None,
        ))
        return _Read(None, None, tuple(said))
    return _Read(" ".join(label.split()), day, tuple(said), ("bins", index, type_key))


def _date_hint(raw: Any) -> str:
    """Explain the usual ways scraped dates go wrong."""
    if not isinstance(raw, str):
        return ""
    if "," in raw:
        return " It holds more than one date; the scraper should give one bin entry per date."
    if _DATE.fullmatch(raw.strip()):
        return " There is no such day."
    if _DATE.search(raw):
        return " It has something around the date, such as a full stop; fix the scraper."
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        return " It is written YYYY-MM-DD; this format writes dd/mm/yyyy."
    return ""


def _unique(made: str, taken: set[str]) -> str:
    """Return `made`, or `made-2`, `made-3` ... whichever is not taken."""
    if made not in taken:
        return made
    number = 2
    while f"{made[:60]}-{number}" in taken:
        number += 1
    return f"{made[:60]}-{number}"


def _service(
    where: _Input, at: Sequence[str | int], label: str, sid: str,
    mapping: CouncilMapping | None, major: int,
) -> tuple[dict[str, Any], dict[str, Any] | None, list[Finding]]:
    """Build the service (and container type, if the name says one) for a bin name."""
    reading = read_name(label, mapping)
    stream = schedule_stream(reading.streams) if reading.streams else "other"
    # 2.0.0 holds every stream the name names; 1.x one, folded (and said so).
    streams = [stream] if major < 2 else list(reading.streams or ("other",))
    service: dict[str, Any] = {"id": sid, "name": label}
    if major < 2:
        service["stream"] = stream
    else:
        service["streams"] = streams
    box = container_of(label, reading.streams[0] if reading.streams else None)
    container = _container(sid, label, box, streams)
    if container is not None:
        service["container_type_ids"] = [sid]
    return service, container, _said(
        where, at, label, reading, stream if major < 2 else None, mapping
    )


def _container(
    sid: str, label: str, box: Container, streams: Sequence[str]
) -> dict[str, Any] | None:
    """Return the container type a name describes, or None when it names no container."""
    if box.kind is None:
        return None
    container: dict[str, Any] = {"id": sid, "name": label, "type": box.kind}
    if box.capacity_litres is not None and 1 <= box.capacity_litres <= 5000:
        container["capacity_litres"] = box.capacity_litres
    if box.colour:
        container["colour"] = box.colour
    if box.lid_colour:
        container["lid_colour"] = box.lid_colour
    container["streams"] = list(streams)
    if box.kind == "sack":
        container["disposable"] = True
    return container


def _said(
    where: _Input, at: Sequence[str | int], label: str, reading: BinName, stream: str | None,
    mapping: CouncilMapping | None,
) -> list[Finding]:
    """Return what the reading of a name must tell the user: nothing is decided silently."""
    said: list[Finding] = []
    council = mapping.council if mapping is not None else "this council"
    if not reading.streams:
        said.append(where.finding(
            "convert.unmapped-bin-type", at, _unmapped_message(label, reading, mapping),
            label, Severity.WARNING,
        ))
    for part, meaning in reading.council_meanings:
        said.append(where.finding(
            "convert.council-mapping", at,
            f"{part!r} names no waste; {council}'s mapping ({_source(mapping)}) says it holds "
            f"{_streams(meaning.streams)}. Evidence: {meaning.evidence}.",
            label, Severity.INFO,
        ))
    if reading.unexplained:
        parts = ", ".join(repr(p) for p in reading.unexplained)
        said.append(where.finding(
            "convert.partly-mapped-bin-type", at,
            f"{label!r} also lists {parts}, which give only a colour; what that holds in "
            f"{council} is not known, so the service's streams may be incomplete. "
            + _mapping_hint(mapping),
            label, Severity.WARNING,
        ))
    if stream is not None and reading.streams and not _holds_all(reading.streams, stream):
        said.append(where.finding(
            "convert.streams-folded", at,
            f"{label!r} names {_streams(reading.streams)}; waste-property-schedule 1 holds one "
            f"stream a service, so its stream is {stream!r} and the name keeps the rest.",
            label, Severity.INFO,
        ))
    if reading.moved:
        said.append(where.finding(
            "convert.moved-collection", at,
            f"{label!r} says its collection replaces another day's (such as a bank holiday's), "
            "but not which day, so it is listed as a scheduled collection (changed: false) of "
            "a service of its own.",
            label, Severity.WARNING,
        ))
    return said


def _unmapped_message(label: str, reading: BinName, mapping: CouncilMapping | None) -> str:
    """Explain why a name was given the stream 'other', and how to do better."""
    if reading.colours:
        colours = " and ".join(dict.fromkeys(reading.colours))
        what = (f"names no waste, only a colour ({colours}), which means different waste in "
                "different councils")
    else:
        what = "names no waste stream lgstandards recognises"
    return (
        f"{label!r} {what}, so its service has the stream 'other'. " + _mapping_hint(mapping)
        + " docs/conversions.md lists the words understood."
    )


def _mapping_hint(mapping: CouncilMapping | None) -> str:
    """Say where a council's colours can be explained."""
    if mapping is None:
        return ("Say what this council's colours hold in a mapping file "
                "(src/lgstandards/conversions/data/ukbcd/README.md), or set the stream by hand.")
    return f"Add it to {_source(mapping)} with its evidence, or set the stream by hand."


def _source(mapping: CouncilMapping | None) -> str:
    """Return the mapping's file, for messages."""
    return mapping.source if mapping is not None else "no mapping"


def _streams(streams: Sequence[str]) -> str:
    """Return streams for a sentence: 'glass', 'glass and metals', 'food, garden and glass'."""
    quoted = [repr(s) for s in streams]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _holds_all(streams: Sequence[str], stream: str) -> bool:
    """Return whether the one 1.x stream says everything the name's streams say."""
    if tuple(streams) == (stream,):
        return True
    if stream == "food_garden":
        return set(streams) == {"food", "garden"}
    dry = {"paper_card": {"paper", "card", "paper_card"}, "glass": {"glass"},
           "plastics_cans": {"plastics", "metals", "cartons", "plastic_film"},
           "mixed_recycling": {"mixed_recycling"}}
    return stream in dry and set(streams) <= dry[stream] | (
        set().union(*dry.values()) if stream == "mixed_recycling" else set()
    )


def _property(
    uprn: str, council: dict[str, str], extra: Mapping[str, str], major: int
) -> dict[str, Any]:
    """Build the property: UPRN and council, plus an address when all its parts are given."""
    place: dict[str, Any] = {"uprn": uprn}
    if extra.get("usrn"):
        place["usrn"] = extra["usrn"]
    parts = {key: extra[key] for key in ("paon", "street", "town") if extra.get(key)}
    if len(parts) == 3:
        address: dict[str, Any] = dict(parts)
        if extra.get("postcode"):
            # 2.0.0 wants a postcode as Royal Mail writes it; a spacing slip is mended.
            given = extra["postcode"]
            address["postcode"] = (normal_postcode(given) or given) if major >= 2 else given
        place["address"] = address
    place["collection_authority"] = dict(council)
    return place


def _extensions(extra: Mapping[str, str], place: Mapping[str, Any]) -> dict[str, Any]:
    """Keep a postcode that has no address to go in, so it is not lost."""
    if extra.get("postcode") and "address" not in place:
        return {"ukbcd_postcode": extra["postcode"]}
    return {}


# -- export ----------------------------------------------------------------------------------------

#: Collections the scrapers' format lists: upcoming ones, not done or cancelled.
UPCOMING = frozenset({"scheduled", "in_progress"})


@dataclass(frozen=True)
class BinsExport:
    """The scrapers' format for one schedule, and how many collections it left out."""

    bins: tuple[Mapping[str, str], ...]
    #: Collections not written because they are done, cancelled or before the start date.
    left_out: int

    def to_json(self) -> str:
        """Return `{"bins": [...]}` as the scrapers write it."""
        return json.dumps({"bins": [dict(b) for b in self.bins]}, indent=2, ensure_ascii=False)


def to_bins(record: Mapping[str, Any], since: str | None = None) -> BinsExport:
    """Return a schedule's upcoming collections as `{"bins": [...]}` entries, in date order.

    Upcoming means scheduled or in progress, on or after `since` (YYYY-MM-DD; by default the
    day the record was generated). Each entry's type is the service's name and its date the day
    the collection really happens, as dd/mm/yyyy.
    """
    if since is None:
        generated = record.get("generated_at")
        since = generated[:10] if isinstance(generated, str) else ""
    names = {
        service.get("id"): service.get("name")
        for service in record.get("services", ()) if isinstance(service, dict)
    }
    chosen: list[tuple[str, int, str]] = []
    collections = [c for c in record.get("collections", ()) if isinstance(c, dict)]
    for position, item in enumerate(collections):
        day = item.get("date")
        if item.get("status") in UPCOMING and isinstance(day, str) and day >= since:
            label = names.get(item.get("service_id")) or str(item.get("service_id"))
            chosen.append((day, position, label))
    chosen.sort()
    bins = tuple(
        {"type": label, "collectionDate": f"{day[8:10]}/{day[5:7]}/{day[:4]}"}
        for day, _, label in chosen
    )
    return BinsExport(bins, len(collections) - len(bins))
