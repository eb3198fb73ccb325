r"""The one escaping rule of every human report: text from outside can never break or start a line.

Values in data, file names, CSV headers and API responses reach the text, Markdown and GitHub
reports and the terminal. Each character that could end a line, drive a terminal or reorder what
is shown (C0 and C1 controls, DEL, Unicode line and paragraph separators, bidi controls) is shown
as a visible escape instead (`\x1b`, `\n`, `\u202e`), and a line can never begin a GitHub
workflow command (`::error ::...`, or the older `##[error]` anywhere in a line).
"""

from __future__ import annotations

import re

__all__ = ["one_line", "safe_line", "safe_lines"]

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

#: Bidi controls: they reorder what a reader sees (a file name that looks like "txt.exe").
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"

#: Characters shown escaped: C0 controls, DEL and C1 controls, the Unicode line and paragraph
#: separators, bidi controls, and lone surrogates (how Python holds a file name's non-UTF-8 bytes).
_UNSAFE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\u2028\u2029{_BIDI}\ud800-\udfff]")

#: A workflow command: `::name ...::` after any leading space, as the Actions runner reads it.
_COMMAND = re.compile(r"^(\s*):")

#: The runner's older command form, `##[name]`, is read anywhere in a line.
_OLD_COMMAND = "##["


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        # A byte of a file name that is not UTF-8, kept by Python as a surrogate: show the byte.
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """Return text with every line-breaking, terminal-driving or reordering character escaped."""
    return _UNSAFE.sub(_visible, text)


def safe_line(line: str) -> str:
    """Return a line of a human report that can neither break, drive a terminal nor be a command."""
    line = one_line(line)
    if line.lstrip().startswith("::"):
        line = _COMMAND.sub(r"\1\\x3a", line, count=1)
    return line.replace(_OLD_COMMAND, "##\\x5b")


def safe_lines(text: str) -> str:
    """Return text whose own lines are kept but each made safe, for messages shown on a terminal."""
    return "\n".join(safe_line(line) for line in text.split("\n"))
