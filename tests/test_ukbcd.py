"""The community scrapers' {"bins": [...]} format: into property schedules and back, unchanged."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lgstandards.cli import main
from lgstandards.conformance import Checker
from lgstandards.conversions import CONVERTERS, ConversionError, ConversionOptions
from lgstandards.conversions.ukbcd import CONVERTER, classify, parse_date, slug, to_bins
from lgstandards.registry import catalogue
from lgstandards.rules import RuleOptions

DATA = Path(__file__).resolve().parent / "data"
BINS = DATA / "ukbcd-bins.json"
MESSY = DATA / "ukbcd-bins-messy.json"
SCHEDULES = DATA.parents[1] / "standards" / "waste-property-schedule" / "1.0.0" / "examples"
def _options(**given: Any) -> ConversionOptions:
    """Return options that write waste-property-schedule 1.x, the shape these tests read."""
    # The converter writes the newest released major by default (2.x since 2026-12-05); these
    # tests are of the 1.x mapping, and test_ukbcd_real covers 2.x.
    extra = {"to": "waste-property-schedule@1", **given.pop("extra", {})}
    return ConversionOptions(extra=extra, **given)


OPTIONS = _options(
    gss_code="E07000223", extra={"uprn": "100062201563", "generated_at": "2026-12-01T06:00:00Z"}
)
CHECKER = Checker.for_standard("waste-property-schedule@1", options=RuleOptions())


def _convert(bins: Any, options: ConversionOptions = OPTIONS) -> Any:
    return CONVERTER.convert(json.dumps(bins).encode(), options)


def test_converter_is_registered() -> None:
    """`lgstandards convert --from ukbcd-bins` finds this converter, aimed at the schedule."""
    assert CONVERTERS["ukbcd-bins"] is CONVERTER
    # By default it writes the newest released major of the schedule (1 until 2.0.0 is out).
    newest = catalogue().select("waste-property-schedule").version.split(".")[0]
    assert CONVERTER.target == f"waste-property-schedule@{newest}"


# -- bin names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "stream", "container", "colour"),
    [
        ("Black General Waste Bin", "residual", "wheeled_bin", "black"),
        ("Blue Recycling Bin", "mixed_recycling", "wheeled_bin", "blue"),
        ("Brown Garden Waste Bin", "garden", "wheeled_bin", "brown"),
        ("Food Waste Bin", "food", "caddy", None),
        ("Food caddy", "food", "caddy", None),
        ("Kitchen caddy", "food", "kitchen_caddy", None),
        ("Glass Box", "glass", "box", None),
        ("Garden Waste (Subscription Only)", "garden", None, None),
        ("Food and garden waste", "food_garden", None, None),
        ("Recycling", "mixed_recycling", None, None),
        ("General recycling", "mixed_recycling", None, None),
        ("Paper and card recycling", "paper_card", None, None),
        ("Glass, cans and plastics", "mixed_recycling", None, None),
        ("360L RECYCLING PLASTIC/CANS", "plastics_cans", "wheeled_bin", None),
        ("1100L RECYCLING CARD", "paper_card", "communal_bin", None),
        ("180L GENERAL WASTE", "residual", "wheeled_bin", None),
        ("23L FOOD WASTE BIN", "food", "caddy", None),
        ("Non-recyclable waste", "residual", None, None),
        ("Refuse", "residual", None, None),
        ("Domestic", "residual", None, None),
        ("Black sack", "residual", "sack", "black"),
        ("Textiles", "textiles", None, None),
        ("Batteries", "batteries", None, None),
        ("Small electricals", "small_weee", None, None),
        ("Nappies", "hygiene", None, None),
        ("Clinical waste", "clinical", None, None),
        ("Grey Bin", None, "wheeled_bin", "grey"),
        ("Purple Bin", None, "wheeled_bin", "purple"),
        ("Green Week", None, None, "green"),
        ("Error", None, None, None),
    ],
)
def test_bin_names(
    name: str, stream: str | None, container: str | None, colour: str | None
) -> None:
    """The keyword table maps the names scrapers produce, and leaves colour-only names unmapped."""
    kind = classify(name)
    assert (kind.stream, kind.container, kind.colour) == (stream, container, colour)


def test_lid_colour_and_capacity() -> None:
    """'Blue lidded' is a lid colour, and a size in litres is the container's capacity."""
    kind = classify("240L grey bin, blue lidded")
    assert (kind.colour, kind.lid_colour, kind.capacity_litres) == ("grey", "blue", 240)


