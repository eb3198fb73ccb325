"""Well-Known Text points and polygons, as planning.data.gov.uk writes them, to GeoJSON and back.

planning.data.gov.uk gives a site's point as `POINT (lon lat)` and its boundary as a `POLYGON`
or `MULTIPOLYGON` in WGS84; the register holds GeoJSON. Numbers are written the shortest way
that reads back to the same value, so a conversion there and back changes nothing.
"""

from __future__ import annotations

import re
from typing import Any

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_TOKEN = re.compile(rf"\s*({_NUMBER}|\(|\)|,|[A-Za-z]+)")


class WktError(ValueError):
    """The text is not a WKT point, polygon or multipolygon."""


def _tokens(text: str) -> list[str]:
    """Split WKT into words, numbers and brackets, or raise WktError."""
    found: list[str] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise WktError(f"unexpected {text[position:position + 10]!r}")
        found.append(match.group(1))
        position = match.end()
    return found


class _Parser:
    """Reads the nested brackets of WKT coordinates."""

    def __init__(self, tokens: list[str]) -> None:
        """Start at the first token."""
        self.tokens = tokens
        self.at = 0

    def take(self, expected: str | None = None) -> str:
        """Return the next token, checking it when one is expected."""
        if self.at >= len(self.tokens):
            raise WktError("the text ends too soon")
        token = self.tokens[self.at]
        if expected is not None and token != expected:
            raise WktError(f"expected {expected!r} but found {token!r}")
        self.at += 1
        return token

    def position(self) -> list[float | int]:
        """Read 'x y' (or 'x y z')."""
        numbers: list[float | int] = []
        while self.at < len(self.tokens) and self.tokens[self.at] not in (",", ")"):
            token = self.take()
            try:
                value = float(token)
            except ValueError:
                raise WktError(f"{token!r} is not a number") from None
            numbers.append(int(value) if re.fullmatch(r"[-+]?\d+", token) else value)
        if not 2 <= len(numbers) <= 3:
            raise WktError("a position needs two numbers")
        return numbers

    def group(self, inner: str) -> list[Any]:
        """Read '(item, item, ...)' where each item is a position or a group."""
        self.take("(")
        items: list[Any] = []
        while True:
            items.append(self.position() if inner == "position" else self.group(inner[6:]))
            if self.take() == ")":
                return items


def parse_wkt(text: str) -> dict[str, Any]:
    """Return a WKT POINT, POLYGON or MULTIPOLYGON as a GeoJSON geometry, or raise WktError."""
    tokens = _tokens(text)
    if not tokens:
        raise WktError("the text is empty")
    kind = tokens[0].upper()
    parser = _Parser(tokens[1:])
    if kind == "POINT":
        parser.take("(")
        coordinates: Any = parser.position()
        parser.take(")")
        geometry = {"type": "Point", "coordinates": coordinates}
    elif kind == "POLYGON":
        geometry = {"type": "Polygon", "coordinates": parser.group("group position")}
    elif kind == "MULTIPOLYGON":
        geometry = {"type": "MultiPolygon",
                    "coordinates": parser.group("group group position")}
    else:
        raise WktError(f"{tokens[0]!r} is not POINT, POLYGON or MULTIPOLYGON")
    if parser.at != len(parser.tokens):
        raise WktError("there is text after the geometry")
    return geometry


def _number(value: float | int) -> str:
    """Write a number the shortest way that reads back the same."""
    return repr(value) if isinstance(value, float) else str(value)


def _ring(ring: list[Any]) -> str:
    """Write a ring's positions."""
    return "(" + ", ".join(" ".join(_number(n) for n in p) for p in ring) + ")"


def to_wkt(geometry: dict[str, Any]) -> str:
    """Return a GeoJSON Point, Polygon or MultiPolygon as WKT."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return "POINT (" + " ".join(_number(n) for n in coordinates) + ")"
    if kind == "Polygon":
        return "POLYGON (" + ", ".join(_ring(r) for r in coordinates) + ")"
    if kind == "MultiPolygon":
        return "MULTIPOLYGON (" + ", ".join(
            "(" + ", ".join(_ring(r) for r in polygon) + ")" for polygon in coordinates
        ) + ")"
    raise WktError(f"{kind!r} is not Point, Polygon or MultiPolygon")
