"""Map a JSON Pointer back to a line and column in the JSON text it came from."""

from __future__ import annotations

import bisect
import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip_ws(text: str, pos: int) -> int:
    # Compact JSON (every NDJSON line written by a program) has no white space between
    # tokens: one character test then saves a regular expression call per token.
    if pos < len(text) and text[pos] not in " \t\n\r":
        return pos
    match = _WS.match(text, pos)
    return match.end() if match else pos


def _skip_value(text: str, pos: int) -> int:
    # raw_decode skips a whole value at C speed; only the path to the target is walked in Python.
    _, end = _DECODER.raw_decode(text, pos)
    return int(end)


def offset_of(
    text: str, parts: list[str], start: int = 0, arrays: dict[int, list[int]] | None = None
) -> int:
    """Return the offset of the value at `parts` (or of its nearest existing ancestor).

    `arrays` caches the element offsets of each array walked, by the array's own offset, so
    many findings in one long list do not each skip every element before theirs.
    """
    pos = _skip_ws(text, start)
    try:
        for part in parts:
            char = text[pos]
            if char == "{":
                inner = _skip_ws(text, pos + 1)
                found = None
                while text[inner] == '"':
                    key, after = scanstring(text, inner + 1)
                    colon = _skip_ws(text, after)
                    value_at = _skip_ws(text, colon + 1)
                    if key == part:
                        found = value_at
                        break
                    inner = _skip_ws(text, _skip_value(text, value_at))
                    if text[inner] == ",":
                        inner = _skip_ws(text, inner + 1)
                if found is None:
                    return pos
                pos = found
            elif char == "[":
                if not part.isdigit():
                    return pos
                wanted = int(part)
                if arrays is not None:
                    if pos not in arrays:
                        arrays[pos] = element_offsets(text, pos)
                    elements = arrays[pos]
                    if wanted >= len(elements):
                        return pos
                    pos = elements[wanted]
                    continue
                inner = _skip_ws(text, pos + 1)
                index = 0
                while text[inner] != "]" and index < wanted:
                    inner = _skip_ws(text, _skip_value(text, inner))
                    if text[inner] == ",":
                        inner = _skip_ws(text, inner + 1)
                    index += 1
                if text[inner] == "]":
                    return pos
                pos = inner
            else:
                return pos
    except (IndexError, ValueError):
        return pos
    return pos


def element_offsets(text: str, start: int = 0) -> list[int]:
    """Return the offset of every element of the JSON array that starts at `start`."""
    pos = _skip_ws(text, start)
    offsets: list[int] = []
    if pos >= len(text) or text[pos] != "[":
        return offsets
    inner = _skip_ws(text, pos + 1)
    try:
        while text[inner] != "]":
            offsets.append(inner)
            inner = _skip_ws(text, _skip_value(text, inner))
            if text[inner] == ",":
                inner = _skip_ws(text, inner + 1)
    except (IndexError, ValueError):
        pass
    return offsets


class LineIndex:
    """Turn character offsets into 1-based line and column numbers."""

    def __init__(self, text: str) -> None:
        """Index the starts of the lines of `text`."""
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        """Return the (line, column) of a character offset, both counted from 1."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1
