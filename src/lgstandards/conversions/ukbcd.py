"""The community scrapers' `{"bins": [...]}` output, to and from waste property schedules.

UKBinCollectionData (and the apps built on it) normalise every council's website to
`{"bins": [{"type": "<free text>", "collectionDate": "dd/mm/yyyy"}]}`: a label and a date per
collection, nothing else. `UkbcdConverter` turns that into one `waste-property-schedule` record,
given the UPRN and council the scraper was run for, mapping each free-text bin name to a waste
stream and, where the name says, a kind of container (`STREAM_KEYWORDS`, `CONTAINER_KEYWORDS`).
A name that names no stream becomes the stream `other` and a `convert.unmapped-bin-type` finding
with its place in the input. `to_bins` goes the other way, so that apps built on the scrapers can
read a council's published schedules without a rewrite.
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
from lgstandards.findings import Finding, Severity, SourceLocation, join_pointer
from lgstandards.locate import LineIndex, offset_of

TARGET = "waste-property-schedule@1"
NAME = "ukbcd-bins"

#: Waste streams by the words of a bin's name, tried in order: the first rule whose words all
#: appear wins, so 'Food and garden waste' is food_garden before either alone, and
#: 'Non-recyclable waste' is residual before 'recyclable' is seen. Words are lower-cased, split on
#: anything but letters and digits, and a trailing 's' is ignored ('Plastics' is 'plastic').
#: When no rule here matches, MATERIALS and RECYCLING_WORDS are tried, then RESIDUAL_WORDS.
STREAM_KEYWORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("food", "garden"), "food_garden"),
    (("non", "recyclable"), "residual"),
    (("non", "recycling"), "residual"),
    (("garden",), "garden"),
    (("green", "waste"), "garden"),
    (("food",), "food"),
    (("kitchen",), "food"),
    (("textile",), "textiles"),
    (("clothe",), "textiles"),
    (("clothing",), "textiles"),
    (("battery",), "batteries"),
    (("batterie",), "batteries"),
    (("electrical",), "small_weee"),
    (("weee",), "small_weee"),
    (("clinical",), "clinical"),
    (("sharp",), "clinical"),
    (("nappy",), "hygiene"),
    (("nappie",), "hygiene"),
    (("hygiene",), "hygiene"),
    (("bulky",), "bulky"),
    (("black", "sack"), "residual"),
    (("black", "bag"), "residual"),
)

#: Single materials, and the stream each is collected as on its own. A name with two or more
#: (such as 'Glass and paper') is mixed recycling; one with a single material is that stream,
#: even with the word 'recycling' ('Paper recycling' is paper_card).
MATERIALS: Mapping[str, str] = {
    "paper": "paper_card", "card": "paper_card", "cardboard": "paper_card",
    "newspaper": "paper_card",
    "glas": "glass", "glass": "glass", "bottle": "glass",
    "plastic": "plastics_cans", "can": "plastics_cans", "tin": "plastics_cans",
    "carton": "plastics_cans",
}

#: Words that mean mixed dry recycling when no single material is named.
RECYCLING_WORDS = frozenset({"recycling", "recyclable", "recycle", "dmr", "mixed"})

#: Words that mean residual waste, tried last ('General recycling' is recycling).
RESIDUAL_WORDS = frozenset({"rubbish", "refuse", "general", "residual", "domestic", "landfill"})

#: Kinds of container by the words of a bin's name, tried in order. A food 'bin' is a kerbside
#: caddy; a size alone ('180L') is a wheeled bin from 100 litres, and a communal bin from 660.
CONTAINER_KEYWORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("kitchen", "caddy"), "kitchen_caddy"),
    (("caddy",), "caddy"),
    (("caddie",), "caddy"),
    (("communal",), "communal_bin"),
    (("eurobin",), "communal_bin"),
    (("reusable",), "reusable_sack"),
    (("hessian",), "reusable_sack"),
    (("sack",), "sack"),
    (("bag",), "sack"),
    (("box",), "box"),
    (("boxe",), "box"),
    (("wheelie",), "wheeled_bin"),
    (("wheeled",), "wheeled_bin"),
    (("bin",), "wheeled_bin"),
)

#: Colours residents describe containers by.
COLOURS = frozenset({
    "black", "blue", "brown", "green", "grey", "gray", "purple", "red", "white", "yellow",
    "orange", "pink", "burgundy", "maroon", "silver", "beige",
})

_WORD = re.compile(r"[a-z0-9]+")
_LITRES = re.compile(r"\b(\d{2,4})\s*(?:l|lt|ltr|litre|litres|liter|liters)\b")
_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_UPRN = re.compile(r"[0-9]{1,12}")
_COUNCIL_GSS = re.compile(r"(E0[6-9]|W06|S12|N09)[0-9]{6}")
_ORGANISATION = re.compile(
    r"(local-authority|local-planning-authority|national-park-authority|development-corporation"
    r"|waste-authority|government-organisation):[A-Za-z0-9]{1,16}"
)


def _words(text: str) -> list[str]:
    """Return a name's words, lower-cased, with one trailing 's' dropped ('bins' is 'bin')."""
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _WORD.findall(text.lower())]


