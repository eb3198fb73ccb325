"""Hostile input meets the output: reports nobody can inject into, and writes that never destroy.

Each test gives lgstandards a file name, a CSV header or an API value built to break a line,
drive a terminal or issue a GitHub workflow command, or makes a write fail part way, and
asserts the promise of docs/security.md: the exit code, no traceback, the escaped text, and an
earlier output file left byte for byte as it was.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

import pytest

from lgstandards import files
from lgstandards.cli import main
from lgstandards.reporters.escape import one_line, safe_line, safe_lines
from tests.test_reference_server import reference_app, serve_app

#: Text built to end a line, start a workflow command and drive a terminal.
HOSTILE = "x\n::error ::pwned\x1b[2J\u202e"
#: How HOSTILE must read in every human report.
ESCAPED = "x\\n::error ::pwned\\x1b[2J\\u202e"

HUMAN = ["text", "markdown", "github"]
COMMANDS = ("::error ", "::warning ", "::notice ")
REGISTER = Path(__file__).resolve().parents[1] / (
    "standards/planning-application-register/1.0.0/examples/valid/register.csv"
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI and return its exit code, standard output and standard error."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _assert_safe(out: str, fmt: str) -> None:
    """Assert no terminal control reached the output and no line is a command from the data."""
    assert "\x1b" not in out and "\u202e" not in out and "Traceback" not in out
    for line in out.splitlines():
        command = line.lstrip().startswith("::")
        # The github format's own annotations are the only commands, and carry data escaped.
        assert not command or (fmt == "github" and line.startswith(COMMANDS)), line
        assert not line.lstrip().startswith(("::error ::pwned", "pwned")), line
    if fmt == "markdown":
        assert [line for line in out.splitlines() if line.startswith("#")] == [out.split("\n")[0]]


# -- the rule itself -----------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\nb\r\tc", "a\\nb\\r\\tc"),
    ("\x00\x07\x1b[31m\x7f", "\\x00\\x07\\x1b[31m\\x7f"),
    ("\x85\x9b", "\\x85\\x9b"),
    ("line\u2028para\u2029", "line\\u2028para\\u2029"),
    ("\u202etxt.exe\u2066\u200f\u061c", "\\u202etxt.exe\\u2066\\u200f\\u061c"),
    ("caf\udce9", "caf\\xe9"),
    ("plain é ✓ 'quoted'", "plain é ✓ 'quoted'"),
])
def test_one_line_shows_every_unsafe_character_escaped(raw: str, shown: str) -> None:
    """C0, DEL, C1, line separators, bidi controls and non-UTF-8 bytes are shown as escapes."""
    assert one_line(raw) == shown


@pytest.mark.parametrize(("raw", "shown"), [
    ("::error ::pwned", "\\x3a:error ::pwned"),
    ("    ::add-mask::x", "    \\x3a:add-mask::x"),
    ("see ##[error]x", "see ##\\x5berror]x"),
    ("a::b", "a::b"),
])
def test_safe_line_never_starts_a_workflow_command(raw: str, shown: str) -> None:
    """A line from data cannot be a workflow command, in either of the runner's forms."""
    assert safe_line(raw) == shown


def test_the_rule_is_idempotent() -> None:
    """Escaping twice changes nothing, so layers may each apply it."""
    once = safe_lines(f"{HOSTILE}\n::x::y")
    assert safe_lines(once) == once


# -- file names, CSV headers and API values in every human format -------------------------------


