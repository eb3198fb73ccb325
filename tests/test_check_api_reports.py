"""check-api reports people act on (issue 13, item 4).

Places keep their item index, repeats are counted, advice is specific, skips say why, and a
wrong base URL is said first.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from lgstandards.apicheck import ApiCheckOptions, Limits, check_api
from lgstandards.findings import Finding, Severity, SourceLocation
from lgstandards.messages import explain
from lgstandards.report import FileReport, Report
from lgstandards.reporters import REPORTERS, ReportOptions
from tests.test_open311_servers import SERVERS
from tests.test_reference_server import serve, serve_app

QUICK = Limits(rate_limit=500, connect_timeout=5, timeout=5, max_bytes=500_000)
FORMATS = ["text", "markdown", "html", "junit", "github", "sarif", "json"]


@pytest.fixture(scope="module")
def adapter_report() -> Iterator[Report]:
    """Check the open311-adapter shape once: its services write metadata as text."""
    make, mount, probes = SERVERS["open311-adapter"]
    with serve_app(make()) as url:
        yield check_api(ApiCheckOptions("street-reports-api@2.0.0", url + mount, probes=probes,
                                        limits=QUICK, allow_draft=True))


@pytest.fixture(scope="module")
def wrong_base_report() -> Iterator[Report]:
    """Check the reference server at a base URL where nothing is."""
    with serve() as url:
        yield check_api(ApiCheckOptions("street-reports-api@1", url + "/not-the-api",
                                        limits=QUICK))


def _render(report: Report, fmt: str) -> str:
    """Render a report in one format."""
    return REPORTERS[fmt](report, ReportOptions(examples=3))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_keeps_the_item_index(adapter_report: Report, fmt: str) -> None:
    """The place of a finding in a list keeps its index, /0/metadata, in every format."""
    out = _render(adapter_report, fmt)
    assert "/0/metadata" in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "junit", "github"])
def test_identical_findings_share_a_line(fmt: str) -> None:
    """The same message at several places is one line naming each place, repeats counted."""
    where = SourceLocation(path="GET /services.json")
    same = "GET /services.json: Has a definition should be true or false, but is the text 'true'."
    findings = (
        *(Finding("api.advice", Severity.WARNING, same, f"/{i}/metadata", "Has a definition",
                  location=where, advice="Write metadata as JSON true or false.")
          for i in range(3)),
        *(Finding("api.status", Severity.ERROR, "GET /x answered 500; the standard says 200.",
                  location=where, advice="The server failed (500): look in its logs.")
          for _ in range(4)),
    )
    report = Report("street-reports-api@2.0.0", None, (FileReport(
        "GET /services.json", None, records=2, invalid_records=1, findings=findings,
        counts={"api.advice": 3, "api.status": 4}, checks=("api.advice", "api.status")),),
        subject="api")
    out = _render(report, fmt)
    assert out.count("but is the text") == 1
    assert re.search(r"/0/metadata, /1/metadata and /2/metadata", out)
    assert "(4 times)" in out
    assert out.count("answered 500") == 1


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "junit"])
def test_advice_is_the_findings_own(adapter_report: Report, fmt: str) -> None:
    """Each group says what to do about what was found, not the generic fix of every API check."""
    out = _render(adapter_report, fmt)
    assert "Write metadata as JSON true or false" in out
    assert "behave as its OpenAPI document says" not in out


def test_advice_follows_what_came_back() -> None:
    """A 404 and a 500 for the same check get different advice."""
    from lgstandards.apicheck.checks import status_advice

    missing = status_advice("api.status", 404, (200,), "GET", frozenset({"--base-url"}))
    failed = status_advice("api.status", 500, (200,), "GET")
    assert "--base-url" in missing and "logs" in failed and missing != failed
    # A caller without the option (the web form) is told the same in words.
    assert "check that the base URL is" in status_advice("api.status", 404, (200,), "GET")


def test_skips_say_why_and_all_are_listed(adapter_report: Report) -> None:
    """Each check that did not run says why and what would run it; none hides behind 'more'."""
    skips = [f for f in adapter_report.findings if f.code == "api.skipped"]
    # The library's caller accepts no options, so the skips ask in words.
    assert skips and all("writes to a sandbox are allowed." in f.message for f in skips)
    text = _render(adapter_report, "text")
    block = text.split("[api.skipped]")[1].split("\n\n")[0]
    assert "more" not in block
    assert all(f.message in text for f in skips)


def test_no_request_listed_only_when_none_was() -> None:
    """A list of two requests with numeric ids in FixMyStreet's wrapper is read, and fetched."""
    make, mount, probes = SERVERS["fixmystreet"]
    with serve_app(make()) as url:
        report = check_api(ApiCheckOptions("street-reports-api@2.0.0", url + mount,
                                           probes=probes, limits=QUICK, allow_draft=True))
    skipped = [f.message for f in report.findings if f.code == "api.skipped"]
    assert not [m for m in skipped if "service request" in m.lower()]
    fetched = next(f for f in report.files if f.path == "GET /requests/{service_request_id}.json")
    assert "api.identity" in (fetched.checks or ())


