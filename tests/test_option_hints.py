"""Advice names only options the command giving it accepts.

A message that says "pass --past-days" from a command that refuses --past-days sends a user in a
circle. These tests walk every command's help, and run each command where it gives advice, and
check every `--option` in what it prints against that command's own click parameters (an option
written after `lgstandards OTHER` belongs to that other command).
"""

from __future__ import annotations

import html
import ipaddress
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest

from lgstandards.apicheck import check_api
from lgstandards.cli import cli, main
from lgstandards.report import Report
from lgstandards.reporters import render
from tests.test_reference_server import serve

ROOT = Path(__file__).resolve().parents[1]
SCHEDULE = ROOT / (
    "standards/waste-property-schedule/2.0.0/examples/valid/two-tier-district-house.json"
)
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
#: Punctuation that ends the command line a sentence quotes.
ENDS = (".", ",", ";", ":", ")", "`", '"')


def _subcommands(group: click.Group) -> dict[str, click.Command]:
    """Return a group's sub-commands by name (the CLI imports each only when asked for it)."""
    ctx = click.Context(group)
    found = {name: group.get_command(ctx, name) for name in group.list_commands(ctx)}
    return {name: sub for name, sub in found.items() if sub is not None}


def _commands(command: click.Command = cli, path: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], click.Command]]:
    """Yield every command and group with its path of names, the root first."""
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in _subcommands(command).items():
            yield from _commands(sub, (*path, name))


def _accepted(command: click.Command) -> set[str]:
    """Return the long options a command accepts (a group: those of any command in it)."""
    names = {"--help"}
    for _path, each in _commands(command):
        if each is command or isinstance(command, click.Group):
            names |= {n for p in each.params for n in (*p.opts, *p.secondary_opts)}
    return names


def _command_at(path: tuple[str, ...]) -> click.Command:
    """Return the command a path of names leads to."""
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = _subcommands(command)[name]
    return command


def foreign_options(text: str, path: tuple[str, ...] | None) -> list[str]:
    """Return the options text suggests that the command at path (None: the web) does not take."""
    own = _command_at(path) if path is not None else None
    quoted: click.Command | None = None
    previous = ""
    foreign = []
    for token in text.split():
        word = token.strip("`'\"()[],.;:")
        named = quoted
        if (previous == "lgstandards" and word in _subcommands(cli)) or word == "check-api":
            named = _subcommands(cli)[word]
        elif isinstance(quoted, click.Group) and word in _subcommands(quoted):
            named = _subcommands(quoted)[word]
        context = named or own
        foreign += [o for o in OPTION.findall(token)
                    if context is None or o not in _accepted(context)]
        # A sentence quoting a command line ends it, unless this word named the command.
        quoted = None if token.endswith(ENDS) and named is quoted else named
        previous = word
    return foreign


def test_the_check_itself_catches_a_foreign_option() -> None:
    """The checker flags --past-days from export and allows it after `lgstandards validate`."""
    assert foreign_options("check the year, or pass --past-days.", ("export", "ics")) == [
        "--past-days"]
    assert foreign_options("`lgstandards validate` sets it with --past-days", ("export",)) == []
    assert foreign_options("written by check-api --statement.", ("verify",)) == []
    assert foreign_options("give --probe, or --since", ("check-api",)) == ["--since"]
    assert foreign_options("give --postcode. `check-api --timeout` waits", None) == ["--postcode"]


@pytest.mark.parametrize(
    "path", [path for path, _ in _commands()], ids=lambda path: " ".join(path) or "lgstandards"
)
def test_every_help_names_only_options_its_command_accepts(path: tuple[str, ...]) -> None:
    """Each command's help (its text and every option's) suggests only options it takes."""
    command = _command_at(path)
    text = command.get_help(click.Context(command, info_name=" ".join(("lgstandards", *path))))
    assert foreign_options(text, path) == []