@pytest.mark.parametrize(
    ("text", "iso"),
    [("04/12/2026", "2026-12-04"), (" 29/02/2028 ", "2028-02-29"), ("31/02/2026", None),
     ("13/12/2024.", None), ("24/03/2026,24/03/2026", None), ("4/12/2026", None),
     ("2026-12-04", None), ("Friday 4 December", None)],
)
def test_dates(text: str, iso: str | None) -> None:
    """Only dd/mm/yyyy days that exist are read; anything else is refused, not guessed."""
    assert parse_date(text) == iso


def test_slugs() -> None:
    """Service ids are lower-case words joined by hyphens."""
    assert slug("Garden Waste (Subscription Only)") == "garden-waste-subscription-only"
    assert slug("!!!") == "bin"


# -- import ----------------------------------------------------------------------------------------


def test_import_gives_a_conforming_schedule() -> None:
    """The scraper output becomes one schedule that meets the standard, with nothing lost."""
    result = CONVERTER.convert(BINS, OPTIONS)
    assert result.findings == ()
    (record,) = result.records
    assert CHECKER.check_record(record) == []
    assert record["property"] == {
        "uprn": "100062201563", "collection_authority": {"gss_code": "E07000223"}
    }
    assert record["generated_at"] == "2026-12-01T06:00:00Z"
    assert [s["stream"] for s in record["services"]] == [
        "residual", "food", "mixed_recycling", "garden", "glass"
    ]
    assert record["container_types"][0] == {
        "id": "black-general-waste-bin", "name": "Black General Waste Bin",
        "type": "wheeled_bin", "colour": "black", "streams": ["residual"],
    }
    assert record["collections"][0] == {
        "service_id": "black-general-waste-bin", "date": "2026-12-04", "changed": False,
        "status": "scheduled",
    }
    dates = [c["date"] for c in record["collections"]]
    assert dates == sorted(dates) and len(dates) == 9


def test_round_trip_gives_back_the_same_bins() -> None:
    """Importing the scraper output and exporting it again gives back exactly the same JSON."""
    (record,) = CONVERTER.convert(BINS, OPTIONS).records
    assert json.loads(to_bins(record).to_json()) == json.loads(BINS.read_text())


_NAMES = st.sampled_from([
    "Black Bin", "Recycling", "Garden Waste Bin", "Food caddy", "Purple Bin", "Glass Box",
    "General Waste", "Blue bin (paper & card)", "Non-recyclable", "Green Week",
])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_NAMES, st.integers(0, 120)), min_size=1, max_size=20))
def test_any_scraper_output_round_trips(entries: list[tuple[str, int]]) -> None:
    """Any bins, in date order, come back the same through a schedule, which conforms."""
    first = date(2026, 12, 1)
    bins = [
        {"type": name, "collectionDate": (first + timedelta(days=d)).strftime("%d/%m/%Y")}
        for name, d in sorted(entries, key=lambda e: e[1])
    ]
    (record,) = _convert({"bins": bins}).records
    assert [f for f in CHECKER.check_record(record) if f.code != "codelist.unknown-code"] == []
    assert json.loads(to_bins(record).to_json()) == {"bins": bins}


def test_messy_output_reports_each_problem_where_it_is() -> None:
    """Bad dates, empty types and unknown bins are reported at their line, column and pointer."""
    result = CONVERTER.convert(MESSY, _options(
        gss_code="E07000223", source_name="messy.json",
        extra={"uprn": "100062201563", "generated_at": "2026-03-20T06:00:00Z"},
    ))
    found = [(f.code, f.pointer, f.location.line) for f in result.findings]
    assert found == [
        ("convert.bad-date", "/bins/0/collectionDate", 3),
        ("convert.bad-date", "/bins/1/collectionDate", 4),
        ("convert.missing-value", "/bins/2/type", 5),
        ("convert.unmapped-bin-type", "/bins/3/type", 6),
        ("convert.bad-bin", "/bins/4", 7),
        ("convert.bad-date", "/bins/5/collectionDate", 8),
    ]
    messages = [f.message for f in result.findings]
    assert "full stop" in messages[0]
    assert "more than one date" in messages[1]
    assert "no such day" in messages[5]
    assert all(f.location.path == "messy.json" for f in result.findings)
    (record,) = result.records
    assert CHECKER.check_record(record) == []
    assert [s["stream"] for s in record["services"]] == ["other", "mixed_recycling"]


