"""API conformance: run an API standard's suite against a live server, safely, into a Report.

`check_api(ApiCheckOptions(...))` returns the project's ordinary `Report`, with one file entry per
operation (its path is the method and URL template) whose records are the checks that ran, so
every reporter works unchanged.
"""

from __future__ import annotations

from lgstandards.apicheck.checks import CHECKS, NOTICES, ClientProfile, Level, Outcome, Run
from lgstandards.apicheck.client import Exchange, Limits, Redactor, SafeClient, UnsafeRequestError
from lgstandards.apicheck.runner import (
    ApiCheckOptions,
    api_version,
    check_api,
    clients_for,
    probes_for,
)
from lgstandards.apicheck.suites import CLIENTS, PROBES, SUITES, Probe, Step

__all__ = [
    "CHECKS",
    "CLIENTS",
    "NOTICES",
    "PROBES",
    "SUITES",
    "ApiCheckOptions",
    "ClientProfile",
    "Exchange",
    "Level",
    "Limits",
    "Outcome",
    "Probe",
    "Redactor",
    "Run",
    "SafeClient",
    "Step",
    "UnsafeRequestError",
    "api_version",
    "check_api",
    "clients_for",
    "probes_for",
]
