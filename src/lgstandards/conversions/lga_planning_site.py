"""Where an LGA planning CSV row's application is: address, postcode, UPRNs, point, area, wards."""

from __future__ import annotations

import re
from typing import Any

from lgstandards.conversions.inputs import norm
from lgstandards.conversions.lga_planning_row import Row
from lgstandards.conversions.osgb import MAX_EASTING, MAX_NORTHING, grid_to_wgs84
from lgstandards.findings import Severity

POSTCODE = re.compile(
    r"\b(GIR ?0AA|(?:[A-Z][0-9]{1,2}|[A-Z][A-HJ-Y][0-9]{1,2}|[A-Z][0-9][A-Z]"
    r"|[A-Z][A-HJ-Y][0-9][A-Z]) ?[0-9][A-Z]{2})\s*$"
)
_UPRN_SPLIT = re.compile(r"[;,|\s]+")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)")
_SCIENTIFIC = re.compile(r"[-+]?\d+(?:\.\d+)?[eE][-+]?\d+")
#: A ward's GSS code at the end of a statistical geography URI, as GeoAreaURI often gives.
_WARD_URI = re.compile(r"(?:^|/)((?:E05|W05|S13|N08)[0-9]{6})/?$")

_WGS84_NAMES = frozenset({"wgs84", "epsg4326", "4326", "latlong", "latlon", "wgs1984"})
_OSGB_NAMES = frozenset({"osgb36", "osgb", "bng", "britishnationalgrid", "epsg27700", "27700"})


def postcode_at_end(address: str) -> str | None:
    """Return the postcode an address ends with, in capitals with one space, or None."""
    match = POSTCODE.search(address.upper())
    if not match:
        return None
    postcode = match[1].replace(" ", "")
    return postcode[:-3] + " " + postcode[-3:]


class SiteReader:
    """Builds each row's site, noting once per file what it had to change to fit."""

    def __init__(self) -> None:
        """Start a file: no UPRN has yet lost its leading zeros."""
        self._zeros_noted = False

    def site(self, row: Row) -> tuple[dict[str, Any], dict[str, str]]:
        """Return the site, and the GeoArea columns that are not wards (for extensions)."""
        site: dict[str, Any] = {}
        address = ", ".join(
            " ".join(line.split()) for line in row.get("LocationText").splitlines()
            if line.strip()
        )
        if address:
            site["address_text"] = address
            postcode = postcode_at_end(address)
            if postcode:
                site["postcode"] = postcode
        elif row.has("LocationText"):
            row.missing("LocationText",
                        "LocationText is empty; every register record needs the site's address.")
        uprns = self._uprns(row)
        if uprns:
            site["uprns"] = uprns
        point = _point(row)
        if point:
            site["point"] = point
        area = _area(row)
        if area is not None:
            site["area_hectares"] = area
        wards, rest = _wards(row)
        if wards:
            site["wards"] = wards
        return site, rest

    def _uprns(self, row: Row) -> list[str]:
        """Return the row's UPRNs as Ordnance Survey writes them, reporting any that are not."""
        text = row.get("UPRN")
        found: list[str] = []
        for part in _UPRN_SPLIT.split(text):
            if not part:
                continue
            if part.isdigit() and part.isascii() and len(part.lstrip("0")) <= 12:
                value = part.lstrip("0")
                if not value:
                    row.unmapped("UPRN", part, "a UPRN",
                                 "a UPRN of zeros is a placeholder no property has.")
                    continue
                if value != part and not self._zeros_noted:
                    # Zero-padding is an export setting, so it is noted once, not on every row.
                    self._zeros_noted = True
                    row.report(
                        "convert.changed-value", "UPRN",
                        f"UPRN {part!r} was written {value!r}: the register writes UPRNs as "
                        "Ordnance Survey issues them, without leading zeros. Every UPRN of the "
                        "file written with leading zeros was treated the same way.",
                        part, Severity.INFO,
                    )
                if value not in found:
                    found.append(value)
            elif _SCIENTIFIC.fullmatch(part):
                row.unmapped(
                    "UPRN", part, "a UPRN",
                    "a spreadsheet turned it into a rounded number; export the UPRN column as "
                    "text.",
                )
            else:
                row.unmapped("UPRN", part, "a UPRN", "a UPRN is 1 to 12 digits.")
        return found


