"""Where on Earth the plot is: latitude and longitude from the plan's ``origin``.

``origin`` in ETRS89 / UTM (EPSG:25828–25838, the Norwegian map projections are
EPSG:25832 and 25833) or WGS 84 / UTM north (EPSG:32601–32660) is turned into
latitude and longitude by the inverse transverse Mercator projection in Krüger's
series (Karney 2011, to the third order: well under a millimetre within a zone).
Any other system, or no ``origin``, gives the default 59.9° N 10.75° E (Oslo), marked
as assumed.

>>> ll = utm_to_latlon(597000.0, 6643000.0, 32)
>>> round(ll[0], 4), round(ll[1], 4)
(59.9131, 10.7346)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from planner.model import Plan

DEFAULT_LATITUDE = 59.9
DEFAULT_LONGITUDE = 10.75
_A = 6378137.0
_F = 1 / 298.257222101
"""GRS80 (ETRS89); WGS 84's flattening differs in the eleventh digit, far below what the sun needs."""
_K0 = 0.9996
_UTM = re.compile(r"^\s*EPSG:\s*(258(2[89]|3[0-8])|326(0[1-9]|[1-5][0-9]|60))\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class LatLon:
    latitude: float
    longitude: float
    assumed: bool
    """True when the plan is not georeferenced in a UTM system (the default place is used)."""


def utm_zone(crs: str) -> int | None:
    """The UTM zone of an EPSG code for ETRS89 or WGS 84 UTM north, else ``None``.

    >>> utm_zone("EPSG:25832"), utm_zone("EPSG:32633"), utm_zone("EPSG:5972")
    (32, 33, None)
    """
    m = _UTM.match(crs or "")
    if not m:
        return None
    return int(m.group(1)[-2:])


def utm_to_latlon(e: float, n: float, zone: int) -> tuple[float, float]:
    """Latitude and longitude (degrees) of a UTM easting and northing (northern hemisphere)."""
    nn = _F / (2 - _F)
    big_a = _A / (1 + nn) * (1 + nn ** 2 / 4 + nn ** 4 / 64)
    beta = (nn / 2 - 2 * nn ** 2 / 3 + 37 * nn ** 3 / 96, nn ** 2 / 48 + nn ** 3 / 15, 17 * nn ** 3 / 480)
    delta = (2 * nn - 2 * nn ** 2 / 3 - 2 * nn ** 3, 7 * nn ** 2 / 3 - 8 * nn ** 3 / 5, 56 * nn ** 3 / 15)
    xi = n / (_K0 * big_a)
    eta = (e - 500000.0) / (_K0 * big_a)
    xi1 = xi - sum(b * math.sin(2 * j * xi) * math.cosh(2 * j * eta) for j, b in enumerate(beta, 1))
    eta1 = eta - sum(b * math.cos(2 * j * xi) * math.sinh(2 * j * eta) for j, b in enumerate(beta, 1))
    chi = math.asin(math.sin(xi1) / math.cosh(eta1))
    lat = chi + sum(d * math.sin(2 * j * chi) for j, d in enumerate(delta, 1))
    lon0 = math.radians(zone * 6 - 183)
    lon = lon0 + math.atan2(math.sinh(eta1), math.cos(xi1))
    return math.degrees(lat), math.degrees(lon)


def latitude_longitude(plan: Plan) -> LatLon:
    """Where the plot's centre is, from ``origin``; the default place when it cannot be known."""
    o = plan.origin
    zone = utm_zone(o.crs) if o is not None else None
    if o is None or zone is None:
        return LatLon(DEFAULT_LATITUDE, DEFAULT_LONGITUDE, True)
    pts = plan.plot.boundary
    cx = sum(p[0] for p in pts) / len(pts) if pts else 0.0
    cy = sum(p[1] for p in pts) / len(pts) if pts else 0.0
    lat, lon = utm_to_latlon(o.e + cx, o.n + cy, zone)
    if not (-80.0 <= lat <= 84.0) or not math.isfinite(lon):
        return LatLon(DEFAULT_LATITUDE, DEFAULT_LONGITUDE, True)
    return LatLon(round(lat, 6), round(lon, 6), False)
