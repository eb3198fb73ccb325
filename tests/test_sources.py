"""Inputs: every kind of bad file becomes a finding naming the file and place, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lgstandards.conformance import Checker
from lgstandards.findings import Severity
from lgstandards.report import Report

GOOD = {"uprn": "100023336956", "postcode": "SW1A 2AA"}


@pytest.fixture(scope="module")
def checker() -> Checker:
    """Return a checker for the common standard."""
    return Checker.for_standard("common@1")


def _check(checker: Checker, tmp_path: Path, name: str, content: bytes) -> Report:
    path = tmp_path / name
    path.write_bytes(content)
    return checker.check_paths([str(path)])


def _codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


@pytest.mark.parametrize(
    ("name", "content", "code", "line", "column"),
    [
        ("bad.json", b'{"uprn": "1",\n  "postcode": }', "source.invalid-json", 2, 15),
        ("trailing.json", b'{"uprn": "1"} x', "source.invalid-json", 1, 15),
        ("nan.json", b'{"uprn": NaN}', "source.invalid-json", None, None),
        ("latin1.json", b'{"uprn": "1", "x": "caf\xe9"}', "source.invalid-encoding", 1, 24),
        ("empty.json", b"", "source.empty", None, None),
        ("blank.json", b"  \n\t\n", "source.empty", None, None),
        ("binary.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "source.binary", None, None),
    ],
)
def test_unreadable_json(
    checker: Checker,
    tmp_path: Path,
    name: str,
    content: bytes,
    code: str,
    line: int | None,
    column: int | None,
) -> None:
    """A file that cannot be read or parsed gives one error finding with its place."""
    report = _check(checker, tmp_path, name, content)
    [finding] = report.findings
    assert (finding.code, finding.severity) == (code, Severity.ERROR)
    assert finding.location.path == str(tmp_path / name)
    assert (finding.location.line, finding.location.column) == (line, column)
    assert name in finding.message
    assert not report.conforms


def test_byte_order_mark_is_a_warning(checker: Checker, tmp_path: Path) -> None:
    """A UTF-8 byte-order mark is reported as a warning and the data is still checked."""
    report = _check(checker, tmp_path, "bom.json", b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    assert _codes(report) == ["source.byte-order-mark"]
    assert report.records == 1
    assert report.conforms


def test_huge_numbers_are_read(checker: Checker, tmp_path: Path) -> None:
    """Integers beyond 64 bits are read exactly and judged by the schema, not rejected as JSON."""
    report = _check(checker, tmp_path, "big.json", b'{"uprn": 123456789012345678901234567890}')
    assert _codes(report) == ["schema.type"]
    assert report.findings[0].pointer == "/uprn"


def test_deep_nesting(checker: Checker, tmp_path: Path) -> None:
    """A document nested deeper than any parser allows is a finding, not a crash."""
    report = _check(checker, tmp_path, "deep.json", b"[" * 100_000 + b"]" * 100_000)
    assert _codes(report) == ["source.too-deep"] or _codes(report) == ["source.invalid-json"]
    assert not report.conforms


def test_deep_but_parseable_record(checker: Checker, tmp_path: Path) -> None:
    """A record nested a few thousand levels deep is judged without a crash."""
    deep = b'{"extensions": ' * 3000 + b"1" + b"}" * 3000
    report = _check(checker, tmp_path, "deep2.json", deep)
    assert report.findings
    assert not report.conforms


def _nested(depth: int) -> str:
    """Return a common record whose `extensions` nests `depth` containers in all."""
    return '{"uprn": "1", "extensions": ' + '{"a": ' * (depth - 2) + "[]" + "}" * (depth - 2) + "}"


@pytest.mark.parametrize("suffix", ["ndjson", "json", "array.json"])
def test_records_deeper_than_the_limit_are_reported_not_checked(
    checker: Checker, tmp_path: Path, suffix: str
) -> None:
    """A record nested beyond MAX_DEPTH is `source.too-deep`, at its record (and line).

    A record at the limit is checked, and so are the records around the deep one.
    """
    from lgstandards.sources import MAX_DEPTH

    shallow, at_limit, beyond = _nested(3), _nested(MAX_DEPTH), _nested(MAX_DEPTH + 1)
    if suffix == "ndjson":
        content = "\n".join([shallow, beyond, at_limit, '{"uprn": 5}'])
    elif suffix == "array.json":
        content = "[" + ",".join([shallow, beyond, at_limit, '{"uprn": 5}']) + "]"
    else:
        content = beyond
    report = _check(checker, tmp_path, f"deep.{suffix}", content.encode())
    deep = [f for f in report.findings if f.code == "source.too-deep"]
    assert len(deep) == 1
    assert f"more than {MAX_DEPTH} levels" in deep[0].message
    if suffix == "json":
        assert deep[0].location.record == 1
        return
    assert deep[0].location.record == 2
    assert deep[0].location.line == (2 if suffix == "ndjson" else None)
    # `extensions` is not a field of `common`: records 1 and 3 were checked and said so.
    assert [(f.code, f.location.record) for f in report.findings if f is not deep[0]] == [
        ("schema.additional-properties", 1),
        ("schema.additional-properties", 3),
        ("schema.type", 4),
    ]
    assert report.files[0].records == 4


@settings(max_examples=300, deadline=None)
@given(value=st.recursive(
    st.none(), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2),
                                                                           inner, max_size=3),
    max_leaves=30,
), limit=st.integers(1, 8))
def test_too_deep_matches_a_recursive_count(value: object, limit: int) -> None:
    """The iterative depth test says what a plain recursive count of containers says."""
    from lgstandards.sources import too_deep

    def depth(node: object) -> int:
        children = list(node.values()) if isinstance(node, dict) else (
            node if isinstance(node, list) else None)
        if children is None:
            return 0
        return 1 + max((depth(child) for child in children), default=0)

    assert too_deep(value, limit) is (depth(value) > limit)


def test_missing_file_and_the_rest_of_the_batch(checker: Checker, tmp_path: Path) -> None:
    """A missing file is a finding for that file; the other files are still checked."""
    good = tmp_path / "good.json"
    good.write_text(json.dumps(GOOD))
    report = checker.check_paths([str(tmp_path / "missing.json"), str(good)])
    assert [f.path for f in report.files] == [str(tmp_path / "missing.json"), str(good)]
    assert _codes(report) == ["source.not-found"]
    assert report.files[1].records == 1


def test_directory_and_glob(checker: Checker, tmp_path: Path) -> None:
    """A directory is searched recursively and a glob is expanded, in a stable order."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.json").write_text(json.dumps(GOOD))
    (tmp_path / "sub" / "b.ndjson").write_text(json.dumps(GOOD) + "\n" + json.dumps(GOOD) + "\n")
    (tmp_path / "notes.txt").write_text("not data")
    by_dir = checker.check_paths([str(tmp_path)])
    assert [Path(f.path).name for f in by_dir.files] == ["a.json", "b.ndjson"]
    assert by_dir.records == 3
    by_glob = checker.check_paths([str(tmp_path / "**" / "*.ndjson")])
    assert [Path(f.path).name for f in by_glob.files] == ["b.ndjson"]
    empty_glob = checker.check_paths([str(tmp_path / "*.csv")])
    assert _codes(empty_glob) == ["source.not-found"]


