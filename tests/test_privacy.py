"""waste-collections-api 2.0.0 keeps residents' personal data private, and check-api proves it.

Public responses carry no personal data, whole reports need credentials, and report ids in URLs
cannot be guessed; the reference server serves 2.0.0 under /waste/v2 and each privacy defect is
caught at the level the standard gives it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from lgstandards.apicheck import ApiCheckOptions, Limits, check_api
from lgstandards.apicheck.openapi import api_document
from lgstandards.apicheck.privacy import bits, guessable, personal_data
from lgstandards.cli.check_api_command import check_api as check_api_command
from lgstandards.conformance import Checker
from lgstandards.development.migrations import ALL
from lgstandards.findings import Severity
from lgstandards.registry import catalogue
from lgstandards.report import Report
from lgstandards.rules import RuleOptions
from tests.test_reference_server import reference_app, serve, serve_app

V2 = "waste-collections-api@2.0.0"
QUICK = Limits(rate_limit=500, connect_timeout=5, timeout=5, max_bytes=500_000)
TOKEN = "reference-staff-token"
STANDARDS = Path(__file__).resolve().parents[1] / "standards"
#: check-api's options, so that skips ask for what check-api takes.
CHECK_API = frozenset(o for p in check_api_command.params for o in p.opts if o.startswith("--"))


def _check(base: str, *, token: bool = True, writes: bool = True,
           probes: dict[str, str] | None = None) -> Report:
    """Run the 2.0.0 suite against a server, with the staff credential and sandbox writes."""
    return check_api(ApiCheckOptions(
        V2, base, probes={"postcode": "BN43 5RA", **(probes or {})}, limits=QUICK,
        headers={"Authorization": f"Bearer {TOKEN}"} if token else {},
        allow_writes=writes, sandbox_url=base if writes else None, allow_draft=True,
        accepts=CHECK_API))


def _found(report: Report) -> set[tuple[str, str, str]]:
    """Return (code, severity, operation) of every finding."""
    return {(f.code, f.severity.value, f.location.path or "") for f in report.findings}


@pytest.fixture(scope="module")
def good() -> Iterator[str]:
    """Serve the correct reference server; yield its 2.0.0 base URL."""
    with serve() as url:
        yield url + "/waste/v2"


def test_reference_server_conforms_to_2(good: str) -> None:
    """Every 2.0.0 check passes, privacy included, with writes and the staff credential."""
    report = _check(good)
    serious = [(f.code, f.location.path, f.message) for f in report.findings
               if f.severity is not Severity.INFO]
    assert serious == []
    assert {"api.personal-data", "api.authentication", "api.guessable-id"} <= set(report.checks)
    assert not [f for f in report.findings if f.code == "api.skipped"]


def test_without_credentials_the_record_is_skipped_not_failed(good: str) -> None:
    """Without --header the private read is skipped, saying how to give credentials."""
    report = _check(good, token=False)
    assert report.conforms
    skips = [f.message for f in report.findings if f.code == "api.skipped"]
    assert any("--header" in m for m in skips)


def test_read_only_without_an_id_says_what_to_give(good: str) -> None:
    """A read-only run with no report id skips the report operations, saying how to run them."""
    report = _check(good, writes=False)
    assert report.conforms
    skips = {f.location.path: f.message for f in report.findings if f.code == "api.skipped"}
    assert "missed_collection_id" in skips["GET /missed-collections/{id}"]


@pytest.mark.parametrize("case", ["garden-subscriptions", "container-requests"])
def test_new_cases_are_checked_like_reports(good: str, case: str) -> None:
    """Garden subscriptions and container requests are created, read publicly and privately."""
    report = _check(good)
    checked = {f.path: set(f.checks or ()) for f in report.files}
    assert {"api.personal-data", "api.guessable-id"} <= checked[f"POST /{case}"]
    assert {"api.identity", "api.personal-data"} <= checked[f"GET /{case}/{{id}}"]
    assert {"api.authentication", "api.identity"} <= checked[f"GET /{case}/{{id}}/record"]


def test_a_known_report_id_is_read_without_writes() -> None:
    """Given the id of a report the server holds, the public and private reads are checked."""
    app = reference_app().create_app()
    report_id = next(iter(app.state.store.cases["missed-collections"]))
    with serve_app(app) as url:
        report = _check(url + "/waste/v2", writes=False,
                        probes={"missed_collection_id": report_id})
    assert report.conforms
    checked = {f.path: f.checks for f in report.files}
    assert "api.personal-data" in (checked["GET /missed-collections/{id}"] or ())
    assert "api.authentication" in (checked["GET /missed-collections/{id}/record"] or ())


DEFECTS = [
    # (defect, code, severity, operation)
    ("leaky-status", "api.personal-data", "error", "GET /missed-collections/{id}"),
    ("open-record", "api.authentication", "error", "GET /missed-collections/{id}/record"),
    ("open-record", "api.personal-data", "error", "GET /missed-collections/{id}/record"),
    ("sequential-ids", "api.guessable-id", "warning", "POST /missed-collections"),
    ("sequential-ids", "api.guessable-id", "warning", "POST /garden-subscriptions"),
    ("open-record", "api.authentication", "error", "GET /container-requests/{id}/record"),
    ("sequential-ids", "api.body-schema", "error", "POST /missed-collections"),
    ("assisted-public", "api.personal-data", "error", "GET /properties/{uprn}/schedule"),
]


@pytest.mark.parametrize(("defect", "code", "severity", "operation"), DEFECTS,
                         ids=[f"{d[0]}:{d[1]}" for d in DEFECTS])
def test_privacy_defect_is_reported(defect: str, code: str, severity: str,
                                   operation: str) -> None:
    """Each privacy defect of the reference server fails with its code, at its level."""
    with serve(defect) as url:
        report = _check(url + "/waste/v2", probes={"uprn": "10001234567"}
                        if defect == "assisted-public" else None)
    assert (code, severity, operation) in _found(report)


def test_personal_data_finding_points_at_the_field() -> None:
    """A leaked contact is named by its place in the body, and the advice says where it belongs."""
    with serve("leaky-status") as url:
        report = _check(url + "/waste/v2")
    leaks = [f for f in report.findings if f.code == "api.personal-data"]
    # Each kind of case leaks its contact from its public view.
    assert {(f.location.path, f.pointer) for f in leaks} == {
        ("GET /missed-collections/{id}", "/contact"),
        ("GET /garden-subscriptions/{id}", "/contact"),
        ("GET /container-requests/{id}", "/contact")}
    assert all(f.advice and "/record" in f.advice for f in leaks)


def test_record_refuses_without_credentials(good: str) -> None:
    """The reference server answers 401 with WWW-Authenticate, 403 for a wrong credential."""
    app = reference_app().create_app()
    report_id = next(iter(app.state.store.cases["missed-collections"]))
    with serve_app(app) as url:
        target = f"{url}/waste/v2/missed-collections/{report_id}/record"
        anonymous = httpx.get(target)
        wrong = httpx.get(target, headers={"X-Api-Key": "not-the-key"})
        right = httpx.get(target, headers={"X-Api-Key": TOKEN})
        public = httpx.get(f"{url}/waste/v2/missed-collections/{report_id}")
    assert anonymous.status_code == 401 and "Bearer" in anonymous.headers["www-authenticate"]
    assert wrong.status_code == 403
    assert right.status_code == 200 and "contact" in right.json()
    assert "access-control-allow-origin" not in right.headers
    assert public.status_code == 200 and list(personal_data(public.json())) == []


def test_2_is_documented_with_security_schemes() -> None:
    """The 2.0.0 document has security schemes; exactly the record operation needs them."""
    api = api_document(catalogue(), V2)
    assert set(api.doc["components"]["securitySchemes"]) == {"councilToken", "councilApiKey"}
    private = {f"{m} {t}" for m, t in api.operations() if not api.is_public(m, t)}
    assert private == {"GET /missed-collections/{id}/record",
                       "GET /garden-subscriptions/{id}/record",
                       "GET /container-requests/{id}/record"}
    for operation in private:
        assert "401" in api.documented(*operation.split(" "))


def test_public_views_refuse_personal_fields() -> None:
    """The public status view's schema refuses contact details; the public schedule, the flag."""
    api = api_document(catalogue(), V2)
    status = api.validator("GET", "/missed-collections/{id}", "200", "application/json")
    schedule = api.validator("GET", "/properties/{uprn}/schedule", "200", "application/json")
    assert status is not None and schedule is not None
    view = {"id": "f47ac10b-58cc-4372-a567-0e02b2c3d479", "reference": "MC-2026-004512",
            "service_id": "refuse", "collection_date": "2026-12-01",
            "status": "submitted", "reported_at": "2026-12-01T09:00:00Z",
            "status_history": [{"status": "submitted", "changed_at": "2026-12-01T09:00:00Z"}]}
    assert status.findings(view) == []
    leaked = {**view, "contact": {"email": "resident@example.org", "consent_to_contact": True}}
    assert [f.pointer for f in status.findings(leaked)] == ["/contact"]
    short = {**view, "id": "MC-2026-004512"}
    assert [(f.code, f.pointer) for f in status.findings(short)] == [("schema.pattern", "/id")]
    two_tier = json.loads((STANDARDS / "waste-property-schedule" / "2.0.0" / "examples" / "valid"
                           / "two-tier-district-house.json").read_text())
    assert schedule.findings(two_tier) != []  # Its garden service names the subscription.
    public = copy.deepcopy(two_tier)
    for service in public["services"]:
        service.pop("subscription_reference", None)
        service.pop("subscription_end_date", None)
    assert schedule.findings(public) == []
    flagged = copy.deepcopy(public)
    flagged["property"]["assisted_collection"] = True
    assert [f.pointer for f in schedule.findings(flagged)] == ["/property/assisted_collection"]
    with_reason = {**view, "reason": "assisted_collection_missed"}
    assert [f.pointer for f in status.findings(with_reason)] == ["/reason"]