@pytest.fixture
def hostile_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Return the name of a non-conforming file whose name is hostile, in the working folder."""
    monkeypatch.chdir(tmp_path)
    name = f"{HOSTILE}.ndjson"
    (tmp_path / name).write_text('{"unknown": 1}\n', encoding="utf-8")
    return name


@pytest.mark.parametrize("fmt", HUMAN)
def test_file_name_is_escaped_in_every_format(
    capsys: pytest.CaptureFixture[str], hostile_file: str, fmt: str
) -> None:
    """A file name with a newline, '::error ::' and ESC is shown escaped; the data exits 1."""
    code, out, err = _run(capsys, "validate", "--standard", "common@2.0.0", hostile_file,
                          "--format", fmt)
    assert code == 1
    _assert_safe(out + err, fmt)
    # Markdown holds the name in a code span, GitHub in a property where ':' is %3A.
    assert "x\\n" in out and "pwned\\x1b[2J\\u202e" in out


def test_file_name_is_escaped_in_a_report_file(
    capsys: pytest.CaptureFixture[str], hostile_file: str, tmp_path: Path
) -> None:
    """The text report written with -o escapes the name as the terminal does."""
    code, _, _ = _run(capsys, "validate", "--standard", "common@2.0.0", hostile_file,
                      "-o", "report.txt")
    assert code == 1
    written = (tmp_path / "report.txt").read_text(encoding="utf-8")
    _assert_safe(written, "text")
    assert ESCAPED in written


def test_missing_file_with_a_hostile_name_cannot_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A conversion that cannot run exits 2 with one escaped line on stderr, no traceback."""
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, "convert", "--from", "lga-planning-csv", f"{HOSTILE}.csv")
    assert code == 2
    _assert_safe(out + err, "text")
    assert ESCAPED in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", HUMAN)
def test_csv_header_is_escaped_in_every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    """A CSV header holding control characters is shown escaped in the unknown-column finding."""
    lines = REGISTER.read_text(encoding="utf-8").split("\n")
    header = lines[0] + ',"' + HOSTILE + '"'
    path = tmp_path / "register.csv"
    path.write_text("\n".join([header, *(row + "," for row in lines[1:3])]) + "\n",
                    encoding="utf-8")
    code, out, err = _run(capsys, "validate", "--standard", "planning-application-register@1.0.0",
                          str(path), "--format", fmt, "--fail-on", "warning")
    assert code == 1
    _assert_safe(out + err, fmt)
    assert "source.unknown-column" in out
    assert "pwned" in out


def _hostile_schedule(app: App) -> App:
    """Wrap an ASGI app so each schedule it answers gives a hostile UPRN."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/schedule"):
            await app(scope, receive, send)
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            data = json.loads(body)
            data["property"]["uprn"] = HOSTILE
            body = json.dumps(data).encode()
            headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            await send({**start, "headers": [*headers, (b"content-length", b"%d" % len(body))]})
            await send({"type": "http.response.body", "body": body})

        await app(scope, receive, capture)

    return wrapped


@pytest.fixture(scope="module")
def hostile_api() -> Iterator[str]:
    """Serve the reference waste API, its schedules carrying a hostile UPRN, over loopback."""
    with serve_app(_hostile_schedule(reference_app().create_app(None))) as url:
        yield url


@pytest.mark.parametrize("fmt", HUMAN)
def test_api_value_is_escaped_in_every_format(
    capsys: pytest.CaptureFixture[str], hostile_api: str, fmt: str
) -> None:
    """A string a server sends reaches no report raw; the API's findings exit 1."""
    code, out, err = _run(capsys, "check-api", "-s", "waste-collections-api@1", "--base-url",
                          hostile_api + "/waste", "--postcode", "BN43 5RA", "--rate-limit",
                          "500/s", "--format", fmt)
    assert code == 1
    _assert_safe(out + err, fmt)
    assert "pwned" in out


