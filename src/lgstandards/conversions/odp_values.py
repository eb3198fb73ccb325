"""Open Digital Planning values and the register's codes, from the register's own codelists.

The 2.x codelists record the ODP value of each code (`odp_decision` and
`odp_prior_approval_required` for outcomes, `odp_application_status` and `odp_process_stage`
for statuses, `odp_appeal_decision` for appeals, `odp_designation` for constraints), so the
mapping has one home and is published with the standard.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class OdpValues:
    """The value tables between ODP and the register, both ways."""

    #: (ODP decision, priorApprovalRequired or None) to register outcome.
    outcomes: Mapping[tuple[str, bool | None], str]
    #: Register outcome to (ODP decision, priorApprovalRequired or None).
    odp_outcomes: Mapping[str, tuple[str, bool | None]]
    #: ODP appeal decision to register appeal outcome, and back.
    appeal_outcomes: Mapping[str, str]
    odp_appeal_outcomes: Mapping[str, str]
    #: Register status to (ODP status, ODP stage).
    statuses: Mapping[str, tuple[str, str]]
    #: ODP designation to register constraint type, and back.
    constraint_types: Mapping[str, str]
    odp_designations: Mapping[str, str]
    #: ODP designation to the label ODP's schema requires beside it.
    odp_descriptions: Mapping[str, str]

    def outcome(self, decision: str, prior: bool | None) -> str | None:
        """Return the register outcome of an ODP decision, for prior approval or not."""
        return self.outcomes.get((decision, prior)) or self.outcomes.get((decision, None))


@functools.cache
def odp_values() -> OdpValues:
    """Read the tables from the newest 2.x codelists once."""
    from lgstandards.registry import catalogue  # Late: the catalogue reads files.

    lists = catalogue().select("planning-application-register@2", allow_draft=True).codelists

    def codes(name: str) -> list[Mapping[str, object]]:
        return [dict(c) for c in lists[f"codelists/{name}.json"].codes]

    outcomes: dict[tuple[str, bool | None], str] = {}
    odp_outcomes: dict[str, tuple[str, bool | None]] = {}
    for entry in codes("decision-outcome"):
        decision, prior = entry.get("odp_decision"), entry.get("odp_prior_approval_required")
        if isinstance(decision, str):
            key = (decision, prior if isinstance(prior, bool) else None)
            outcomes.setdefault(key, str(entry["code"]))
            odp_outcomes[str(entry["code"])] = key
    appeals = {
        str(e["odp_appeal_decision"]): str(e["code"])
        for e in codes("appeal-outcome") if e.get("odp_appeal_decision")
    }
    statuses = {
        str(e["code"]): (str(e["odp_application_status"]), str(e["odp_process_stage"]))
        for e in codes("application-status") if e.get("odp_application_status")
    }
    designations = {
        str(e["odp_designation"]): str(e["code"])
        for e in codes("constraint-type") if e.get("odp_designation")
    }
    return OdpValues(
        outcomes, odp_outcomes, appeals, {v: k for k, v in appeals.items()}, statuses,
        designations, {v: k for k, v in designations.items()},
        {
            str(e["odp_designation"]): str(e["odp_description"])
            for e in codes("constraint-type") if e.get("odp_description")
        },
    )