@pytest.mark.parametrize(("ids", "guessed"), [
    (["f47ac10b-58cc-4372-a567-0e02b2c3d479"], False),
    (["f47ac10b-58cc-4372-a567-0e02b2c3d479", "9b2e7c1d-0a4f-4e7b-8c3d-5f6a7b8c9d0e"], False),
    (["Yq3X0kZ7pW2tR9sL5vB8nC"], False),
    (["MC-2026-004512"], True),
    (["MC-000000000000000000001"], True),
    (["0000000000000000000000001234"], True),
    (["c232ab00-9414-11ec-b3c8-9e6bdeced846", "c232ad94-9414-11ec-b3c8-9e6bdeced846"], True),
])
def test_guessable_identifiers(ids: list[str], guessed: bool) -> None:
    """Short, numbered, low-entropy or time-based identifiers are called guessable."""
    assert (guessable(ids) is not None) is guessed


def test_bits_follow_the_alphabet() -> None:
    """A UUID's 32 hex digits carry 128 bits; 22 base64url characters about 131."""
    assert bits("f47ac10b-58cc-4372-a567-0e02b2c3d479") == 128
    assert bits("Yq3X0kZ7pW2tR9sL5vB8nC") > 122


def test_personal_data_skips_organisations() -> None:
    """A council's own contact details are not personal data; a resident's are."""
    body: dict[str, Any] = {"publisher": {"name": "Adur District Council",
                                          "email": "waste@adur.example"},
                            "items": [{"contact": {"email": "resident@example.org"}}]}
    assert list(personal_data(body)) == [("/items/0/contact", "contact")]