def _assert_junit_keeps(xml: str) -> None:
    """Assert a JUnit report parses, holds HOSTILE escaped, and nothing of it raw."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(xml)
    texts = [value for element in root.iter()
             for value in (element.text or "", *element.attrib.values())]
    assert any(ESCAPED in text for text in texts)
    assert not any("\x1b" in text or "\u202e" in text or "\n::" in text for text in texts)


def test_junit_keeps_a_hostile_file_name_and_header_as_escapes(
    capsys: pytest.CaptureFixture[str], hostile_file: str, tmp_path: Path
) -> None:
    """JUnit is valid XML whatever the data holds, and shows every character of it escaped."""
    code, out, _ = _run(capsys, "validate", "--standard", "common@2.0.0", hostile_file,
                        "--format", "junit")
    assert code == 1
    _assert_junit_keeps(out)
    lines = REGISTER.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "register.csv"
    path.write_text("\n".join([lines[0] + ',"' + HOSTILE + '\x07"',
                               *(row + "," for row in lines[1:3])]) + "\n", encoding="utf-8")
    code, out, _ = _run(capsys, "validate", "--standard", "planning-application-register@1.0.0",
                        str(path), "--format", "junit", "--fail-on", "warning")
    assert code == 1
    _assert_junit_keeps(out)
    assert ESCAPED + "\\x07" in out


def test_junit_keeps_a_hostile_api_value_as_escapes(
    capsys: pytest.CaptureFixture[str], hostile_api: str
) -> None:
    """A string a server sends is kept, escaped, in a well-formed JUnit report."""
    code, out, _ = _run(capsys, "check-api", "-s", "waste-collections-api@1", "--base-url",
                        hostile_api + "/waste", "--postcode", "BN43 5RA", "--rate-limit",
                        "500/s", "--format", "junit")
    assert code == 1
    _assert_junit_keeps(out)


# -- writes that fail leave the earlier file as it was ------------------------------------------


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every atomic write fail at its last step, as a full disk would."""
    monkeypatch.setattr(os, "fsync", lambda fd: _no_space())


def _leftovers(folder: Path) -> list[str]:
    """Return the temporary files an atomic write left behind."""
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_failed_validate_leaves_the_report_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, full_disk: None
) -> None:
    """validate -o FILE that cannot write exits 2 and leaves FILE byte for byte."""
    data = tmp_path / "data.ndjson"
    data.write_text('{"unknown": 1}\n', encoding="utf-8")
    report = tmp_path / "report.json"
    report.write_bytes(b"an earlier report\x00\n")
    code, _, err = _run(capsys, "validate", "--standard", "common@2.0.0", str(data),
                        "--format", "json", "-o", str(report))
    assert code == 2
    assert "cannot write the report" in err and "Traceback" not in err
    assert report.read_bytes() == b"an earlier report\x00\n"
    assert _leftovers(tmp_path) == []


def test_failed_convert_leaves_the_output_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, full_disk: None
) -> None:
    """convert -o FILE that cannot write exits 2 and leaves FILE byte for byte."""
    output = tmp_path / "records.ndjson"
    output.write_bytes(b'{"earlier": true}\n')
    source = tmp_path / "lga.csv"
    source.write_text("CaseReference,CaseText\n26/1/FUL,A\n", encoding="utf-8")
    code, _, err = _run(capsys, "convert", "--from", "lga-planning-csv", str(source),
                        "--organisation", "local-authority:ADU", "--gss-code", "E07000223",
                        "-o", str(output))
    assert code == 2
    assert "cannot write the records" in err and "Traceback" not in err
    assert output.read_bytes() == b'{"earlier": true}\n'
    assert _leftovers(tmp_path) == []


def test_convert_that_cannot_read_its_input_leaves_the_output_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A conversion that cannot start exits 2 and never touches FILE."""
    output = tmp_path / "records.ndjson"
    output.write_bytes(b'{"earlier": true}\n')
    source = tmp_path / "not-lga.csv"
    source.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, _ = _run(capsys, "convert", "--from", "lga-planning-csv", str(source),
                      "-o", str(output))
    assert code == 2
    assert output.read_bytes() == b'{"earlier": true}\n'


def test_shifted_csv_row_gives_a_finding_and_no_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A stray comma in an LGA row gives convert.row-length and writes no garbage record."""
    source = tmp_path / "lga.csv"
    source.write_text("CaseReference,CaseText,LocationText\n26/1/FUL,A,B\n"
                      "26/2/FUL,Extension, phase 2,1 High Street\n", encoding="utf-8")
    output = tmp_path / "records.ndjson"
    code, _, err = _run(capsys, "convert", "--from", "lga-planning-csv", str(source),
                        "--organisation", "local-authority:ADU", "--gss-code", "E07000223",
                        "-o", str(output))
    assert code == 1
    assert "[convert.row-length]" in err
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["reference"] for r in records] == ["26/1/FUL"]


