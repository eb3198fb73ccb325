"""Acme Bins: a (tiny, made-up) back office that exports waste-property-schedule 2.x records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

SCHEMA = "https://schemas.lgstandards.org/waste-property-schedule/2.0.0/schema.json"


@dataclass(frozen=True)
class Property:
    """A property on a round, as Acme Bins keeps it."""

    uprn: str
    paon: str
    street: str
    town: str
    postcode: str


COUNCIL = {"gss_code": "E07000223", "name": "Adur District Council"}


def export_schedule(prop: Property, next_collection: date, generated: datetime) -> dict[str, Any]:
    """Return one property's schedule as a waste-property-schedule 2.0.0 record."""
    return {
        "$schema": SCHEMA,
        "generated_at": generated.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "publisher": COUNCIL,
        "property": {
            "uprn": prop.uprn,
            "address": {"paon": prop.paon, "street": prop.street, "town": prop.town,
                        "postcode": prop.postcode},
            "collection_authority": COUNCIL,
        },
        "services": [
            {
                "id": "refuse",
                "name": "General waste",
                "streams": ["residual"],
                "schedules": [{"frequency": "FREQ=WEEKLY;INTERVAL=2",
                               "start_date": next_collection.isoformat()}],
            }
        ],
        "collections": [
            {"service_id": "refuse", "date": next_collection.isoformat(), "changed": False,
             "status": "scheduled"}
        ],
    }


def next_dates(record: dict[str, Any]) -> list[str]:
    """Return the dates of a schedule's scheduled collections, for Acme's reminder e-mails."""
    return sorted(c["date"] for c in record["collections"] if c.get("status") == "scheduled")
