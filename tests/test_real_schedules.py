"""Real councils' schedules (UKBinCollectionData's stored outputs) under the schedule 2.0.0.

Each council's dates are the scraper's, unchanged; what we add is how a waste officer would record
them: the services and their streams, each service's schedules, and the day each moved collection
was due. The schedules councils really publish (a new collection day, bank-holiday moves that slip
through the week, combined streams, three- and four-weekly rounds) must be valid, and a schedule
that leaves out what the dates show must get the verdict a waste officer would give.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from lgstandards.conformance import Checker
from lgstandards.findings import Finding, Severity
from lgstandards.rules import RuleOptions

DATA = Path(__file__).resolve().parent / "data" / "real" / "ukbcd-schedules"
SCHEMA = "https://schemas.lgstandards.org/waste-property-schedule/2.0.0/schema.json"
CHECKER = Checker.for_standard("waste-property-schedule@2.0.0", options=RuleOptions(),
                               allow_draft=True)

WEEKLY, FORTNIGHTLY = "FREQ=WEEKLY;BYDAY={}", "FREQ=WEEKLY;INTERVAL=2;BYDAY={}"
THREE_WEEKLY, FOUR_WEEKLY = "FREQ=WEEKLY;INTERVAL=3;BYDAY={}", "FREQ=WEEKLY;INTERVAL=4;BYDAY={}"


@dataclass(frozen=True)
class Service:
    """How we record one of a council's services: its id, streams and schedules."""

    id: str
    streams: tuple[str, ...]
    schedules: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Council:
    """One council's stored output, and how a waste officer would record it."""

    file: str
    gss_code: str
    generated_at: str
    #: The scraper's bin name -> the service it is a collection of.
    services: dict[str, Service]
    #: (bin name, date as given) -> (the day it was due, why it moved).
    moves: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)


def _schedule(rule: str, day: str, start: str, **more: Any) -> dict[str, Any]:
    return {"frequency": rule.format(day), "start_date": start, **more}


GATESHEAD = Council(
    "GatesheadCouncil.json", "E08000037", "2023-01-01T06:00:00Z",
    # The output holds January and October to December: the collection day moved from Monday to
    # Tuesday in between, so each service has two schedules, with none in force between them.
    {
        "Recycling": Service("recycling", ("mixed_recycling",), (
            _schedule(FORTNIGHTLY, "MO", "2023-01-02", effective_to_date="2023-02-12"),
            _schedule(FORTNIGHTLY, "TU", "2023-10-24", effective_from_date="2023-10-23",
                      change_reason="round_change"),
        )),
        "Household Waste": Service("household", ("residual",), (
            _schedule(FORTNIGHTLY, "MO", "2023-01-09", effective_to_date="2023-02-12"),
            _schedule(FORTNIGHTLY, "TU", "2023-10-31", effective_from_date="2023-10-23",
                      change_reason="round_change"),
        )),
    },
    {("Household Waste", "27/12/2023"): ("2023-12-26", "christmas")},
)

AYLESBURY = Council(
    "AylesburyValeCouncil.json", "E06000060", "2023-08-01T06:00:00Z",
    {
        "Refuse": Service("refuse", ("residual",), (_schedule(FORTNIGHTLY, "MO", "2023-08-07"),)),
        "Food": Service("food", ("food",), (_schedule(WEEKLY, "MO", "2023-08-07"),)),
        "Garden": Service("garden", ("garden",), (_schedule(FORTNIGHTLY, "MO", "2023-08-14"),)),
        "Recycling": Service("recycling", ("mixed_recycling",),
                             (_schedule(FORTNIGHTLY, "MO", "2023-08-14"),)),
    },
    {(name, "29/08/2023"): ("2023-08-28", "bank_holiday")
     for name in ("Food", "Garden", "Recycling")},
)

_EAST_DEVON_RECYCLING = Service("recycling-food", ("mixed_recycling", "food"), (
    _schedule(WEEKLY, "MO", "2023-07-03",
              exceptions=[{"date": "2023-08-28", "reason": "bank_holiday"}],
              additions=[{"date": "2023-08-29", "reason": "bank_holiday",
                          "description": "Bank holiday replacement"}]),
))
EAST_DEVON = Council(
    "EastDevonDC.json", "E07000040", "2023-07-01T06:00:00Z",
    {
        "Recycling and food waste": _EAST_DEVON_RECYCLING,
        "Recycling and food waste (bank holiday replacement)": _EAST_DEVON_RECYCLING,
        "Rubbish": Service("rubbish", ("residual",),
                           (_schedule(THREE_WEEKLY, "MO", "2023-07-03"),)),
    },
)

