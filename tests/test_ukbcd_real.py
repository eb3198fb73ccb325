"""The bin scrapers' real output converted: a waste officer's verdict on every name, none silent."""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lgstandards.cli import main
from lgstandards.conformance import Checker
from lgstandards.conversions import ConversionError, ConversionOptions, ConversionResult
from lgstandards.conversions.bin_names import STREAMS, read_name, schedule_stream
from lgstandards.conversions.council_mappings import (
    for_council,
    load_mapping,
    mapping_schema,
    shipped_mappings,
)
from lgstandards.conversions.ukbcd import CONVERTER
from lgstandards.findings import Severity
from lgstandards.rules import RuleOptions

REAL = Path(__file__).resolve().parent / "data" / "real" / "ukbcd"
OUTPUTS = sorted((REAL / "outputs").glob("*.json"))
COUNCILS: dict[str, dict[str, str]] = json.loads((REAL / "councils.json").read_text())
VERDICTS: list[dict[str, Any]] = json.loads((REAL / "verdicts.json").read_text())
MAPPINGS = Path(__file__).resolve().parents[1] / "src" / "lgstandards" / "conversions" / "data"
CHECKER = Checker.for_standard("waste-property-schedule@1", options=RuleOptions())
CHECKER_2 = Checker.for_standard(
    "waste-property-schedule@2", options=RuleOptions(), allow_draft=True
)


def _gss(council: str) -> str:
    meta = COUNCILS[council]
    return meta.get("LAD24CD") or meta["successor_LAD24CD"]


@cache
def _convert(council: str, to: str = "waste-property-schedule@1") -> ConversionResult:
    path = REAL / "outputs" / f"{council}.json"
    uprn = COUNCILS[council].get("uprn", "100023336956")
    return CONVERTER.convert(path, ConversionOptions(
        gss_code=_gss(council), source_name=council,
        extra={"uprn": uprn, "generated_at": "2023-07-01T06:00:00Z", "to": to},
    ))


def _services(council: str) -> dict[str, dict[str, Any]]:
    (record,) = _convert(council).records
    return {service["name"]: service for service in record["services"]}


def _codes(council: str) -> Counter[str]:
    return Counter(f.code for f in _convert(council).findings)


def test_the_fixtures_are_the_scrapers_98_councils() -> None:
    """All 98 stored outputs are here, each with its council's GSS code."""
    assert len(OUTPUTS) == 98
    assert {p.stem for p in OUTPUTS} == set(COUNCILS)


@pytest.mark.parametrize("path", OUTPUTS, ids=[p.stem for p in OUTPUTS])
def test_every_real_output_converts_to_a_conforming_schedule(path: Path) -> None:
    """Each output becomes a schedule that meets 1.x and 2.0.0, or is refused with a reason."""
    if path.stem == "WiganBoroughCouncil":
        with pytest.raises(ConversionError, match="older shape"):
            _convert(path.stem)
        return
    result = _convert(path.stem)
    for record in result.records:
        assert CHECKER.check_record(record) == []
    if not result.records:
        # A scrape that failed wholesale: every bin is reported, and then that nothing is left.
        assert _codes(path.stem)["convert.no-bins"] == 1
    two = _convert(path.stem, "waste-property-schedule@2")
    assert two.target == "waste-property-schedule@2.0.0"
    assert len(two.records) == len(result.records)
    for record in two.records:
        assert CHECKER_2.check_record(record) == []
        assert record["$schema"].endswith("/waste-property-schedule/2.0.0/schema.json")
        assert not record["property"]["uprn"].startswith("0")
    # Only 1.x folds streams; everything else is reported alike.
    assert [f.code for f in two.findings] == [
        f.code for f in result.findings if f.code != "convert.streams-folded"
    ]


def test_2_0_0_holds_every_stream_a_name_names() -> None:
    """Written as 2.0.0, combined names keep all their streams, main first, nothing folded."""
    def streams(council: str) -> dict[str, list[str]]:
        (record,) = _convert(council, "waste-property-schedule@2").records
        return {s["name"]: s["streams"] for s in record["services"]}

    assert streams("MertonCouncil")["Plastics, glass, cans and cartons"] == [
        "plastics", "glass", "metals", "cartons"
    ]
    assert streams("SalfordCityCouncil")["Food and garden waste"] == ["food", "garden"]
    assert streams("EastDevonDC")["Recycling and food waste"] == ["mixed_recycling", "food"]
    assert streams("WokingBoroughCouncil")["Batteries/small electricals/textiles"] == [
        "batteries", "small_weee", "textiles"
    ]
    assert streams("LeedsCityCouncil")["GREEN"] == ["other"]
    # East Devon's scraper is run with a zero-padded UPRN; 2.0.0 writes it as OS issues it.
    (record,) = _convert("EastDevonDC", "waste-property-schedule@2").records
    assert COUNCILS["EastDevonDC"]["uprn"] == "010000273781"
    assert record["property"]["uprn"] == "10000273781"


