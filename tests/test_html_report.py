"""The HTML report in a real browser: it renders offline, draws its charts, and logs no errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from lgstandards.conformance import Checker
from lgstandards.report import Report
from lgstandards.reporters import ReportOptions, render
from lgstandards.reporters.html import read_excerpts
from tests.browser import render as browse
from tests.browser import require_chromium
from tests.test_reporters import COMMON, SECRETS, csv_report, synthetic

REPO = Path(__file__).resolve().parents[1]
PLANNING = REPO / "standards" / "planning-application-register" / "1.0.0" / "examples"


def _page(tmp_path: Path, report: Report, *, mask: bool = False) -> Path:
    options = ReportOptions(mask=mask, excerpts=lambda p: read_excerpts(p, mask=mask))
    path = tmp_path / "report.html"
    path.write_text(render(report, "html", options), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def chromium() -> str:
    """Return the path of Chromium, skipping (or failing in CI) without it."""
    return require_chromium()




def test_report_renders_with_charts_and_no_errors(chromium: str, tmp_path: Path) -> None:
    """The page loads from a file with no network, draws both charts and runs its script."""
    report = Checker.for_standard("common@1.0.0").check_paths([str(COMMON)])
    page = _page(tmp_path, report)
    seen = browse(page.as_uri(), count=(
        "svg#chart-codes g.bar rect", "svg#chart-fields g.bar rect", "details.group",
        "body[data-ready=true]", "details.group pre.excerpt .hit", "#verdict",
    ))
    assert seen.console_errors == ()
    assert seen.page_errors == ()
    assert seen.failed_requests == ()
    assert seen.external_requests == ()
    assert seen.title.startswith("lgstandards report: common@1.0.0 — does not conform")
    codes = {g.code for g in report.groups()}
    assert seen.count("svg#chart-codes g.bar rect") == len(codes)
    fields = {g.field or g.pointer for g in report.groups()}
    assert seen.count("svg#chart-fields g.bar rect") == len(fields)
    assert seen.count("details.group") == len(report.groups())
    assert seen.count("body[data-ready=true]") == 1  # the filter script ran to its end
    assert seen.count("details.group pre.excerpt .hit") == len(report.findings)
    assert f"{len(report.groups())} of {len(report.groups())} groups shown" in seen.html


def test_csv_report_shows_the_offending_cells_masked(chromium: str, tmp_path: Path) -> None:
    """A masked CSV report marks the offending cell of each row and shows no personal data."""
    report = csv_report(tmp_path).masked()
    seen = browse(_page(tmp_path, report, mask=True).as_uri(),
                  count=("table.row td.hit", "table.row"))
    assert seen.console_errors == () and seen.page_errors == ()
    assert seen.count("table.row") == len(report.findings)
    assert seen.count("table.row td.hit") == sum(
        1 for f in report.findings if f.location.header
    )
    for secret in SECRETS:
        assert secret not in seen.html


def test_large_and_clean_reports_render(chromium: str, tmp_path: Path) -> None:
    """A capped run summarises what was not kept; a clean run has no charts and no script."""
    seen = browse(_page(tmp_path, synthetic(cap=50)).as_uri(), count=("details.group",))
    assert seen.page_errors == () and seen.console_errors == ()
    assert seen.count("details.group") == 2
    assert "362 further findings were counted but not kept" in seen.html
    clean = Checker.for_standard("common@1.0.0").check_paths([str(COMMON / "valid")])
    seen = browse(_page(tmp_path, clean).as_uri(), count=("svg.chart", "script"))
    assert seen.page_errors == () and seen.console_errors == ()
    assert seen.count("svg.chart") == 0
    assert seen.count("script") == 0
    assert "Working well: no findings from the schema." in seen.html


def test_planning_register_examples_render(chromium: str, tmp_path: Path) -> None:
    """The planning register's CSV and JSON examples render together without errors."""
    if not PLANNING.is_dir():
        pytest.skip("the planning application register has no examples in this checkout")
    checker = Checker.for_standard("planning-application-register@1", allow_draft=True)
    report = checker.check_paths([str(PLANNING / "invalid")])
    seen = browse(_page(tmp_path, report).as_uri(), count=("details.group",))
    assert seen.page_errors == () and seen.console_errors == () and seen.failed_requests == ()
    # 1.0.0 is deprecated: its notice is shown once on its own, not as a group of findings.
    files_only = dataclasses.replace(report, notices=())
    assert seen.count("details.group") == len(files_only.groups())