NORTHUMBERLAND = Council(
    "NorthumberlandCouncil.json", "E06000057", "2023-07-15T06:00:00Z",
    {
        "Garden waste bin": Service("garden", ("garden",),
                                    (_schedule(FORTNIGHTLY, "MO", "2023-07-17"),)),
        "Rubbish bin": Service("rubbish", ("residual",),
                               (_schedule(FORTNIGHTLY, "WE", "2023-07-19"),)),
        "Recycling bin": Service("recycling", ("mixed_recycling",),
                                 (_schedule(FORTNIGHTLY, "WE", "2023-07-26"),)),
        "Glass bin": Service("glass", ("glass",), (_schedule(FOUR_WEEKLY, "FR", "2023-08-11"),)),
    },
    {
        # The bank holiday Monday moved that week's collections a day later, Wednesday's too.
        ("Garden waste bin", "29/08/2023"): ("2023-08-28", "bank_holiday"),
        ("Rubbish bin", "31/08/2023"): ("2023-08-30", "bank_holiday"),
        ("Recycling bin", "28/12/2023"): ("2023-12-27", "christmas"),
        ("Rubbish bin", "04/01/2024"): ("2024-01-03", "christmas"),
    },
)

NORTH_LANARKSHIRE = Council(
    "NorthLanarkshireCouncil.json", "S12000050", "2023-07-15T06:00:00Z",
    {
        "Blue-lidded Recycling Bin": Service("paper-card", ("paper_card",),
                                             (_schedule(THREE_WEEKLY, "TH", "2023-07-20"),)),
        "General Waste": Service("general", ("residual",),
                                 (_schedule(THREE_WEEKLY, "TH", "2023-07-27"),)),
        "Food and Garden": Service("food-garden", ("food", "garden"),
                                   (_schedule(FORTNIGHTLY, "TH", "2023-07-27"),)),
        "Glass, Metals, Plastics and Cartons": Service(
            "glass-metals-plastics-cartons", ("glass", "metals", "plastics", "cartons"),
            (_schedule(THREE_WEEKLY, "TH", "2023-08-03"),)),
    },
)

VALE_OF_GLAMORGAN = Council(
    "ValeofGlamorganCouncil.json", "W06000014", "2023-07-15T06:00:00Z",
    {
        "Black bag": Service("black-bag", ("residual",),
                             (_schedule(THREE_WEEKLY, "TH", "2023-08-03"),)),
        "Separated recycling": Service("recycling", ("mixed_recycling",),
                                       (_schedule(WEEKLY, "TH", "2023-07-20"),)),
    },
    {("Black bag", "30/12/2023"): ("2023-12-28", "christmas")},
)

CROYDON = Council(
    "CroydonCouncil.json", "E09000008", "2023-07-15T06:00:00Z",
    {
        "Food waste": Service("food", ("food",), (_schedule(WEEKLY, "TH", "2023-07-20"),)),
        "Glass, plastics, cans and cartons recycling": Service(
            "glass-plastics-cans-cartons", ("glass", "plastics", "metals", "cartons"),
            (_schedule(FORTNIGHTLY, "TH", "2023-07-20"),)),
        "Paper and card recycling": Service("paper-card", ("paper_card",),
                                            (_schedule(FORTNIGHTLY, "TH", "2023-07-27"),)),
        "General rubbish": Service("rubbish", ("residual",),
                                   (_schedule(FORTNIGHTLY, "TH", "2023-07-27"),)),
    },
)

CRAWLEY = Council(
    "CrawleyBoroughCouncil.json", "E07000226", "2023-07-14T06:00:00Z",
    {
        "Rubbish and Small Electricals Collection": Service(
            "rubbish-electricals", ("residual", "small_weee"),
            (_schedule(FORTNIGHTLY, "MO", "2023-07-17"),)),
        "Recycling and Textiles Collection": Service(
            "recycling-textiles", ("mixed_recycling", "textiles"),
            (_schedule(FORTNIGHTLY, "MO", "2023-07-24"),)),
    },
)

COUNCILS = [GATESHEAD, AYLESBURY, EAST_DEVON, NORTHUMBERLAND, NORTH_LANARKSHIRE,
            VALE_OF_GLAMORGAN, CROYDON]


def _bins(council: Council) -> list[tuple[str, str]]:
    """Return (bin name, date as given) of a council's stored output."""
    data = json.loads((DATA / council.file).read_text())
    return [(entry["type"], entry["collectionDate"]) for entry in data["bins"]]


def _iso(text: str) -> str:
    return datetime.strptime(text, "%d/%m/%Y").date().isoformat()


def record(council: Council) -> dict[str, Any]:
    """Return the council's output as a waste-property-schedule 2.0.0 record."""
    publisher = {"gss_code": council.gss_code}
    services: dict[str, dict[str, Any]] = {}
    for name, service in council.services.items():
        services.setdefault(service.id, {
            "id": service.id, "name": name, "streams": list(service.streams),
            "schedules": [dict(schedule) for schedule in service.schedules],
        })
    collections = []
    for name, given in _bins(council):
        day = _iso(given)
        item: dict[str, Any] = {"service_id": council.services[name].id, "date": day}
        if (name, given) in council.moves:
            due, reason = council.moves[(name, given)]
            item.update(original_date=due, changed=True, change_reason=reason)
        else:
            item["changed"] = False
        item["status"] = "scheduled"
        collections.append(item)
    collections.sort(key=lambda item: item["date"])
    return {
        "$schema": SCHEMA, "generated_at": council.generated_at, "publisher": publisher,
        "source_system": "other",
        "property": {"uprn": "100000000001", "collection_authority": publisher},
        "services": list(services.values()), "collections": collections,
    }