def _names() -> list[tuple[str, str]]:
    """Return every (council, bin name) in the outputs, as the scrapers wrote them."""
    found: dict[tuple[str, str], None] = {}
    for path in OUTPUTS:
        data = json.loads(path.read_text())
        for entry in data.get("bins", []) if isinstance(data.get("bins"), list) else []:
            name = entry.get("type", entry.get("bin_type")) if isinstance(entry, dict) else None
            if isinstance(name, str) and name.strip():
                found[(path.stem, " ".join(name.split()))] = None
    return list(found)


def test_every_name_gets_the_verdict_a_waste_officer_gives() -> None:
    """Every bin name in the 98 outputs is read as verdicts.json says, and none is unreviewed."""
    expected = {(v["council"], v["name"]): v for v in VERDICTS}
    names = _names()
    assert set(names) == set(expected), "review the names without a verdict, and add them"
    for council, name in names:
        verdict = expected[(council, name)]
        reading = read_name(name, for_council(_gss(council)))
        stream = schedule_stream(reading.streams) if reading.streams else "other"
        warning = ("convert.unmapped-bin-type" if not reading.streams
                   else "convert.partly-mapped-bin-type" if reading.unexplained else None)
        assert (list(reading.streams), stream, warning) == (
            verdict["streams"], verdict["stream"], verdict.get("warning")
        ), (council, name)


def test_the_converter_gives_each_service_its_verdict() -> None:
    """Each service the converter writes has its name's verdict, and the warning due, if any."""
    expected = {(v["council"], v["name"]): v for v in VERDICTS}
    services = 0
    for path in OUTPUTS:
        if path.stem == "WiganBoroughCouncil":
            continue
        warned = {
            (f.value, f.code) for f in _convert(path.stem).findings
            if f.code in ("convert.unmapped-bin-type", "convert.partly-mapped-bin-type")
        }
        for record in _convert(path.stem).records:
            for service in record["services"]:
                verdict = expected[(path.stem, service["name"])]
                assert service["stream"] == verdict["stream"]
                assert {c for n, c in warned if n == service["name"]} == (
                    {verdict["warning"]} if "warning" in verdict else set()
                )
                services += 1
    # Charnwood's and Crawley's dates are all in 1900 (a lost year), Huntingdon's and
    # Hounslow's are written 'Monday 24 July 2023': refused, not guessed, so no schedule.
    empty = {p.stem for p in OUTPUTS
             if p.stem != "WiganBoroughCouncil" and not _convert(p.stem).records}
    assert empty == {"CharnwoodBoroughCouncil", "CrawleyBoroughCouncil",
                     "HuntingdonDistrictCouncil", "LondonBoroughHounslow"}
    assert services == sum(1 for v in VERDICTS if v["council"] not in empty)


