"""The README's commands work as written: real commands and options, a Quick start that passes."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from lgstandards.cli import cli, main

README = Path(__file__).resolve().parents[1] / "README.md"


def _shell_lines() -> list[str]:
    """Return the README's shell commands, continuation lines joined."""
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    return [line for block in blocks for line in block.replace("\\\n", " ").splitlines()
            if line.strip()]


def _invocations() -> list[list[str]]:
    """Return the arguments of every `lgstandards` run the README shows."""
    runs = []
    for line in _shell_lines():
        tokens = shlex.split(line, comments=True)
        segments: list[list[str]] = [[]]
        for token in tokens:
            if token in ("&&", "|", ";"):
                segments.append([])
            else:
                segments[-1].append(token)
        runs += [segment[1:] for segment in segments
                 if segment and segment[0].endswith("lgstandards")]
    return runs


INVOCATIONS = _invocations()


def test_the_readme_shows_many_commands() -> None:
    """The walk below finds the README's commands (it would pass vacuously on none)."""
    assert len(INVOCATIONS) > 20
    assert ["list"] in INVOCATIONS


@pytest.mark.parametrize("args", INVOCATIONS, ids=" ".join)
def test_each_readme_command_names_options_that_exist(args: list[str]) -> None:
    """Every sub-command and option the README writes is one the CLI accepts."""
    command: click.Command = cli
    rest = list(args)
    while isinstance(command, click.Group) and rest:
        # The CLI imports a sub-command only when asked for it: ask by name.
        sub = command.get_command(click.Context(command), rest[0])
        if sub is None:
            break
        rest.pop(0)
        command = sub
    assert not isinstance(command, click.Group), f"no such command: {args}"
    accepted = {name for param in command.params for name in (*param.opts, *param.secondary_opts)}
    for token in rest:
        if token.startswith("-") and token != "-":
            assert token.split("=", 1)[0] in accepted | {"-h", "--help"}, token


def test_pip_and_tools_are_the_virtual_environments() -> None:
    """Every `pip` the README runs is the venv's, and the page says how the rest find it."""
    for line in _shell_lines():
        for token in shlex.split(line, comments=True):
            if token.endswith("pip"):
                assert token == ".venv/bin/pip", line
    text = README.read_text(encoding="utf-8")
    assert ". .venv/bin/activate" in text


def test_the_quick_start_check_passes(capsys: pytest.CaptureFixture[str]) -> None:
    """The Quick start's validate of the shipped example schedules exits 0 from the checkout."""
    [quick] = [args for args in INVOCATIONS if args[:1] == ["validate"]
               and any("examples/valid" in a for a in args)]
    root = README.parent
    args = [str(root / a) if a.startswith("standards/") else a for a in quick]
    assert main(args) == 0, capsys.readouterr()