def _found(rec: dict[str, Any]) -> list[Finding]:
    return [f for f in CHECKER.check_record(rec) if f.severity is not Severity.INFO]


def _where(rec: dict[str, Any], service: str, day: str) -> str:
    """Return the pointer of the collection of a service on a day."""
    index = next(i for i, item in enumerate(rec["collections"])
                 if item["service_id"] == service and item["date"] == day)
    return f"/collections/{index}/date"


@pytest.mark.parametrize("council", COUNCILS, ids=[c.file.removesuffix(".json") for c in COUNCILS])
def test_what_councils_publish_is_a_valid_schedule(council: Council) -> None:
    """Each council's real dates, with its rounds and moves recorded, give no finding."""
    rec = record(council)
    assert len(rec["collections"]) == len(_bins(council))
    assert [(f.code, f.pointer, f.message) for f in _found(rec)] == []


def test_a_new_collection_day_is_two_schedules_not_one_rule() -> None:
    """Gateshead's Monday rule kept past the change: its Tuesday collections are not its days."""
    rec = record(GATESHEAD)
    for service in rec["services"]:
        first = service["schedules"][0]
        del first["effective_to_date"]
        service["schedules"] = [first]
    found = {(f.code, f.pointer) for f in _found(rec)}
    tuesdays = [item for item in rec["collections"] if item["date"] >= "2023-10-24"]
    assert found == {("waste.rrule-disagrees", _where(rec, item["service_id"], item["date"]))
                     for item in tuesdays if not item["changed"]} | {
        ("waste.rrule-disagrees", _where(rec, "household", "2023-12-27")
         .replace("/date", "/original_date"))}


def test_a_bank_holiday_move_left_unmarked_is_named_on_its_day() -> None:
    """Aylesbury Vale's Tuesday after the bank holiday, not marked moved, is not a Monday round."""
    rec = record(AYLESBURY)
    for item in rec["collections"]:
        if item["changed"]:
            item.update(changed=False)
            del item["original_date"], item["change_reason"]
    assert {(f.code, f.pointer) for f in _found(rec)} == {
        ("waste.rrule-disagrees", _where(rec, service, "2023-08-29"))
        for service in ("food", "garden", "recycling")
    }


def test_a_slip_through_the_week_is_a_move_too() -> None:
    """Northumberland's Thursday after the bank holiday week's Wednesday is a moved collection."""
    rec = record(NORTHUMBERLAND)
    slipped = next(item for item in rec["collections"] if item["date"] == "2023-08-31")
    slipped.update(changed=False)
    del slipped["original_date"], slipped["change_reason"]
    assert {(f.code, f.pointer) for f in _found(rec)} == {
        ("waste.rrule-disagrees", _where(rec, "rubbish", "2023-08-31"))}


def test_a_replacement_day_without_its_exception_and_addition_is_one_finding() -> None:
    """East Devon's bank holiday replacement day needs the schedule to say so; one finding."""
    rec = record(EAST_DEVON)
    schedule = rec["services"][0]["schedules"][0]
    del schedule["exceptions"], schedule["additions"]
    assert {(f.code, f.pointer) for f in _found(rec)} == {
        ("waste.rrule-disagrees", _where(rec, "recycling-food", "2023-08-29"))}


def test_combined_names_are_several_streams() -> None:
    """A name that combines streams is one service with each stream listed once."""
    streams = {s["name"]: s["streams"] for c in (CROYDON, NORTH_LANARKSHIRE)
               for s in record(c)["services"]}
    assert streams["Glass, plastics, cans and cartons recycling"] == [
        "glass", "plastics", "metals", "cartons"]
    assert streams["Food and Garden"] == ["food", "garden"]


def test_a_scrapers_wrong_year_is_a_warning_and_nothing_more() -> None:
    """Crawley's 1900 dates: the year is wrong, said once per collection, not as missed days."""
    rec = record(CRAWLEY)
    found = _found(rec)
    assert {(f.code, f.severity, f.pointer) for f in found} == {
        ("waste.implausible-date", Severity.WARNING, "/collections/0/date"),
        ("waste.implausible-date", Severity.WARNING, "/collections/1/date"),
    }


def test_the_records_are_built_from_the_files_unchanged() -> None:
    """The fixtures are the scraper's output as stored: every entry has a name and a date."""
    for council in [*COUNCILS, CRAWLEY]:
        bins = _bins(council)
        assert bins and all(name in council.services for name, _ in bins)
        assert copy.deepcopy(record(council)) == record(council)