@pytest.mark.parametrize(
    ("council", "name", "stream"),
    [
        # Words that name the waste beat a colour.
        ("NeathPortTalbotCouncil", "Food waste (Green bin)", "food"),
        ("FenlandDistrictCouncil", "Household waste bin (green)", "residual"),
        ("SwaleBoroughCouncil", "Green bin or black sacks (general household waste)", "residual"),
        # A combined name is its main stream, not the minor one.
        ("CrawleyBoroughCouncil", "Rubbish and Small Electricals Collection", "residual"),
        ("CrawleyBoroughCouncil", "Recycling and Textiles Collection", "mixed_recycling"),
        ("EastDevonDC", "Recycling and food waste (bank holiday replacement)", "mixed_recycling"),
        ("EastleighBoroughCouncil", "Glass Box and Batteries", "glass"),
        ("MertonCouncil", "Plastics, glass, cans and cartons", "mixed_recycling"),
        ("CroydonCouncil", "Glass, plastics, cans and cartons recycling", "mixed_recycling"),
        ("NorthLanarkshireCouncil", "Food and Garden", "food_garden"),
        ("EastDevonDC", "Recycling and food waste", "mixed_recycling"),
        ("HighPeakCouncil", "Recycling with food and garden", "mixed_recycling"),
        ("RushmoorCouncil", "General waste/Garden", "residual"),
        ("NeathPortTalbotCouncil", "Plastic / Tins / Cans (White bag)", "plastics_cans"),
        # CamelCase and the words for household rubbish.
        ("SouthNorfolkCouncil", "RefuseBin", "residual"),
        ("LisburnCastlereaghCityCouncil", "ResidualBin", "residual"),
        ("SouthNorfolkCouncil", "RecycleBin", "mixed_recycling"),
        ("WakefieldCityCouncil", "Household waste", "residual"),
        ("SouthTynesideCouncil", "Household", "residual"),
        ("WakefieldCityCouncil", "Garden waste recycling", "garden"),
        ("BexleyCouncil", "Food recycling box", "food"),
        ("NorthTynesideCouncil", "Special collection (bookable)", "bulky"),
        # Colours only, read through the council's own mapping.
        ("EastRidingCouncil", "Green Bin", "residual"),
        ("BoltonCouncil", "Green bin", "garden"),
        ("ManchesterCityCouncil", "Black / Grey Bin", "residual"),
        ("CastlepointDistrictCouncil", "Pink collection", "mixed_recycling"),
        # Colours only, and nobody has said what they mean: other, with a warning.
        ("LeedsCityCouncil", "GREEN", "other"),
        ("StockportBoroughCouncil", "Blue bin", "other"),
        ("MiltonKeynesCityCouncil", "Weekly collection", "other"),
    ],
)
def test_names_from_the_issue(council: str, name: str, stream: str) -> None:
    """The names that went wrong before are read as a waste officer reads them."""
    reading = read_name(name, for_council(_gss(council)))
    assert (schedule_stream(reading.streams) if reading.streams else "other") == stream


def test_a_colour_only_name_without_a_mapping_is_other_with_a_warning() -> None:
    """Leeds' 'GREEN' is a colour alone: other, and a warning saying how to map it."""
    (finding,) = [f for f in _convert("LeedsCityCouncil").findings if f.value == "GREEN"
                  and f.code == "convert.unmapped-bin-type"]
    assert finding.severity is Severity.WARNING
    assert "only a colour (green)" in finding.message
    assert "README.md" in finding.message
    assert finding.pointer.startswith("/bins/") and finding.pointer.endswith("/type")


def test_a_council_mapping_is_said_not_assumed() -> None:
    """When a council's mapping decides a stream, an info finding says so, with its evidence."""
    findings = _convert("EastRidingCouncil").findings
    said = [f for f in findings if f.code == "convert.council-mapping"]
    assert {f.value for f in said} == {"Green Bin", "Blue Bin", "Brown Bin"}
    assert all(f.severity is Severity.INFO for f in said)
    green = next(f for f in said if f.value == "Green Bin")
    assert "data/ukbcd/EastRidingCouncil.json" in green.message
    assert "General Waste" in green.message  # The evidence is quoted.


def test_fields_that_are_not_carried_are_reported() -> None:
    """Guildford's previousCollectionDate is reported at each place, not dropped in silence."""
    found = [f for f in _convert("GuildfordCouncil").findings
             if f.code == "convert.field-not-carried"]
    assert len(found) == 4
    assert all(f.pointer.endswith("/previousCollectionDate") for f in found)
    assert all(f.severity is Severity.WARNING for f in found)


def test_renamed_fields_are_read_and_reported() -> None:
    """Merton's bin_type and Salford's collectionTime are read, and each reading is reported."""
    merton = _services("MertonCouncil")
    assert set(merton) == {"Food waste", "Paper and card", "Plastics, glass, cans and cartons",
                           "Rubbish", "Textiles", "Household batteries"}
    assert _codes("MertonCouncil")["convert.field-renamed"] == 6
    salford = _convert("SalfordCityCouncil")
    assert salford.records and _codes("SalfordCityCouncil")["convert.bad-date"] == 0
    renamed = [f for f in salford.findings if f.code == "convert.field-renamed"]
    assert renamed and all(f.pointer.endswith("/collectionTime") for f in renamed)


def test_a_moved_collection_is_not_passed_off_as_unmoved_in_silence() -> None:
    """East Devon's '(bank holiday replacement)' is flagged: the format cannot say from when."""
    moved = [f for f in _convert("EastDevonDC").findings if f.code == "convert.moved-collection"]
    assert [f.value for f in moved] == ["Recycling and food waste (bank holiday replacement)"]