def _point(row: Row) -> list[float] | None:
    """Return [longitude, latitude] from GeoX and GeoY, converting grid references."""
    x_text, y_text = row.get("GeoX"), row.get("GeoY")
    if not x_text and not y_text:
        return None
    if not x_text or not y_text:
        missing = "GeoX" if not x_text else "GeoY"
        present = "GeoY" if not x_text else "GeoX"
        row.unmapped(present, y_text or x_text, "a point",
                     f"{missing} is empty, and a point needs both.")
        return None
    if not _NUMBER.fullmatch(x_text) or not _NUMBER.fullmatch(y_text):
        bad = "GeoX" if not _NUMBER.fullmatch(x_text) else "GeoY"
        row.report("convert.bad-number", bad,
                   f"{bad} {row.get(bad)!r} is not a number, so the point was left out.",
                   row.get(bad))
        return None
    x, y = float(x_text), float(y_text)
    crs = norm(row.get("CoordinateReferenceSystem"))
    if crs in _OSGB_NAMES or (not crs and (abs(x) > 180 or abs(y) > 90)):
        # No system given and numbers too large for degrees: they are grid references.
        if not (0 <= x <= MAX_EASTING and 0 <= y <= MAX_NORTHING):
            row.unmapped("GeoX", x_text, "a point",
                         "GeoX and GeoY are outside the British National Grid.")
            return None
        lon, lat = grid_to_wgs84(x, y)
        return [round(lon, 6), round(lat, 6)]
    if crs and crs not in _WGS84_NAMES:
        row.unmapped("CoordinateReferenceSystem", row.get("CoordinateReferenceSystem"),
                     "a coordinate system", "use WGS84 or OSGB36.")
        return None
    if not (-180 <= x <= 180 and -90 <= y <= 90):
        row.unmapped("GeoX", x_text, "a point",
                     "WGS84 longitude and latitude must be degrees (GeoX -180 to 180, "
                     "GeoY -90 to 90); if these are eastings and northings, set "
                     "CoordinateReferenceSystem to OSGB36.")
        return None
    return [x, y]


def _area(row: Row) -> float | None:
    """Return GroundArea, which the LGA schema gives in square metres, in hectares."""
    text = row.get("GroundArea").replace(",", "")
    if not text:
        return None
    if not _NUMBER.fullmatch(text) or float(text) <= 0:
        row.report("convert.bad-number", "GroundArea",
                   f"GroundArea {row.get('GroundArea')!r} is not an area in square metres above "
                   "zero, so the site area was left out.", row.get("GroundArea"))
        return None
    if float(text) < 10:
        # Councils often fill this column in hectares although the schema says square metres;
        # a site under 10 square metres is almost certainly one of those, and cannot be told.
        row.unmapped("GroundArea", row.get("GroundArea"), "a site area",
                     "the LGA schema gives GroundArea in square metres, and a site of under 10 "
                     "square metres is most likely an area in hectares; give the area in square "
                     "metres.")
        return None
    # Square metres to hectares, kept to the square metre.
    return round(float(text) / 10_000, 4)


def _wards(row: Row) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Return the wards GeoAreaURI names by GSS code, and the GeoArea columns otherwise."""
    uris = [u.strip() for u in row.get("GeoAreaURI").split(",")]
    labels = [label.strip() for label in row.get("GeoAreaLabel").split(",")]
    codes = [_WARD_URI.search(u) for u in uris]
    if not any(uris) or not all(codes) or len(labels) != len(uris) or not all(labels):
        # Not a list of wards the URIs name: the columns are kept as they are.
        rest = {c: row.get(c) for c in ("GeoAreaURI", "GeoAreaLabel") if row.get(c)}
        return [], rest
    return [
        {"name": label, "gss_code": str(code[1])}
        for label, code in zip(labels, codes, strict=True) if code
    ], {}