def test_empty_directory(checker: Checker, tmp_path: Path) -> None:
    """A directory with nothing to check is reported, not silently passed."""
    report = checker.check_paths([str(tmp_path)])
    assert _codes(report) == ["source.not-found"]


def test_json_array_locations(checker: Checker, tmp_path: Path) -> None:
    """Findings in a JSON array of records carry the record number, line and column."""
    text = '[\n  {"uprn": "1"},\n  {"uprn": "1",\n   "postcode": "nope"}\n]\n'
    report = _check(checker, tmp_path, "many.json", text.encode())
    [finding] = report.findings
    assert (finding.code, finding.pointer) == ("schema.pattern", "/postcode")
    assert (finding.location.record, finding.location.line, finding.location.column) == (2, 4, 16)


def test_ndjson_locations_and_bad_lines(checker: Checker, tmp_path: Path) -> None:
    """NDJSON findings name the line; a broken line is a finding and the next lines still count."""
    lines = [json.dumps(GOOD), "", '{"uprn": 5}', "{broken", json.dumps(GOOD)]
    report = _check(checker, tmp_path, "x.ndjson", "\n".join(lines).encode())
    assert report.records == 4
    found = [
        (f.code, f.location.record, f.location.line, f.location.column) for f in report.findings
    ]
    assert found == [("schema.type", 2, 3, 10), ("source.invalid-json", 3, 4, 2)]


def test_ndjson_invalid_utf8_line(checker: Checker, tmp_path: Path) -> None:
    """An NDJSON line that is not UTF-8 is reported on its own line."""
    content = json.dumps(GOOD).encode() + b'\n{"uprn": "\xff"}\n' + json.dumps(GOOD).encode()
    report = _check(checker, tmp_path, "x.jsonl", content)
    [finding] = report.findings
    assert (finding.code, finding.location.line) == ("source.invalid-encoding", 2)
    assert report.records == 3


def test_stdin(checker: Checker) -> None:
    """'-' reads standard input and sniffs NDJSON from its content."""
    data = (json.dumps(GOOD) + "\n" + json.dumps({"uprn": 1}) + "\n").encode()
    report = checker.check_paths(["-"], stdin=lambda: data)
    assert report.files[0].path == "<stdin>"
    assert report.files[0].format == "ndjson"
    assert [(f.code, f.location.line) for f in report.findings] == [("schema.type", 2)]


def test_broken_schema_file(tmp_path: Path) -> None:
    """A schema file that is not JSON, or not a valid schema, is a clear SchemaError."""
    from lgstandards.errors import SchemaError

    bad = tmp_path / "bad.schema.json"
    bad.write_text('{"type": "object",')
    with pytest.raises(SchemaError, match=r"bad.schema.json: line 1, column 19"):
        Checker.for_schema_file(bad)
    wrong = tmp_path / "wrong.schema.json"
    wrong.write_text('{"type": "objekt"}')
    with pytest.raises(SchemaError, match="not valid JSON Schema at /type"):
        Checker.for_schema_file(wrong)
    remote = tmp_path / "remote.schema.json"
    remote.write_text('{"$ref": "https://example.org/elsewhere.json"}')
    with pytest.raises(SchemaError, match="never downloads"):
        Checker.for_schema_file(remote)