@dataclass(frozen=True)
class BinType:
    """What a free-text bin name says: a waste stream, maybe a container, and its colour."""

    stream: str | None
    container: str | None = None
    colour: str | None = None
    lid_colour: str | None = None
    capacity_litres: int | None = None


def classify(name: str) -> BinType:
    """Map a bin's name to a stream (None if it names none) and whatever it says of the bin."""
    words = _words(name)
    present = set(words)
    stream = _stream(present)
    container = next(
        (kind for keys, kind in CONTAINER_KEYWORDS if present.issuperset(keys)), None
    )
    litres = _LITRES.search(name.lower())
    capacity = int(litres.group(1)) if litres else None
    if container == "wheeled_bin" and stream == "food":
        container = "caddy"  # A council's 'food waste bin' is the kerbside caddy.
    if container in ("wheeled_bin", None) and capacity is not None:
        # '180L General Waste' names a bin by its size alone.
        if capacity >= 660:
            container = "communal_bin"
        elif capacity >= 100:
            container = "wheeled_bin"
    colour = lid = None
    for position, word in enumerate(words):
        if word in COLOURS:
            following = words[position + 1] if position + 1 < len(words) else ""
            if following in ("lid", "lidded") and lid is None:
                lid = "grey" if word == "gray" else word
            elif colour is None:
                colour = "grey" if word == "gray" else word
    return BinType(stream, container, colour, lid, capacity)


def _stream(present: set[str]) -> str | None:
    """Return the stream the words name, by the keyword rules, else None."""
    for keys, stream in STREAM_KEYWORDS:
        if present.issuperset(keys):
            return stream
    materials = {MATERIALS[word] for word in present if word in MATERIALS}
    if len(materials) == 1:
        return materials.pop()
    if materials or present & RECYCLING_WORDS:
        return "mixed_recycling"
    if present & RESIDUAL_WORDS:
        return "residual"
    return None


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
    target = TARGET

    def convert(self, source: Path | bytes, options: ConversionOptions) -> ConversionResult:
        """Convert one scraper output, reporting each bin that could not be carried across."""
        name = options.source_name or (str(source) if isinstance(source, Path) else "<input>")
        data, text = _read(source, name)
        extra = options.extra
        uprn = _uprn(extra.get("uprn"))
        council = _council(options)
        generated_at = _generated_at(extra.get("generated_at"))
        where = _Input(name, text)
        bins = data.get("bins") if isinstance(data, dict) else None
        if not isinstance(bins, list):
            raise ConversionError(
                f"{name} is not the scrapers' output: it has no \"bins\" list "
                "(expected {\"bins\": [{\"type\": ..., \"collectionDate\": \"dd/mm/yyyy\"}]})."
            )
        findings: list[Finding] = []
        services: dict[str, dict[str, Any]] = {}
        containers: list[dict[str, Any]] = []
        ids: dict[str, str] = {}
        collections: list[tuple[str, int, dict[str, Any]]] = []
        for index, entry in enumerate(bins):
            found = _entry(where, index, entry)
            if isinstance(found, Finding):
                findings.append(found)
                continue
            label, day = found
            if label not in ids:
                ids[label] = _unique(slug(label), set(ids.values()))
                service, container, finding = _service(where, index, label, ids[label])
                services[label] = service
                if container is not None:
                    containers.append(container)
                if finding is not None:
                    findings.append(finding)
            collections.append((day, index, {
                "service_id": ids[label], "date": day, "changed": False, "status": "scheduled",
            }))
        if not collections:
            findings.append(where.finding(
                "convert.no-bins", ["bins"],
                f"{name} has no bin with a readable type and date, so there is no schedule to "
                "write; the scraper most likely failed for this property.",
            ))
            return ConversionResult((), tuple(findings))
        record: dict[str, Any] = {
            "generated_at": generated_at,
            "publisher": council,
            "source_system": "other",
            "property": _property(uprn, council, extra),
            "services": list(services.values()),
        }
        if containers:
            record["container_types"] = containers
        # Collections go in date order, as the standard asks; equal dates keep the input's order.
        record["collections"] = [c for _, _, c in sorted(collections, key=lambda c: c[:2])]
        extensions = _extensions(extra, record["property"])
        if extensions:
            record["extensions"] = extensions
        return ConversionResult((record,), tuple(findings))


CONVERTER = UkbcdConverter()