def test_atomic_write_keeps_the_target_on_any_error(tmp_path: Path) -> None:
    """An exception or Discard inside the block leaves the target and no temporary file."""
    target = tmp_path / "out.txt"
    target.write_bytes(b"before")
    with pytest.raises(ValueError), files.atomic_write(target) as handle:
        handle.write(b"half")
        raise ValueError
    with files.atomic_write(target) as handle:
        handle.write(b"half")
        raise files.Discard
    assert target.read_bytes() == b"before"
    with pytest.raises(UnicodeEncodeError):
        files.write_text(target, "not UTF-8: \udcff")
    assert target.read_bytes() == b"before"
    assert _leftovers(tmp_path) == []


def test_atomic_write_replaces_whole_and_keeps_the_mode(tmp_path: Path) -> None:
    """A successful write replaces the target, keeping its permissions; a link's file is written."""
    target = tmp_path / "out.txt"
    target.write_bytes(b"before")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    files.write_text(link, "after")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "after"
    assert target.stat().st_mode & 0o777 == 0o640


def test_atomic_write_writes_a_device_directly() -> None:
    """A target that is not a regular file, such as /dev/null, is written, never replaced."""
    files.write_text(Path(os.devnull), "discarded")
    assert Path(os.devnull).is_char_device()


@pytest.mark.parametrize("full", [False, True])
def test_failed_export_leaves_the_output_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    full: bool,
) -> None:
    """export -o FILE that is refused, or cannot write, exits 2 and leaves FILE byte for byte."""
    schedules = REGISTER.parents[4] / "waste-property-schedule" / "1.0.0" / "examples"
    source = schedules / ("valid/two-tier-district-house.json" if full
                          else "invalid/changed-flag-mismatch.json")
    if full:
        monkeypatch.setattr(os, "fsync", lambda fd: _no_space())
    output = tmp_path / "bins.ics"
    output.write_bytes(b"BEGIN:VCALENDAR earlier\r\n")
    code, _, err = _run(capsys, "export", "ics", str(source), "-o", str(output))
    assert code == 2
    assert "Traceback" not in err
    assert output.read_bytes() == b"BEGIN:VCALENDAR earlier\r\n"
    assert _leftovers(tmp_path) == []


def _no_space() -> None:
    """Fail as a full disk does."""
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_option_error_naming_a_hostile_path_is_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Click's own 'does not exist' message, which quotes the path, follows the rule: exit 2."""
    code, out, err = _run(capsys, "publish", "--standards-dir", HOSTILE, str(tmp_path / "site"))
    assert code == 2
    _assert_safe(out + err, "text")
    assert ESCAPED in err


def test_progress_line_escapes_the_file_name() -> None:
    """The progress display shows a hostile file name escaped."""
    from lgstandards.cli.validate_command import Progress

    progress = Progress(1, clock=lambda: 0.0)
    progress.file_name = f"/data/{HOSTILE}.ndjson"
    assert f"{ESCAPED}.ndjson" in progress.text()


def test_atomic_write_fits_a_name_at_the_limit(tmp_path: Path) -> None:
    """A target whose name is as long as a file name can be still gets written."""
    target = tmp_path / ("n" * 250 + ".txt")
    files.write_text(target, "whole")
    assert target.read_text(encoding="utf-8") == "whole"
    assert _leftovers(tmp_path) == []


def test_html_report_keeps_data_on_its_line(
    capsys: pytest.CaptureFixture[str], hostile_file: str
) -> None:
    """The HTML report, printed to a CI log, has no line starting with data: breaks are &#10;."""
    code, out, _ = _run(capsys, "validate", "--standard", "common@2.0.0", hostile_file,
                        "--format", "html")
    assert code == 1
    assert "x&#10;::error ::pwned" in out
    assert not [line for line in out.splitlines() if line.lstrip().startswith("::")]