def test_wrong_base_url_is_said_first(wrong_base_report: Report) -> None:
    """Every request 404: the report says the base URL is probably wrong, before anything else."""
    assert wrong_base_report.notices[0].code == "api.wrong-base-url"
    assert wrong_base_report.notices[0].severity is Severity.ERROR
    text = _render(wrong_base_report, "text").splitlines()
    assert text[1].startswith("error: Nothing at ") and "base URL is probably wrong" in text[1]
    markdown = _render(wrong_base_report, "markdown")
    assert markdown.index("Nothing at ") < markdown.index(" checks ran")
    html = _render(wrong_base_report, "html")
    assert html.index("Nothing at ") < html.index('id="summary"')


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_wrong_base_url_reports_nothing_working_well(wrong_base_report: Report,
                                                     fmt: str) -> None:
    """Checks that passed because nothing was there are not called 'working well'."""
    assert "Working well" not in _render(wrong_base_report, fmt)


def test_wrong_base_url_junit_passes_nothing(wrong_base_report: Report) -> None:
    """In JUnit no case passes when nothing was there: each fails, is skipped or warns."""
    root = ET.fromstring(_render(wrong_base_report, "junit"))
    operations = [s for s in root.iter("testsuite") if s.get("name", "").startswith(("GET",
                                                                                     "POST"))]
    cases = [c for s in operations for c in s.iter("testcase")]
    # A case passes when it has no failure, no skip and no finding of a lower severity.
    passing = [c.get("name") for c in cases if c.find("failure") is None
               and c.find("skipped") is None and c.find("system-out") is None]
    assert cases and passing == []


def test_a_right_base_url_is_not_called_wrong(adapter_report: Report) -> None:
    """A server that answers JSON gets no wrong-base-url notice."""
    assert "api.wrong-base-url" not in {n.code for n in adapter_report.notices}


def test_json_report_carries_advice(adapter_report: Report) -> None:
    """The JSON report gives each finding's own advice, valid against the report schema."""
    import jsonschema

    from lgstandards.reporters.json_report import report_schema

    data = json.loads(_render(adapter_report, "json"))
    jsonschema.Draft202012Validator(report_schema()).validate(data)
    advised = [f for file in data["files"] for f in file["findings"] if f.get("advice")]
    assert advised


@pytest.mark.parametrize(("value", "said"), [
    ({"recipient": ["Oxfordshire"]}, "but is an object."),
    ([1, 2], "but is a list of 2 items."),
    (None, "but is null."),
    (True, "but is the value true."),
    (5, "but is the number 5"),
])
def test_type_messages_read_as_english(value: object, said: str) -> None:
    """A wrong type is named once: 'is an object', never 'is an object an object'."""
    message = explain("type", "Agency responsible", value, "string", {})
    assert said in message
    assert "an object an object" not in message and "a list a list" not in message