def _read(source: Path | bytes, name: str) -> tuple[Any, str]:
    """Return the parsed input and its text, or raise ConversionError if it is not JSON."""
    try:
        raw = source if isinstance(source, bytes) else source.read_bytes()
    except IsADirectoryError:
        raise ConversionError(f"{name} is a directory, not a JSON file.") from None
    except FileNotFoundError:
        raise ConversionError(f"{name} does not exist.") from None
    except OSError as exc:
        raise ConversionError(f"{name} cannot be read: {exc.strerror}.") from None
    try:
        text = raw.decode("utf-8-sig")
        return json.loads(text), text
    except UnicodeDecodeError:
        raise ConversionError(f"{name} is not UTF-8 text.") from None
    except (ValueError, RecursionError) as exc:
        raise ConversionError(f"{name} is not valid JSON: {exc}.") from None


def _uprn(value: str | None) -> str:
    """Return the UPRN option, or raise ConversionError: without it there is no record."""
    if value is None:
        raise ConversionError(
            "the scrapers' output does not say which property it is for; give the UPRN the "
            "scraper was run with (--uprn)."
        )
    if not _UPRN.fullmatch(value):
        raise ConversionError(f"--uprn {value!r} is not a UPRN of 1 to 12 digits.")
    return value


def _council(options: ConversionOptions) -> dict[str, str]:
    """Return the council object for the publisher and collection authority."""
    if options.gss_code is None and options.organisation is None:
        raise ConversionError(
            "the scrapers' output does not say which council collects; give its GSS code "
            "(--council, such as E07000223; UKBinCollectionData lists each council's LAD24CD)."
        )
    council: dict[str, str] = {}
    if options.gss_code is not None:
        if not _COUNCIL_GSS.fullmatch(options.gss_code):
            raise ConversionError(
                f"--council {options.gss_code!r} is not the GSS code of a council that collects "
                "waste (E06, E07, E08, E09, W06, S12 or N09 and six digits)."
            )
        council["gss_code"] = options.gss_code
    if options.organisation is not None:
        if not _ORGANISATION.fullmatch(options.organisation):
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


def _entry(where: _Input, index: int, entry: Any) -> tuple[str, str] | Finding:
    """Return one bin's (type, YYYY-MM-DD date), or the finding that says why it was left out."""
    if not isinstance(entry, dict):
        return where.finding(
            "convert.bad-bin", ["bins", index],
            f"bins[{index}] is not an object with \"type\" and \"collectionDate\", so it was "
            "left out.",
        )
    label = entry.get("type")
    if not isinstance(label, str) or not label.strip():
        return where.finding(
            "convert.missing-value", ["bins", index, "type"],
            f"bins[{index}] has no type (the bin's name), so it was left out.",
            label if isinstance(label, str) else None,
        )
    raw = entry.get("collectionDate")
    day = parse_date(raw) if isinstance(raw, str) else None
    if day is None:
        return where.finding(
            "convert.bad-date", ["bins", index, "collectionDate"],
            f"bins[{index}].collectionDate {raw!r} is not a date written dd/mm/yyyy, so the "
            f"{label.strip()!r} collection was left out." + _date_hint(raw),
            raw if isinstance(raw, str) else None,
        )
    return " ".join(label.split()), day


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
    where: _Input, index: int, label: str, sid: str
) -> tuple[dict[str, Any], dict[str, Any] | None, Finding | None]:
    """Build the service (and container type, if the name says one) for a bin name."""
    kind = classify(label)
    service: dict[str, Any] = {"id": sid, "name": label, "stream": kind.stream or "other"}
    container: dict[str, Any] | None = None
    if kind.container is not None:
        container = {"id": sid, "name": label, "type": kind.container}
        if kind.capacity_litres is not None and 1 <= kind.capacity_litres <= 5000:
            container["capacity_litres"] = kind.capacity_litres
        if kind.colour:
            container["colour"] = kind.colour
        if kind.lid_colour:
            container["lid_colour"] = kind.lid_colour
        container["streams"] = [service["stream"]]
        if kind.container == "sack":
            container["disposable"] = True
        service["container_type_ids"] = [sid]
    finding = None
    if kind.stream is None:
        finding = where.finding(
            "convert.unmapped-bin-type", ["bins", index, "type"],
            f"bins[{index}].type {label!r} names no waste stream lgstandards recognises, so its "
            "service has the stream 'other'. Set the stream by hand, or name the waste in the "
            "scraper's output (such as 'Recycling' or 'Garden waste'); docs/conversions.md "
            "lists the words understood.",
            label, Severity.WARNING,
        )
    return service, container, finding


def _property(uprn: str, council: dict[str, str], extra: Mapping[str, str]) -> dict[str, Any]:
    """Build the property: UPRN and council, plus an address when all its parts are given."""
    place: dict[str, Any] = {"uprn": uprn}
    if extra.get("usrn"):
        place["usrn"] = extra["usrn"]
    parts = {key: extra[key] for key in ("paon", "street", "town") if extra.get(key)}
    if len(parts) == 3:
        address: dict[str, Any] = dict(parts)
        if extra.get("postcode"):
            address["postcode"] = extra["postcode"]
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
