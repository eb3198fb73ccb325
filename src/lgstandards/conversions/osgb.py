"""British National Grid (OSGB36) eastings and northings to WGS84 longitude and latitude.

Inverse Transverse Mercator on the Airy 1830 ellipsoid, then a seven-parameter Helmert
transformation to WGS84, as Ordnance Survey's guide to coordinate systems describes. The Helmert
step is good to about 5 metres, which is ample for a representative point on a planning site;
surveying-grade work needs OSTN15, which is not used here.
"""

from __future__ import annotations

import math

# Airy 1830 ellipsoid and the National Grid's projection constants.
_AIRY_A = 6_377_563.396
_AIRY_B = 6_356_256.909
_F0 = 0.9996012717
_LAT0 = math.radians(49.0)
_LON0 = math.radians(-2.0)
_E0 = 400_000.0
_N0 = -100_000.0

# GRS80 / WGS84 ellipsoid.
_WGS_A = 6_378_137.0
_WGS_B = 6_356_752.3141

# Helmert parameters from OSGB36 to WGS84 (the reverse of Ordnance Survey's published set).
_TX, _TY, _TZ = 446.448, -125.157, 542.060
_SCALE = -20.4894e-6
_ARCSEC = math.pi / (180 * 3600)
_RX, _RY, _RZ = 0.1502 * _ARCSEC, 0.2470 * _ARCSEC, 0.8421 * _ARCSEC

#: The National Grid's extent: eastings and northings outside it are not British grid references.
MAX_EASTING = 700_000.0
MAX_NORTHING = 1_300_000.0


def _meridional_arc(lat: float) -> float:
    """Return the meridional arc from the true origin's latitude to `lat` on the Airy ellipsoid."""
    n = (_AIRY_A - _AIRY_B) / (_AIRY_A + _AIRY_B)
    n2, n3 = n * n, n * n * n
    d, s = lat - _LAT0, lat + _LAT0
    return _AIRY_B * _F0 * (
        (1 + n + 1.25 * n2 + 1.25 * n3) * d
        - (3 * n + 3 * n2 + 2.625 * n3) * math.sin(d) * math.cos(s)
        + (1.875 * n2 + 1.875 * n3) * math.sin(2 * d) * math.cos(2 * s)
        - (35 / 24) * n3 * math.sin(3 * d) * math.cos(3 * s)
    )


def _grid_to_airy(easting: float, northing: float) -> tuple[float, float]:
    """Return OSGB36 (latitude, longitude) in radians for a National Grid reference."""
    e2 = 1 - (_AIRY_B * _AIRY_B) / (_AIRY_A * _AIRY_A)
    lat = _LAT0
    arc = 0.0
    # Iterate to the footpoint latitude; it converges to 0.01 mm in a handful of steps.
    for _ in range(20):
        lat = (northing - _N0 - arc) / (_AIRY_A * _F0) + lat
        arc = _meridional_arc(lat)
        if abs(northing - _N0 - arc) < 1e-5:
            break
    sin_lat, cos_lat, tan_lat = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = _AIRY_A * _F0 / math.sqrt(1 - e2 * sin_lat * sin_lat)
    rho = _AIRY_A * _F0 * (1 - e2) / (1 - e2 * sin_lat * sin_lat) ** 1.5
    eta2 = nu / rho - 1
    t2, t4, t6 = tan_lat**2, tan_lat**4, tan_lat**6
    sec = 1 / cos_lat
    vii = tan_lat / (2 * rho * nu)
    viii = tan_lat / (24 * rho * nu**3) * (5 + 3 * t2 + eta2 - 9 * t2 * eta2)
    ix = tan_lat / (720 * rho * nu**5) * (61 + 90 * t2 + 45 * t4)
    x = sec / nu
    xi = sec / (6 * nu**3) * (nu / rho + 2 * t2)
    xii = sec / (120 * nu**5) * (5 + 28 * t2 + 24 * t4)
    xiia = sec / (5040 * nu**7) * (61 + 662 * t2 + 1320 * t4 + 720 * t6)
    de = easting - _E0
    latitude = lat - vii * de**2 + viii * de**4 - ix * de**6
    longitude = _LON0 + x * de - xi * de**3 + xii * de**5 - xiia * de**7
    return latitude, longitude


def _to_cartesian(lat: float, lon: float, a: float, b: float) -> tuple[float, float, float]:
    """Return earth-centred x, y, z for a point at zero height on an ellipsoid."""
    e2 = 1 - (b * b) / (a * a)
    nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
    return (
        nu * math.cos(lat) * math.cos(lon),
        nu * math.cos(lat) * math.sin(lon),
        (1 - e2) * nu * math.sin(lat),
    )


def _from_cartesian(x: float, y: float, z: float, a: float, b: float) -> tuple[float, float]:
    """Return (latitude, longitude) in radians on an ellipsoid for earth-centred x, y, z."""
    e2 = 1 - (b * b) / (a * a)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - e2))
    for _ in range(10):
        nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
        new = math.atan2(z + e2 * nu * math.sin(lat), p)
        if abs(new - lat) < 1e-12:
            lat = new
            break
        lat = new
    return lat, math.atan2(y, x)


def grid_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """Return WGS84 (longitude, latitude) in degrees for a British National Grid reference."""
    lat, lon = _grid_to_airy(easting, northing)
    x, y, z = _to_cartesian(lat, lon, _AIRY_A, _AIRY_B)
    s = 1 + _SCALE
    x2 = _TX + s * x - _RZ * y + _RY * z
    y2 = _TY + _RZ * x + s * y - _RX * z
    z2 = _TZ - _RY * x + _RX * y + s * z
    lat2, lon2 = _from_cartesian(x2, y2, z2, _WGS_A, _WGS_B)
    return math.degrees(lon2), math.degrees(lat2)
