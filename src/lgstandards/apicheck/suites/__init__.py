"""The conformance suites of the API standards: plain functions per operation, listed in one place.

Each step checks one operation (or one behaviour of it) against a live server and yields outcomes.
Steps run in order, and a step may learn values (a UPRN, a service code) that later steps use when
the user gave none. `SUITES` maps `<standard>@<major>` to its steps; `PROBES` documents the probe
values each suite takes, with defaults where a safe one exists; `CLIENTS` the clients whose needs
a suite can check as well (`--client`). Each standard's steps live in a module of their own.
"""

from __future__ import annotations

from collections.abc import Mapping

from lgstandards.apicheck.checks import ClientProfile
from lgstandards.apicheck.suites.base import MARKER, Probe, Step
from lgstandards.apicheck.suites.open311 import FIXMYSTREET, STREET, STREET_PROBES
from lgstandards.apicheck.suites.waste import WASTE, WASTE_PROBES, WASTE_V2, WASTE_V2_PROBES

__all__ = ["CLIENTS", "MARKER", "PROBES", "SUITES", "Probe", "Step"]

#: Each API standard's suite, keyed by `<id>@<major>`: a major version is a stable contract.
SUITES: Mapping[str, tuple[Step, ...]] = {
    "waste-collections-api@1": WASTE,
    "waste-collections-api@2": WASTE_V2,
    "street-reports-api@1": STREET,
    "street-reports-api@2": STREET,
}

#: The clients each suite can check for (`--client NAME`).
CLIENTS: Mapping[str, Mapping[str, ClientProfile]] = {
    "street-reports-api@1": {FIXMYSTREET.name: FIXMYSTREET},
    "street-reports-api@2": {FIXMYSTREET.name: FIXMYSTREET},
}

#: The probe values each suite takes.
PROBES: Mapping[str, tuple[Probe, ...]] = {
    "waste-collections-api@1": WASTE_PROBES,
    "waste-collections-api@2": WASTE_V2_PROBES,
    "street-reports-api@1": STREET_PROBES,
    "street-reports-api@2": STREET_PROBES,
}
