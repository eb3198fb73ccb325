"""The text report off a terminal: written without rich, byte for byte what rich would write."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lgstandards.cli import console
from lgstandards.reporters.escape import safe_line
from lgstandards.reporters.text import Line

#: Lines that could make rich write something other than the text: markup, emoji codes,
#: backslashes, wide and combining characters, controls, and whitespace at a line's end.
TRICKY = [
    "Checked 1 file against waste-property-schedule@2.0.0",
    "",
    "[bold]not markup[/bold] and [link=https://example.org]a link[/link]",
    "\\[escaped] and a final backslash \\",
    "C:\\data\\bins.json: 3 records",
    "emoji codes :smile: :thumbs_up: :red_heart-emoji: and a time 07:30:00",
    "https://example.org:8080/a:b",
    "wide 漢字, an emoji 🎉, e\u0301 combined",
    "tab\there, a new\nline, ESC \x1b[31m red",
    "::error ::not a workflow command ##[error]",
    "trailing space ",
    "x" * 200 + "   ",
    "\u3000full-width spaces\u3000",
    "{0} %s %(name)s",
    "[/] [#fff] [@click] [b]] [[i]] a[b]c",
]


def _rich(lines: list[Line]) -> str:
    """Return what rich writes for the lines, as the report did before it was skipped."""
    from rich.markup import escape

    stream = io.StringIO()
    out = console.console(stream)
    for style, text in lines:
        out.print(escape(safe_line(text)), style=console._STYLES.get(style or ""))
    return stream.getvalue()


def _printed(lines: list[Line]) -> str:
    stream = io.StringIO()
    console.print_lines(lines, stream)
    return stream.getvalue()


@pytest.fixture(autouse=True)
def _no_forced_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in console._RICH_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("style", [None, "heading", "error", "ok"])
def test_a_line_is_written_as_rich_writes_it(style: str | None, text: str) -> None:
    """Each tricky line, in each style, comes out as rich would write it off a terminal."""
    assert _printed([(style, text)]) == _rich([(style, text)])


#: Any text, and text made of what rich's markup and emoji codes are built from.
_TEXT = st.text() | st.text(st.sampled_from("[]/\\:#@=bi smile_-\u3000🎉"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([None, "error", "dim"]), _TEXT), max_size=4))
def test_any_lines_are_written_as_rich_writes_them(lines: list[Line]) -> None:
    """Whatever the text, the report off a terminal is byte for byte rich's."""
    assert _printed(lines) == _rich(lines)


def test_a_plain_report_skips_rich() -> None:
    """A report of ordinary lines to a file or pipe is written directly."""
    texts = [TRICKY[0], TRICKY[2], "wide 漢字, an emoji 🎉", "a: b", TRICKY[-1]]
    assert console._plain(io.StringIO(), [safe_line(t) for t in texts])


@pytest.mark.parametrize("text", ["a :smile:", "trailing ", "ends \\"])
def test_what_rich_would_change_goes_through_rich(text: str) -> None:
    """An emoji code, whitespace or a backslash at a line's end is left to rich."""
    assert not console._plain(io.StringIO(), [text])


def test_forced_colour_goes_through_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """FORCE_COLOR makes rich colour a pipe, so the lines go through rich."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not console._plain(io.StringIO(), ["plain"])
    assert "\x1b[" in _printed([("error", "plain")])


def test_a_terminal_goes_through_rich() -> None:
    """On a terminal the lines are coloured by rich."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert not console._plain(Terminal(), ["plain"])