def _old_schedule(folder: Path) -> Path:
    """Write a conforming schedule one of whose collections is six years before it was made."""
    record = json.loads(SCHEDULE.read_text(encoding="utf-8"))
    record["collections"][0]["date"] = "2020-11-27"
    path = folder / "old.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run the CLI and return everything it printed."""
    main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return out + err


def test_validate_suggests_past_days_which_it_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate advises --past-days for an implausibly old date, and accepts it."""
    old = str(_old_schedule(tmp_path))
    for fmt in ("text", "markdown", "html", "github", "junit"):
        shown = _run(capsys, "validate", "-s", "waste-property-schedule@2", old, "--format", fmt)
        assert "waste.implausible-date" in shown
        # The page's words, not its style sheet's custom properties (`--err`).
        words = re.sub(r"<style.*?</style>|<[^>]+>", " ", shown, flags=re.S)
        assert foreign_options(html.unescape(words), ("validate",)) == []
    assert "pass --past-days to widen the window" in _run(
        capsys, "validate", "-s", "waste-property-schedule@2", old)
    assert "--past-days" in _run(capsys, "validate", "-s", "waste-property-schedule@2", old,
                                 "--jobs", "2")


@pytest.mark.parametrize("exporter", ["ics", "ukbcd-bins"])
def test_export_does_not_suggest_past_days(
    exporter: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """export shows the same warning without advising an option it would refuse."""
    shown = _run(capsys, "export", exporter, str(_old_schedule(tmp_path)),
                 "-o", str(tmp_path / "out"))
    assert "waste.implausible-date" in shown and "check the year" in shown
    assert foreign_options(shown, ("export", exporter)) == []


def test_convert_check_does_not_suggest_past_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """convert --check shows the warning of its records without advising --past-days."""
    bins = tmp_path / "bins.json"
    bins.write_text(json.dumps({"bins": [
        {"type": "Refuse", "collectionDate": "27/11/2020"},
        {"type": "Recycling", "collectionDate": "04/12/2026"},
    ]}), encoding="utf-8")
    args = ["convert", "--from", "ukbcd-bins", str(bins), "--uprn", "100062201563",
            "--council", "E07000223", "--generated-at", "2026-12-01T06:00:00Z", "--check",
            "-o", str(tmp_path / "out.ndjson")]
    for fmt in ("text", "json"):
        shown = _run(capsys, *args, "--format", fmt)
        assert "waste.implausible-date" in shown
        assert foreign_options(shown, ("convert",)) == []


@pytest.mark.parametrize("args", [
    # No organisation or GSS code: the converter asks for them.
    ("--from", "lga-planning-csv", str(ROOT / "tests/data/lga-planning-messy.csv")),
    ("--from", "ukbcd-bins", str(ROOT / "tests/data/ukbcd-bins.json")),
    ("--from", "ukbcd-bins", str(ROOT / "tests/data/ukbcd-bins.json"), "--uprn", "0",
     "--council", "E07000223"),
    ("--from", "ukbcd-bins", str(ROOT / "tests/data/ukbcd-bins.json"), "--uprn", "1",
     "--council", "E07000223", "--to", "waste-property-schedule@9"),
])
def test_convert_refusals_name_its_own_options(
    args: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What convert says when it cannot run names only convert's options."""
    shown = _run(capsys, "convert", *args, "-o", str(tmp_path / "out.ndjson"))
    assert OPTION.search(shown), shown
    assert foreign_options(shown, ("convert",)) == []


#: Where the reference server serves waste-collections-api 2.0.0, and where it serves nothing.
WASTE_V2, NOWHERE = "/waste/v2", "/nothing-here"


def _words(text: str) -> str:
    """Return a report's words: a page without its style sheet (`--err`) and tags."""
    return html.unescape(re.sub(r"<style.*?</style>|<[^>]+>", " ", text, flags=re.S))


