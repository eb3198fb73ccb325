"""Acme Bins' own tests: what it exports conforms to waste-property-schedule 2.x."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from acme_bins import Property, export_schedule, next_dates
from hypothesis import given

from lgstandards.testing import assert_conforms, findings_for, invalid_records, records

STANDARD = "waste-property-schedule@2"
HOUSE = Property("100061234567", "12", "High Street", "Shoreham-by-Sea", "BN43 5RA")
MONDAY = datetime(2027, 1, 11, 6, tzinfo=UTC)


def test_an_export_conforms() -> None:
    """A schedule Acme exports passes the schema and every rule of the standard."""
    assert_conforms(export_schedule(HOUSE, date(2027, 1, 12), MONDAY), STANDARD)


def test_a_night_of_exports_conforms(lgstandards_conforms: Callable[..., None]) -> None:
    """A list of exports, checked at once with the plugin's fixture, conforms too."""
    street = [Property(f"1000612345{n}", str(n), "High Street", "Shoreham-by-Sea", "BN43 5RA")
              for n in (10, 12, 14)]
    batch = [export_schedule(house, date(2027, 1, 12), MONDAY) for house in street]
    lgstandards_conforms(batch, STANDARD)


def test_the_checker_would_notice_a_gap() -> None:
    """An export missing a required field would fail, naming the field's JSON pointer."""
    broken = export_schedule(HOUSE, date(2027, 1, 12), MONDAY)
    del broken["publisher"]
    with pytest.raises(AssertionError, match=r"schema\.required at /publisher"):
        assert_conforms(broken, STANDARD)


@given(records(STANDARD))
def test_reminders_read_any_valid_schedule(record: dict[str, Any]) -> None:
    """Acme's reminder code copes with any schedule the schema allows, not only its own."""
    dates = next_dates(record)
    assert dates == sorted(dates)


@given(invalid_records(STANDARD, defects=["missing-required"]))
def test_the_importer_can_name_what_is_missing(broken: Any) -> None:
    """Every record missing a required field is refused, at the field that is missing."""
    pointers = {f.pointer for f in findings_for(broken.record, STANDARD, rules=False)}
    assert broken.pointer in pointers
