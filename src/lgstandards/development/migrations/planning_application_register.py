"""Upgrade `planning-application-register` records from 1.x to 2.0.0.

What changes: one `application_type` becomes the list `application_types`; the target decision
date, which 1.x let mean the statutory date or an agreed later one, becomes the statutory expiry
date, or an extension of time when the timeline records one being agreed; UPRNs and USRNs lose
their leading zeros (common 2.0.0 writes them as Ordnance Survey issues them); a local
authority's organisation reference is written in capitals; and the latest committee meeting of the
timeline is also given as `committee_date`. Everything else carries over as it is.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from lgstandards.development.upgrade import Migration, Upgraded, UpgradeNote

STANDARD = "planning-application-register"

_LOCAL_AUTHORITY = re.compile(r"local-authority:([A-Za-z]{3,5})")


def _events(record: Mapping[str, Any], event: str) -> list[str]:
    """Return the dates of one kind of timeline event, oldest first."""
    timeline = record.get("timeline")
    if not isinstance(timeline, list):
        return []
    return sorted(
        item["date"] for item in timeline
        if isinstance(item, dict) and item.get("event") == event
        and isinstance(item.get("date"), str)
    )


def _application_types(out: dict[str, Any], notes: list[UpgradeNote]) -> None:
    """Turn the one application type into a list of one."""
    if "application_type" not in out:
        return
    value = out.pop("application_type")
    out["application_types"] = [value]
    notes.append(UpgradeNote(
        "/application_types",
        f"application_type {value!r} became application_types [{value!r}]; add the other "
        "consents if the application combines several, such as ['hh', 'lbc'].",
    ))


def _target_date(out: dict[str, Any], notes: list[UpgradeNote]) -> None:
    """Keep the target decision date apart from agreed extensions, as 2.0.0 does."""
    if "target_decision_date" not in out:
        return
    target = out.pop("target_decision_date")
    agreed = [day for day in _events(out, "time-extension-agreed")
              if not isinstance(target, str) or day <= target]
    if agreed:
        # The timeline says a later date was agreed: 1.x's target was that date.
        out["time_extensions"] = [{"agreed_date": agreed[-1], "decision_due_date": target}]
        notes.append(UpgradeNote(
            "/time_extensions/0",
            f"The target decision date {target} became an extension of time agreed on "
            f"{agreed[-1]}, as the timeline records one; add the statutory expiry date, which "
            "1.x did not hold.",
            lossy=False,
        ))
        return
    out["statutory_expiry_date"] = target
    notes.append(UpgradeNote(
        "/statutory_expiry_date",
        f"The target decision date {target} became the statutory expiry date; if it was a "
        "later date the applicant agreed, move it to time_extensions.",
    ))


def _site(out: dict[str, Any], notes: list[UpgradeNote]) -> None:
    """Write UPRNs and the USRN without leading zeros, dropping placeholders and repeats."""
    site = out.get("site")
    if not isinstance(site, dict):
        return
    uprns = site.get("uprns")
    if isinstance(uprns, list):
        kept: list[Any] = []
        for index, uprn in enumerate(uprns):
            value = uprn.lstrip("0") if isinstance(uprn, str) and uprn.isdigit() else uprn
            if value == "":
                notes.append(UpgradeNote(
                    f"/site/uprns/{index}",
                    f"UPRN {uprn!r} is all zeros, a placeholder no property has; it was left out.",
                    lossy=True,
                ))
            elif value in kept:
                notes.append(UpgradeNote(
                    f"/site/uprns/{index}",
                    f"UPRN {uprn!r} repeats {value!r} with leading zeros; it was listed once.",
                ))
            else:
                if value != uprn:
                    notes.append(UpgradeNote(
                        f"/site/uprns/{len(kept)}",
                        f"UPRN {uprn!r} is written {value!r}, without leading zeros.",
                    ))
                kept.append(value)
        if kept:
            site["uprns"] = kept
        else:
            del site["uprns"]
    usrn = site.get("usrn")
    if isinstance(usrn, str) and usrn.isdigit() and usrn != usrn.lstrip("0"):
        if usrn.lstrip("0"):
            site["usrn"] = usrn.lstrip("0")
            notes.append(UpgradeNote("/site/usrn", f"USRN {usrn!r} is written {site['usrn']!r}, "
                                     "without leading zeros."))
        else:
            del site["usrn"]
            notes.append(UpgradeNote("/site/usrn", f"USRN {usrn!r} is all zeros, a placeholder; "
                                     "it was left out.", lossy=True))


def _organisation(out: dict[str, Any], notes: list[UpgradeNote]) -> None:
    """Write a local authority's planning.data.gov.uk reference in capitals."""
    organisation = out.get("organisation")
    identifier = organisation.get("organisation") if isinstance(organisation, dict) else None
    match = _LOCAL_AUTHORITY.fullmatch(identifier) if isinstance(identifier, str) else None
    if organisation is None or match is None or match[1].isupper():
        return
    organisation["organisation"] = f"local-authority:{match[1].upper()}"
    notes.append(UpgradeNote(
        "/organisation/organisation",
        f"{identifier!r} is written {organisation['organisation']!r}: planning.data.gov.uk "
        "references are capitals.",
    ))


def _committee(out: dict[str, Any], notes: list[UpgradeNote]) -> None:
    """Give the latest committee meeting of the timeline as committee_date."""
    meetings = _events(out, "committee-date")
    if meetings and "committee_date" not in out:
        out["committee_date"] = meetings[-1]
        notes.append(UpgradeNote(
            "/committee_date",
            f"committee_date {meetings[-1]} was taken from the timeline's committee meeting.",
        ))


def upgrade_1_to_2(record: Mapping[str, Any]) -> Upgraded:
    """Return a 1.x register record as a 2.0.0 record, with notes on what changed."""
    out = copy.deepcopy(dict(record))
    notes: list[UpgradeNote] = []
    _application_types(out, notes)
    _target_date(out, notes)
    _site(out, notes)
    _organisation(out, notes)
    _committee(out, notes)
    # Keep 2.0.0's field order where it matters to a reader: the types after the authority.
    order = [key for key in _ORDER if key in out] + [key for key in out if key not in _ORDER]
    return Upgraded({key: out[key] for key in order}, tuple(notes))


#: The order of 2.0.0's top-level fields.
_ORDER = (
    "$schema", "reference", "organisation", "application_types", "local_application_type",
    "description", "site", "development_scale", "development_category", "eia_development",
    "retrospective", "dwellings", "received_date", "valid_date", "statutory_expiry_date",
    "time_extensions", "planning_performance_agreement", "consultation",
    "officer_recommendation", "committee_date", "resolution_date", "status", "withdrawn_date",
    "decision", "appeal", "linked_applications", "documentation_url", "documents",
    "constraints", "timeline", "extensions",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        standard=STANDARD,
        from_major=1,
        to_major=2,
        summary=(
            "application_type becomes application_types (a list); the target decision date "
            "becomes the statutory expiry date, or an extension of time where the timeline "
            "records one; UPRNs and USRNs lose leading zeros; committee_date comes from the "
            "timeline."
        ),
        migrate=upgrade_1_to_2,
    ),
)
