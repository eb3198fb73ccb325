"""New reports from old: filtering by code or category, capping, masking and combining."""

from __future__ import annotations

from pathlib import Path

import pytest

from lgstandards.findings import Finding, Severity, SourceLocation
from lgstandards.report import MASK, FileReport, Report, code_matches, mask_text
from tests.test_reporters import common_report, csv_report, synthetic


@pytest.mark.parametrize(
    ("code", "selectors", "expected"),
    [
        ("schema.pattern", ["schema"], True),
        ("schema.pattern", ["schema.pattern"], True),
        ("schema.pattern", ["schema.pat"], False),
        ("schema-x.pattern", ["schema"], False),
        ("waste.dates-in-order", ["waste", "schema"], True),
        ("source.empty", [], False),
    ],
)
def test_code_matches(code: str, selectors: list[str], expected: bool) -> None:
    """A selector is a whole code or a dotted prefix, never a partial word."""
    assert code_matches(code, selectors) is expected


def test_select_keeps_only_chosen_codes_and_recounts() -> None:
    """--select keeps matching findings, counts and checks, and recounts invalid records."""
    report = common_report()
    chosen = report.filtered(select=["schema.pattern"])
    assert {f.code for f in chosen.findings} == {"schema.pattern"}
    for file in chosen.files:
        assert set(file.counts) <= {"schema.pattern"}
        assert sum(file.counts.values()) == len(file.findings)
        assert file.invalid_records == len({f.location.record for f in file.findings})
    assert chosen.invalid_records < report.invalid_records or all(
        f.invalid_records for f in chosen.files
    )


def test_ignore_by_category_removes_checks_too() -> None:
    """--ignore waste drops waste findings and the waste checks from 'working well'."""
    report = synthetic()
    assert report.filtered(ignore=["waste"]).checks == ()
    kept = report.filtered(ignore=["schema"])
    assert kept.findings == ()
    assert kept.conforms
    assert kept.files[0].invalid_records == 0
    assert kept.checks == ("waste.dates-in-order",)


def test_filtering_a_capped_report_is_refused() -> None:
    """Counts past --max-findings cannot be recounted, so filtering must come first."""
    with pytest.raises(ValueError, match="filter before capping"):
        synthetic(cap=10).filtered(ignore=["schema.required"])
    assert synthetic(cap=10).filtered(ignore=["waste"]).files[0].omitted == 402


def test_capped_keeps_counts() -> None:
    """Capping keeps the first findings and counts the rest as omitted."""
    capped = synthetic().capped(5)
    file = capped.files[0]
    assert len(file.findings) == 5
    assert file.omitted == 407
    assert capped.severity_counts()[Severity.ERROR] == 412
    assert synthetic().capped(None) == synthetic()


def test_masked_hides_values_in_values_and_messages(tmp_path: Path) -> None:
    """Masking drops every value and hides it in the message, leaving the rest of the sentence."""
    report = csv_report(tmp_path)
    assert any(f.value is not None for f in report.findings)
    masked = report.masked()
    assert all(f.value is None for f in masked.findings)
    email = next(f for f in masked.findings if f.pointer == "/email")
    assert email.message.startswith(f"Email {MASK} is not")
    assert [f.location for f in masked.findings] == [f.location for f in report.findings]


@pytest.mark.parametrize(
    ("message", "value", "expected"),
    [
        ("Postcode 'bn1 1aa' is wrong.", "bn1 1aa", f"Postcode {MASK} is wrong."),
        ('Name "O\'Neil" is wrong.', "O'Neil", f"Name {MASK} is wrong."),
        ("Amount -1 is too small: it must be at least 0.", -1,
         f"Amount {MASK} is too small: it must be at least 0."),
        ("Count 5 must be at most 4 (not 15).", 5, f"Count {MASK} must be at most 4 (not 15)."),
        ("Flag true is wrong.", True, "Flag true is wrong."),
        ("Booked 2026-01-05, collected 2026-01-03.", "2026-01-03",
         f"Booked 2026-01-05, collected {MASK}."),
        ("'" + "x" * 70 + "'... is too long.", "x" * 70, f"{MASK} is too long."),
    ],
)
def test_mask_text(message: str, value: object, expected: str) -> None:
    """Quoted, shortened and bare forms of a value are hidden; other words survive."""
    shown = message
    if isinstance(value, str) and len(value) > 60:
        shown = repr(value[:60]) + "... is too long."
    assert mask_text(shown, value) == expected