def _rendered(report: Report) -> str:
    """Return a report in every format a person or a machine reads its advice in."""
    return "\n".join(_words(render(report, fmt)) for fmt in
                     ("text", "markdown", "html", "json", "junit", "sarif", "github"))


@pytest.mark.parametrize(("mount", "own"), [(WASTE_V2, "--postcode"), (NOWHERE, "--base-url")])
def test_check_api_advice_names_its_own_options(
    mount: str, own: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """check-api's advice asks for options check-api takes: --postcode, --header, --base-url."""
    with serve() as url:
        for fmt in ("text", "markdown", "html"):
            shown = _run(capsys, "check-api", "-s", "waste-collections-api@2",
                         "--base-url", f"{url}{mount}", "--rate-limit", "500/s", "--format", fmt)
            assert own in shown
            assert foreign_options(_words(shown), ("check-api",)) == []


def test_verify_rerun_advice_names_only_verify_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """verify --rerun's run asks for probes with its own --probe, and for the rest in words."""
    import lgstandards.apicheck.runner as runner

    reports: list[Report] = []

    def keep(*args: Any, **kwargs: Any) -> Report:
        """Run the check as verify does, keeping its report to read."""
        reports.append(check_api(*args, **kwargs))
        return reports[-1]

    statement = tmp_path / "statement.json"
    with serve() as url:
        _run(capsys, "check-api", "-s", "waste-collections-api@2", "--base-url",
             f"{url}{WASTE_V2}", "--postcode", "BN43 5RA", "--rate-limit", "500/s",
             "--statement", str(statement))
        monkeypatch.setattr(runner, "check_api", keep)
        shown = [_run(capsys, "verify", str(statement), "--rerun")]
        recorded = json.loads(statement.read_text(encoding="utf-8"))
        recorded["api"]["base_url"] = f"{url}{NOWHERE}"
        statement.write_text(json.dumps(recorded), encoding="utf-8")
        shown.append(_run(capsys, "verify", str(statement), "--rerun"))
    assert len(reports) == 2
    skipped, nowhere = (_rendered(report) for report in reports)
    assert "--probe postcode=POSTCODE" in skipped
    assert "Check the base URL" in nowhere and "--base-url" not in nowhere
    for text in (*shown, skipped, nowhere):
        assert foreign_options(text, ("verify",)) == []


@pytest.mark.parametrize("mount", [WASTE_V2, NOWHERE])
def test_web_api_checker_advice_names_no_option(mount: str, tmp_path: Path) -> None:
    """The web's form and JSON API have fields, not options: their advice names none."""
    from starlette.testclient import TestClient

    from lgstandards.web import Settings, create_app
    from lgstandards.web.app import DOWNLOADS

    settings = Settings(temp_dir=str(tmp_path), api_rate_limit=500.0,
                        api_allow_networks=(ipaddress.ip_network("127.0.0.0/8"),))
    app = create_app(settings, resolver=lambda host, port: ["127.0.0.1"])
    with serve() as url, TestClient(app, base_url="http://testserver") as client:
        page = client.get("/check-api").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token is not None
        sent = client.post("/check-api", data={
            "csrf_token": token.group(1), "standard": "waste-collections-api@2.0.0",
            "base_url": f"{url}{mount}"}, files={"none": ("", b"")}, follow_redirects=False)
        assert sent.status_code == 303, sent.text
        where = sent.headers["location"]
        shown = [client.get(where).text, *(client.get(f"{where}/{name}").text
                                          for name in DOWNLOADS)]
        answer = client.post("/api/check-api", json={"standard": "waste-collections-api@2",
                                                      "base_url": f"{url}{mount}"})
        assert answer.status_code == 200, answer.text
        shown.append(answer.text)
    text = "\n".join(_words(each) for each in shown)
    assert ("give a postcode the server has addresses for" in text if mount == WASTE_V2
            else "Check the base URL" in text)
    assert foreign_options(text, None) == []
