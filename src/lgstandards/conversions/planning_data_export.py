"""Register records to planning.data.gov.uk's planning-application dataset, as CSV.

One row per record, with the dataset's fields in the specification's order: what an authority
provides to planning.data.gov.uk. Several application types go in one cell separated by ';', as
MHCLG writes combined types; the site's first UPRN fills `uprn`; the point and boundary are WKT.
Every register field the dataset has no place for is reported as `export.field-not-carried`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from lgstandards.conversions.base import Exported
from lgstandards.conversions.carried import NotCarried, Reader
from lgstandards.conversions.planning_data import FIELDS
from lgstandards.conversions.wkt import to_wkt
from lgstandards.findings import SourceLocation

SOURCE = "planning-application-register@2"

#: Register statuses written differently in the dataset, as its specification's examples do.
STATUS_OUT = {"determined": "decided", "appealed": "under-appeal"}

REASONS: Mapping[str, str] = {
    "/organisation/gss_code": "the dataset names the authority by its organisation identifier",
    "/organisation/name": "the dataset names the authority by its organisation identifier",
    "/site/uprns": "the dataset has one UPRN per application",
    "/site/postcode": "the dataset's address-text holds the postcode",
    "/decision/notice_url": "the dataset has no decision notice link",
    "/appeal": "the dataset has no appeal fields",
    "/timeline": "the dataset's timeline is the separate planning-application-log dataset",
    "/documents": "the dataset's documents are the separate planning-application-document "
    "dataset",
    "/extensions": "local additions have no place in the dataset",
    "/$schema": "the dataset has no field for it",
}
_DEFAULT = "the planning-application dataset has no field for it"


class PlanningDataExporter:
    """Writes register records as rows of planning.data.gov.uk's planning-application dataset."""

    name = "planning-data"
    description = (
        "planning.data.gov.uk's planning-application dataset as CSV, one row per application."
    )
    source = SOURCE
    suffix = ".csv"

    def export(self, records: Sequence[Mapping[str, Any]], name: str) -> Exported:
        """Write a header row and one row per record."""
        left = NotCarried("export.field-not-carried", REASONS, _DEFAULT)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(FIELDS)
        for number, record in enumerate(records, 1):
            reader = Reader(record)
            row = to_row(reader)
            writer.writerow([row.get(key, "") for key in FIELDS])
            left.add(number, record, reader.carried, (),
                     lambda _path, at: SourceLocation(name, record=at))
        return Exported(
            out.getvalue().encode("utf-8"), len(records),
            tuple(left.findings("planning.data.gov.uk's planning-application dataset",
                                len(records))),
        )


EXPORTER = PlanningDataExporter()


def to_row(record: Reader) -> dict[str, str]:
    """Return one register record as a row of the dataset, by field."""
    row: dict[str, str] = {}
    for ours, theirs in (("reference", "reference"), ("description", "description"),
                         ("documentation_url", "documentation-url"),
                         ("received_date", "start-date"),
                         ("development_scale", "development-classification")):
        value = record.text(ours)
        if value:
            row[theirs] = value
    organisation = record.text("organisation", "organisation")
    if organisation:
        row["organisation"] = organisation
    types = record.get("application_types")
    if isinstance(types, list):
        row["planning-application-type"] = ";".join(str(t) for t in types)
    address = record.text("site", "address_text")
    if address:
        row["address-text"] = address
        postcode = record.get("site", "postcode", take=False)
        if isinstance(postcode, str) and postcode in address:
            record.get("site", "postcode")
    uprns = record.get("site", "uprns", take=False)
    if isinstance(uprns, list) and uprns:
        row["uprn"] = str(uprns[0])
        if len(uprns) == 1:
            record.get("site", "uprns")
        else:
            record.get("site", "uprns", 0)
    point = record.get("site", "point")
    if isinstance(point, list):
        row["point"] = to_wkt({"type": "Point", "coordinates": point})
    geometry = record.get("site", "geometry", take=False)
    if isinstance(geometry, dict) and geometry.get("type") in ("Polygon", "MultiPolygon"):
        row["geometry"] = to_wkt(record.get("site", "geometry"))
    elif isinstance(geometry, dict) and geometry.get("type") == "Point" and "point" not in row:
        row["point"] = to_wkt(record.get("site", "geometry"))
    area = record.get("site", "area_hectares")
    if isinstance(area, int | float):
        # Square metres, rounded to shed float noise (0.012592 ha is 125.92, not 125.92000000001).
        square_metres = round(area * 10_000, 6)
        row["ground-area"] = (str(int(square_metres)) if square_metres.is_integer()
                              else repr(square_metres))
    status = record.text("status")
    if status:
        row["planning-application-status"] = STATUS_OUT.get(status, status)
    withdrawn = record.text("withdrawn_date")
    if withdrawn:
        row["end-date"] = withdrawn
    outcome = record.text("decision", "outcome")
    if outcome:
        row["planning-decision"] = outcome
        day = record.text("decision", "decision_date")
        if day:
            row["decision-date"] = day
        level = record.text("decision", "decision_level")
        if level:
            row["planning-decision-type"] = level
    return row