def test_figures_before_and_after() -> None:
    """Of 317 names, the old rules left 76 as other and put 16 on a wrong stream; now 12, warned."""
    unmapped = [v for v in VERDICTS if v.get("warning") == "convert.unmapped-bin-type"]
    assert len(VERDICTS) == 317
    assert len(unmapped) == 12
    assert all(v["stream"] == "other" and not v["streams"] for v in unmapped)
    mapped_by_council = sum(
        1 for p in OUTPUTS if p.stem != "WiganBoroughCouncil"
        for f in _convert(p.stem).findings if f.code == "convert.council-mapping"
    )
    assert mapped_by_council == 45


def test_cli_summary_says_every_value_was_mapped_only_when_true(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A dropped field means the summary does not claim every value was mapped."""
    out = tmp_path / "schedule.ndjson"
    args = ["convert", "--from", "ukbcd-bins", "--uprn", "1", "-o", str(out),
            "--generated-at", "2023-07-01T06:00:00Z"]
    assert main([*args, str(REAL / "outputs" / "GuildfordCouncil.json"),
                 "--council", "E07000209"]) == 0
    err = capsys.readouterr().err
    assert "Every value was mapped" not in err
    assert "Not every value was mapped as given" in err
    assert "[convert.field-not-carried]" in err
    assert main([*args, str(REAL / "outputs" / "CardiffCouncil.json"),
                 "--council", "W06000015"]) == 0
    assert "Every value was mapped." in capsys.readouterr().err


def test_a_mapping_file_can_be_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--mapping reads a council's colours from a file being written, checked as it is read."""
    mapping = tmp_path / "LeedsCityCouncil.json"
    mapping.write_text(json.dumps({
        "council": "Leeds City Council", "ukbcd_council": "LeedsCityCouncil",
        "gss_code": "E08000035",
        "colours": {"green": {"streams": ["mixed_recycling"],
                              "evidence": "Leeds City Council's bin guide (a test)"}},
    }))
    out = tmp_path / "schedule.ndjson"
    assert main(["convert", "--from", "ukbcd-bins", str(REAL / "outputs" / "LeedsCityCouncil.json"),
                 "--uprn", "72506983", "--council", "E08000035", "--mapping", str(mapping),
                 "--generated-at", "2023-07-01T06:00:00Z", "--to", "waste-property-schedule@1",
                 "-o", str(out)]) == 0
    record = json.loads(out.read_text().splitlines()[0])
    streams = {s["name"]: s["stream"] for s in record["services"]}
    assert streams == {"GREEN": "mixed_recycling", "BLACK": "other", "BROWN": "other"}
    capsys.readouterr()
    mapping.write_text(json.dumps({"council": "Leeds", "ukbcd_council": "LeedsCityCouncil",
                                   "gss_code": "E08000035", "colours": {"teal": {}}}))
    assert main(["convert", "--from", "ukbcd-bins", str(REAL / "outputs" / "LeedsCityCouncil.json"),
                 "--uprn", "1", "--council", "E08000035", "--mapping", str(mapping)]) == 2
    assert "is not a council mapping: at /colours" in capsys.readouterr().err


# -- the shipped mapping files ---------------------------------------------------------------------


def test_the_mapping_schema_is_a_valid_schema() -> None:
    """The format's JSON Schema is itself valid 2020-12, and names only known streams."""
    jsonschema.Draft202012Validator.check_schema(mapping_schema())
    codes = set(mapping_schema()["$defs"]["meaning"]["properties"]["streams"]["items"]["enum"])
    assert codes == STREAMS - {"other"}


MAPPING_FILES = sorted((MAPPINGS / "ukbcd").glob("*.json"))


@pytest.mark.parametrize("path", MAPPING_FILES, ids=[p.stem for p in MAPPING_FILES])
def test_every_mapping_file(path: Path) -> None:
    """Each file follows the schema, is named after its scraper, and agrees with the scrapers."""
    data = json.loads(path.read_text())
    jsonschema.Draft202012Validator(mapping_schema()).validate(data)
    mapping = load_mapping(path.read_text(), path.name)
    assert path.stem == mapping.ukbcd_council
    known = COUNCILS.get(mapping.ukbcd_council, {})
    if "LAD24CD" in known:
        assert known["LAD24CD"] == mapping.gss_code
    assert not set(mapping.not_mapped) & set(mapping.colours), "mapped and not mapped at once"
    for meaning in (*mapping.colours.values(), *mapping.names.values()):
        assert schedule_stream(meaning.streams) != "other" or len(meaning.streams) > 1


def test_mappings_are_one_per_council() -> None:
    """No two files claim the same council, and every file is shipped."""
    codes = [json.loads(p.read_text())["gss_code"] for p in MAPPING_FILES]
    assert len(codes) == len(set(codes)) == len(shipped_mappings())