def test_user_schema_with_relative_refs(tmp_path: Path) -> None:
    """--schema resolves relative $refs from files beside it, in drafts 7 and 2020-12."""
    (tmp_path / "defs").mkdir()
    (tmp_path / "defs" / "code.json").write_text(
        json.dumps(
            {
                "$schema": "http://json-schema.org/draft-07/schema#",
                "type": "string",
                "pattern": "^[A-Z]{3}$",
            }
        )
    )
    root = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {"code": {"$ref": "defs/code.json"}, "postcode": {"format": "uk-postcode"}},
        "required": ["code"],
    }
    (tmp_path / "root.json").write_text(json.dumps(root))
    checker = Checker.for_schema_file(tmp_path / "root.json")
    data = tmp_path / "data.ndjson"
    data.write_text('{"code": "ABC"}\n{"code": "abc"}\n{"postcode": "SW1A1AA"}\n')
    report = checker.check_paths([str(data)])
    found = sorted((f.code, f.location.line, f.pointer) for f in report.findings)
    assert found == [
        ("schema.format", 3, "/postcode"),
        ("schema.pattern", 2, "/code"),
        ("schema.required", 3, "/code"),
    ]


def test_sniffing_long_ndjson_lines() -> None:
    """NDJSON with lines longer than any sample is still recognised from text given in full."""
    import lgstandards

    line = json.dumps({"uprn": "1", "address": {"paon": "x" * 90, "street": "s", "town": "t"}})
    text = "\n".join([line] * 3 + [json.dumps({"uprn": 2})])
    report = lgstandards.validate(text, "common@1")
    assert report.files[0].format == "ndjson"
    assert [(f.code, f.location.line) for f in report.findings] == [("schema.type", 4)]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'{"a": 1}\n{"a": 2}\n', "ndjson"),
        (b'{\n  "a": 1\n}\n', "json"),
        (b'[{"a": 1},\n {"a": 2}]', "json"),
        (b'{"a": 1}', "json"),
        (b"uprn,postcode\n1,X\n", "csv"),
    ],
)
def test_detect_format(head: bytes, expected: str) -> None:
    """Content sniffing tells NDJSON, JSON and CSV apart."""
    from lgstandards.sources import detect_format

    assert detect_format("-", head) == expected


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"\xff\xfe{\x00}\x00", "source.invalid-encoding", "UTF-16"),
        (b'{"uprn": ' + b"9" * 5000 + b"}", "source.invalid-json", "more than 4,300 digits"),
        (b'{"uprn": 1e400}', "source.invalid-json", "too large to represent"),
    ],
    ids=["utf-16", "endless-integer", "infinite-float"],
)
def test_unreadable_numbers_and_encodings(
    checker: Checker, tmp_path: Path, content: bytes, code: str, words: str
) -> None:
    """UTF-16 text and numbers no parser can hold get a plain reason, not a programmer's hint."""
    report = _check(checker, tmp_path, "odd.json", content)
    [finding] = report.findings
    assert finding.code == code
    assert words in finding.message
    assert "sys." not in finding.message


def test_review_edge_cases(checker: Checker, tmp_path: Path) -> None:
    """Lone surrogates, BOM offsets and omitted warnings are handled, not crashed on."""
    lone = _check(checker, tmp_path, "lone.json", b'{"postcode": "\\ud800x"}')
    assert [f.code for f in lone.findings] == ["source.invalid-json"]
    pair = _check(
        checker,
        tmp_path,
        "pair.json",
        b'{"address": {"paon": "\\ud83d\\ude00", "street": "s", "town": "t"}}',
    )
    assert pair.conforms
    bom = _check(checker, tmp_path, "bom-bad.json", b'\xef\xbb\xbf{"postcode":\n"\xff"}')
    [finding] = [f for f in bom.findings if f.code == "source.invalid-encoding"]
    assert (finding.location.line, finding.location.column) == (2, 2)
    assert "0xff" in finding.message
    warnings_only = _check(checker, tmp_path, "empty-array.json", b"\xef\xbb\xbf[]")
    capped = checker.check_paths([str(tmp_path / "empty-array.json")], max_findings=1)
    assert warnings_only.conforms and capped.conforms


def test_named_pipe(checker: Checker, tmp_path: Path) -> None:
    """A named pipe is read once, whole, not called empty, even if its writer attaches late."""
    import os
    import threading
    import time

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed() -> None:
        time.sleep(0.3)  # The reader opens first, as when a producer is slow to start.
        fifo.write_text('{"uprn": "1"}\n{"uprn": 2}\n')

    writer = threading.Thread(target=feed)
    writer.start()
    report = checker.check_paths([str(fifo)])
    writer.join(timeout=10)
    assert report.files[0].format == "ndjson"
    assert [(f.code, f.location.line) for f in report.findings] == [("schema.type", 2)]