def test_output_with_no_usable_bin_makes_no_record() -> None:
    """A scrape with no readable bin gives no schedule and says so."""
    result = _convert({"bins": [{"type": "Refuse", "collectionDate": "soon"}]})
    assert result.records == ()
    assert [f.code for f in result.findings] == ["convert.bad-date", "convert.no-bins"]
    assert _convert({"bins": []}).records == ()


@pytest.mark.parametrize(
    ("data", "options", "message"),
    [
        (b"{oops", OPTIONS, "not valid JSON"),
        (b'{"collections": []}', OPTIONS, "no \"bins\" list"),
        (b'{"bins": []}', _options(gss_code="E07000223"), "--uprn"),
        (b'{"bins": []}', _options(extra={"uprn": "1"}), "--council"),
        (b'{"bins": []}', _options(gss_code="E10000032", extra={"uprn": "1"}), "E10"),
        (b'{"bins": []}', _options(gss_code="E07000223", extra={"uprn": "12a"}),
         "not a UPRN"),
        (b'{"bins": []}', _options(
            gss_code="E07000223", extra={"uprn": "1", "generated_at": "2026-12-01"}), "offset"),
    ],
)
def test_what_cannot_be_converted(data: bytes, options: ConversionOptions, message: str) -> None:
    """Input that is not the format, or missing options, stop the conversion with a reason."""
    with pytest.raises(ConversionError, match=message if message != "E10" else "GSS code"):
        CONVERTER.convert(data, options)


def test_address_and_postcode() -> None:
    """A full address goes in the property; a postcode alone is kept in extensions."""
    bins = json.loads(BINS.read_text())
    alone = _convert(bins, _options(
        gss_code="E07000223", extra={"uprn": "1", "postcode": "BN43 5RA"})).records[0]
    assert alone["extensions"] == {"ukbcd_postcode": "BN43 5RA"}
    full = _convert(bins, _options(
        gss_code="E07000223", organisation="local-authority:ADU",
        extra={"uprn": "1", "postcode": "BN43 5RA", "paon": "3", "street": "Ferry Road",
               "town": "Shoreham-by-Sea"},
    )).records[0]
    assert full["property"]["address"] == {
        "paon": "3", "street": "Ferry Road", "town": "Shoreham-by-Sea", "postcode": "BN43 5RA"
    }
    assert full["publisher"] == {"gss_code": "E07000223", "organisation": "local-authority:ADU"}
    assert "extensions" not in full
    assert CHECKER.check_record(full) == []


def test_names_that_make_the_same_id_get_their_own() -> None:
    """Two names with one slug ('Black Bin', 'black bin') become two services."""
    bins = {"bins": [{"type": "Black Bin", "collectionDate": "01/12/2026"},
                     {"type": "black  bin", "collectionDate": "02/12/2026"}]}
    (record,) = _convert(bins).records
    assert [s["id"] for s in record["services"]] == ["black-bin", "black-bin-2"]


# -- export ----------------------------------------------------------------------------------------


def test_export_writes_upcoming_collections_only() -> None:
    """Only scheduled or in-progress collections from the day of generation are written."""
    record = json.loads((SCHEDULES / "valid" / "two-tier-district-house.json").read_text())
    result = to_bins(record)
    assert result.bins[:2] == (
        {"type": "Garden waste (subscription)", "collectionDate": "01/12/2026"},
        {"type": "Recycling", "collectionDate": "04/12/2026"},
    )
    # The moved collection is written on the day it really happens.
    assert {"type": "Rubbish", "collectionDate": "28/12/2026"} in result.bins
    assert result.left_out == 2
    assert len(to_bins(record, since="2026-12-20").bins) == 4
    record["collections"][5]["status"] = "cancelled"
    assert len(to_bins(record).bins) == 8