def test_combine_names_each_files_standard(tmp_path: Path) -> None:
    """Combining reports of two standards keeps every file, checks and notices once."""
    notice = Finding("standard.deprecated", Severity.WARNING, "old")
    one = Report("a@1.0.0", "s-a", (FileReport("a.json"),), ("x.rule",), (notice,))
    two = Report("b@2.0.0", "s-b", (FileReport("b.json"),), ("x.rule", "y.rule"), (notice,))
    combined = Report.combine([one, two])
    assert combined.standard is None and combined.schema is None
    assert [(f.path, f.standard) for f in combined.files] == [("a.json", "a@1.0.0"),
                                                            ("b.json", "b@2.0.0")]
    assert combined.checks == ("x.rule", "y.rule")
    assert combined.notices == (notice,)
    assert Report.combine([one]) is one


def test_groups_mark_capped_codes_inexact() -> None:
    """A code with findings past the cap has an example-less group holding the rest."""
    groups = synthetic(cap=100).groups()
    kept, rest = groups
    assert (kept.count, kept.records, kept.exact) == (100, 100, False)
    assert (rest.examples, rest.total, rest.exact) == ((), 312, False)
    whole = synthetic().groups()[0]
    assert (whole.total, whole.records, whole.exact) == (412, 412, True)


def test_groups_count_records_not_findings() -> None:
    """Two findings in one record count as one record in the group."""
    findings = tuple(
        Finding("schema.pattern", Severity.ERROR, "bad", pointer=f"/items/{i}/code",
                location=SourceLocation("x.json", record=1, line=i + 1))
        for i in range(2)
    )
    report = Report("x@1.0.0", None, (FileReport("x.json", "json", 4, 1, findings,
                                                 {"schema.pattern": 2}),))
    group = report.groups()[0]
    assert (group.total, group.records) == (2, 1)


def test_mask_hides_every_date_and_coordinate_a_rule_quotes() -> None:
    """A rule message quoting values beside its own has dates and decimals hidden too."""
    finding = Finding(
        "planning.dates-out-of-order", Severity.ERROR,
        "The decision date 2026-03-04 is before the valid date 2026-03-05T09:00:00Z; "
        "[52.4412, -1.889] is odd; record 2.",
        value="2026-03-04",
    )
    masked = Report(None, None, (), notices=(finding,)).masked().notices[0]
    assert masked.message == (
        f"The decision date {MASK} is before the valid date {MASK}; [{MASK}, {MASK}] is odd; "
        "record 2."
    )
    schema = Finding("schema.format", Severity.ERROR,
                     "Date '24/12/2026' is not a date written YYYY-MM-DD, such as '2026-12-24'.",
                     value="24/12/2026")
    assert mask_text(schema.message, schema.value).endswith("such as '2026-12-24'.")
    assert Report(None, None, (), notices=(schema,)).masked().notices[0].message == (
        f"Date {MASK} is not a date written YYYY-MM-DD, such as '2026-12-24'."
    )


def test_combine_keeps_each_files_own_checks() -> None:
    """In a run of several standards each file keeps its own standard's checks, filtered too."""
    one = Report("a@1.0.0", "s-a", (FileReport("a.json", records=1),), ("a.rule",))
    two = Report("b@2.0.0", "s-b", (FileReport("b.json", records=1),), ("b.rule", "c.rule"))
    combined = Report.combine([one, two])
    assert [combined.checks_of(f) for f in combined.files] == [("a.rule",),
                                                               ("b.rule", "c.rule")]
    ignored = combined.filtered(ignore=["c"])
    assert [ignored.checks_of(f) for f in ignored.files] == [("a.rule",), ("b.rule",)]
    assert [f["checks"] for f in combined.to_dict()["files"]] == [["a.rule"],
                                                                  ["b.rule", "c.rule"]]


def _api_report() -> Report:
    """Return an API report: one operation where api.status failed and api.cors passed."""
    where = SourceLocation(path="GET /things")
    findings = (
        Finding("api.status", Severity.ERROR, "GET /things answered 500.", location=where),
        Finding("api.status", Severity.ERROR, "GET /things?page=2 answered 500.",
                location=where),
        Finding("api.skipped", Severity.INFO, "Not checked: give --probe.", location=where),
    )
    operation = FileReport("GET /things", records=2, invalid_records=1, findings=findings,
                           counts={"api.status": 2, "api.skipped": 1},
                           checks=("api.status", "api.cors"), skipped=1)
    return Report("x-api@1.0.0", None, (operation,), ("api.status", "api.cors"), subject="api")


def test_filtering_an_api_report_recounts_checks() -> None:
    """An API operation's records are its checks: leaving one out leaves it out of the counts."""
    report = _api_report()
    assert (report.records, report.invalid_records, report.skipped) == (2, 1, 1)
    kept = report.filtered(ignore=["api.status"])
    assert (kept.records, kept.invalid_records, kept.skipped, kept.conforms) == (1, 0, 1, True)
    chosen = report.filtered(select=["api.status"])
    assert (chosen.records, chosen.invalid_records, chosen.skipped) == (1, 1, 0)
    data = report.to_dict()
    assert (data["subject"], data["summary"]["skipped"], data["files"][0]["skipped"]) == (
        "api", 1, 1)
