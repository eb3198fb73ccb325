"""Terminal output: colour on a terminal only, and no wrapping in CI logs."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from lgstandards.reporters.escape import safe_line
from lgstandards.reporters.text import Line

_STYLES = {
    "heading": "bold",
    "error": "bold red",
    "warning": "yellow",
    "info": "cyan",
    "ok": "green",
    "dim": "dim",
}


def console(stream: TextIO | None = None) -> Console:
    """Return a console that wraps nothing, so CI logs keep one finding per line."""
    return Console(file=stream or sys.stdout, soft_wrap=True, highlight=False)


def print_lines(lines: list[Line], stream: TextIO | None = None) -> None:
    """Print styled report lines, in colour only when the stream is a terminal."""
    out = console(stream)
    for style, text in lines:
        # rich passes ESC through and reads [markup]: neither may come from the data.
        out.print(escape(safe_line(text)), style=_STYLES.get(style or ""))