def test_export_command_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`convert --from ukbcd-bins` then `export ukbcd-bins` gives back the scraper's file."""
    schedule, bins = tmp_path / "schedule.ndjson", tmp_path / "bins.json"
    code = main(["convert", "--from", "ukbcd-bins", str(BINS), "--uprn", "100062201563",
                 "--council", "E07000223", "--generated-at", "2026-12-01T06:00:00Z",
                 "--check", "-o", str(schedule)])
    assert code == 0
    assert main(["export", "ukbcd-bins", str(schedule), "-o", str(bins)]) == 0
    assert json.loads(bins.read_text()) == json.loads(BINS.read_text())
    assert "Wrote 9 collections of UPRN 100062201563" in capsys.readouterr().err


def test_convert_to_2_and_export_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--to waste-property-schedule@2 writes several streams a service; export reads it back."""
    schedule, bins = tmp_path / "schedule.ndjson", tmp_path / "bins.json"
    code = main(["convert", "--from", "ukbcd-bins", str(BINS), "--uprn", "000062201563",
                 "--council", "E07000223", "--generated-at", "2026-12-01T06:00:00Z",
                 "--to", "waste-property-schedule@2", "--check", "-o", str(schedule)])
    assert code == 0, capsys.readouterr().err
    assert "Converted 1 record into waste-property-schedule@2.0.0" in capsys.readouterr().err
    record = json.loads(schedule.read_text())
    assert record["$schema"].endswith("/waste-property-schedule/2.0.0/schema.json")
    assert record["property"]["uprn"] == "62201563"
    assert all("streams" in s and "stream" not in s for s in record["services"])
    assert main(["export", "ukbcd-bins", str(schedule), "-o", str(bins)]) == 0
    assert json.loads(bins.read_text()) == json.loads(BINS.read_text())
    assert main(["convert", "--from", "ukbcd-bins", str(BINS), "--uprn", "1",
                 "--council", "E07000223", "--to", "waste-property-schedule@9"]) == 2
    assert "--to" in capsys.readouterr().err
    assert main(["convert", "--from", "ukbcd-bins", str(BINS), "--uprn", "0",
                 "--council", "E07000223"]) == 2
    assert "no property has UPRN 0" in capsys.readouterr().err


def test_convert_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Unmapped values exit 1 with their places listed; a missing UPRN cannot run (exit 2)."""
    out = tmp_path / "out.ndjson"
    assert main(["convert", "--from", "ukbcd-bins", str(MESSY), "--uprn", "1",
                 "--gss-code", "E07000223", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "ukbcd-bins-messy.json line 3, column 42" in err
    assert "[convert.unmapped-bin-type]" in err
    assert main(["convert", "--from", "ukbcd-bins", str(BINS), "--council", "E07000223"]) == 2
    assert "--uprn" in capsys.readouterr().err


def test_export_with_nothing_upcoming_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A schedule with no upcoming collection cannot be written in the scrapers' format."""
    out = tmp_path / "bins.json"
    path = SCHEDULES / "valid" / "unitary-house.json"
    assert main(["export", "ukbcd-bins", str(path), "--since", "2027-01-01", "-o", str(out)]) == 1
    assert not out.exists()
    assert "no upcoming collection" in capsys.readouterr().err


def test_without_to_the_newest_released_major_is_written() -> None:
    """With no --to, the converter writes the newest released major (2.x), and it conforms."""
    options = ConversionOptions(
        gss_code="E07000223", extra={"uprn": "100062201563", "generated_at": "2026-12-01T06:00:00Z"}
    )
    result = CONVERTER.convert(BINS, options)
    newest = catalogue().select("waste-property-schedule")
    assert newest.version.startswith("2.")
    assert result.target in (None, newest.ref) and CONVERTER.target == "waste-property-schedule@2"
    (record,) = result.records
    assert record["$schema"] == newest.schema_uri
    checker = Checker.for_standard(newest.ref, options=RuleOptions())
    assert [f for f in checker.check_record(record) if f.severity.value == "error"] == []