def _old_pages() -> list[tuple[str, dict[str, Any]]]:
    """Return the valid 1.0.0 address pages."""
    folder = STANDARDS / "waste-collections-api" / "1.0.0" / "examples" / "valid"
    return [(p.name, json.loads(p.read_text())) for p in sorted(folder.glob("*.json"))]


@pytest.mark.parametrize(("name", "page"), _old_pages(), ids=[n for n, _ in _old_pages()])
def test_migration_upgrades_every_valid_1_page(name: str, page: dict[str, Any]) -> None:
    """Every valid 1.0.0 address page, upgraded, is valid under 2.0.0; the input is untouched."""
    migration = next(m for m in ALL if m.standard == "waste-collections-api")
    before = copy.deepcopy(page)
    upgraded = migration.migrate(page)
    assert page == before
    checker = Checker.for_standard(V2, options=RuleOptions(), allow_draft=True)
    assert [(f.code, f.pointer) for f in checker.check_record(upgraded.record)] == []


def test_migration_notes_each_rewrite() -> None:
    """A UPRN with leading zeros is rewritten, and the note names its place."""
    migration = next(m for m in ALL if m.standard == "waste-collections-api")
    page = dict(_old_pages())["one-page.json"]
    upgraded = migration.migrate(page)
    assert upgraded.record["items"][0]["uprn"] == "512345"
    assert [n.pointer for n in upgraded.notes] == ["/items/0/uprn"]
