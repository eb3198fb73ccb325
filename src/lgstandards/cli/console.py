"""Terminal output: colour on a terminal only, and no wrapping in CI logs."""

from __future__ import annotations

import builtins
import os
import re
import sys
from typing import TYPE_CHECKING, TextIO

from lgstandards.reporters.escape import safe_line
from lgstandards.reporters.text import Line

if TYPE_CHECKING:
    from rich.console import Console

_STYLES = {
    "heading": "bold",
    "error": "bold red",
    "warning": "yellow",
    "info": "cyan",
    "ok": "green",
    "dim": "dim",
}

#: Text rich would read as an emoji code (`:smile:`), the one thing it changes in a plain line.
_EMOJI_CODE = re.compile(r":\S*?:")

#: Variables that make rich colour or size output that is not a terminal.
_RICH_ENVIRONMENT = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS")


def console(stream: TextIO | None = None) -> Console:
    """Return a console that wraps nothing, so CI logs keep one finding per line."""
    from rich.console import Console

    return Console(file=stream or sys.stdout, soft_wrap=True, highlight=False)


def print_lines(lines: list[Line], stream: TextIO | None = None) -> None:
    """Print styled report lines, in colour only when the stream is a terminal."""
    out_stream = stream or sys.stdout
    texts = [safe_line(text) for _, text in lines]
    if _plain(out_stream, texts):
        # What rich would write here, without importing it (a fifth of a small run's start-up),
        # a line at a time as rich writes it.
        for text in texts:
            out_stream.write(f"{text}\n")
        out_stream.flush()
        return
    from rich.markup import escape

    out = console(out_stream)
    for (style, _), text in zip(lines, texts, strict=True):
        # rich passes ESC through and reads [markup]: neither may come from the data.
        out.print(escape(text), style=_STYLES.get(style or ""))


def _plain(stream: TextIO, texts: list[str]) -> bool:
    """Return whether rich would write these lines unchanged: no colour, emoji code or crop.

    Off a terminal rich adds no colour; with soft wrapping it changes a safe line only by
    turning `:name:` into an emoji, by dropping whitespace at the end of a line wider than the
    console, and around backslashes (its markup escaping doubles a final one). Anything that
    might make it do more sends the lines through rich.
    """
    if any(name in os.environ for name in _RICH_ENVIRONMENT) or hasattr(builtins, "get_ipython"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        if isatty is None or isatty():
            return False
    except ValueError:
        return False
    return not any(text[-1:].isspace() or "\\" in text or _EMOJI_CODE.search(text)
                   for text in texts)
