"""Maps drawn at build time as SVG: country outlines from the shipped basemap, and points.

The basemap is Natural Earth's 1:110m country outlines (public domain) as TopoJSON, from the
world-atlas package (generator/data/README.md). A map needs no script and no network, so it
works offline and in the PDFs. Only the outlines that reach into a map's view are drawn.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from markupsafe import Markup

from ..text.escape import html_attr, html_text

WIDTH = 720  # the map's width in SVG units; it scales to the page
MIN_SPAN = 12.0  # degrees of longitude shown around a single point
MAX_POINTS = 2000  # points drawn on one map (the most-mentioned first)
LABELS_MAX = 12  # points labelled with their name on one map
LAT_LIMIT = 80.0
Box = tuple[float, float, float, float]  # west, south, east, north (degrees)


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A place to mark: its name, coordinates, and how much it is mentioned (for size and labels)."""

    name: str
    lat: float
    lon: float
    weight: int = 1
    precision: str | None = None  # exact (None), near (a ring), area or country (a shaded disc)


@dataclass(frozen=True, slots=True)
class Ring:
    """One closed outline of a country, in degrees, with its bounding box."""

    coords: tuple[tuple[float, float], ...]
    box: Box


@functools.cache
def basemap() -> tuple[Ring, ...]:
    """Every country outline of the shipped TopoJSON, decoded once per process."""
    text = resources.files("generator.data").joinpath("countries-110m.json").read_text(encoding="utf-8")
    topo = json.loads(text)
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:  # delta-encoded, quantized positions
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        coords: list[tuple[float, float]] = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            coords.extend(arc[1:] if coords else arc)
        return _ring(coords)

    rings: list[Ring] = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for indexes in polygon:
                rings.extend(_unwrapped(ring(indexes)))
    return tuple(rings)


def _ring(coords: list[tuple[float, float]]) -> Ring:
    lons, lats = [c[0] for c in coords], [c[1] for c in coords]
    return Ring(tuple(coords), (min(lons), min(lats), max(lons), max(lats)))


def _unwrapped(ring: Ring) -> list[Ring]:
    """A ring that crosses the antimeridian (Russia, Fiji) made continuous, and drawn on both
    edges of the map (the view clips what lies beyond)."""
    coords = list(ring.coords)
    shift = 0.0
    out = [coords[0]]
    for (lon0, _), (lon, lat) in itertools.pairwise(coords):
        if lon - lon0 > 180:
            shift -= 360
        elif lon0 - lon > 180:
            shift += 360
        out.append((lon + shift, lat))
    if out == coords:
        return [ring]
    first = _ring(out)
    offset = -360.0 if first.box[2] > 180 else 360.0
    return [first, _ring([(lon + offset, lat) for lon, lat in out])]


def view(points: list[MapPoint]) -> Box:
    """A box around the points with a margin, wide enough to show where they are."""
    lons, lats = [p.lon for p in points], [p.lat for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_lon = max((east - west) * 0.15, (MIN_SPAN - (east - west)) / 2, 0)
    pad_lat = max((north - south) * 0.15, (MIN_SPAN * 0.6 - (north - south)) / 2, 0)
    west, east = max(west - pad_lon, -180.0), min(east + pad_lon, 180.0)
    south, north = max(south - pad_lat, -LAT_LIMIT + 20), min(north + pad_lat, LAT_LIMIT)
    return west, south, east, north


WORLD: Box = (-180.0, -58.0, 180.0, LAT_LIMIT)


def draw(
    points: list[MapPoint], label: str, box: Box | None = None, basemap: str | None = None, focus: str | None = None
) -> Markup:
    """An SVG map of `points` (all names shown as text, never markup), or nothing if none.

    The projection is equirectangular, scaled at the view's middle latitude so that a region
    keeps its shape; the view is widened or heightened to a landscape frame. With `basemap`
    (the address of world_svg() as a file), the outlines are that one shared image, placed and
    stretched under the points; without it they are drawn inline, clipped to the frame (PDFs).
    The point named `focus` (the place a page is about) is always labelled.
    """
    if not points:
        return Markup("")
    points = sorted(points, key=lambda p: (-p.weight, p.name))[:MAX_POINTS]
    west, south, east, north = box or view(points)
    k = math.cos(math.radians((south + north) / 2))
    width, height = (east - west) * k, north - south
    if width < height * 1.6:  # too tall: show more longitude
        extra = (height * 1.6 - width) / k / 2
        west, east = max(west - extra, -180.0), min(east + extra, 180.0)
        width = (east - west) * k
    if height < width / 2.4:  # too flat: show more latitude
        extra = (width / 2.4 - height) / 2
        south, north = max(south - extra, -90.0), min(north + extra, 90.0)
        height = north - south
    scale = WIDTH / width
    h = round(height * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * k * scale, (north - lat) * scale

    if basemap is not None:
        x0, y0 = xy(-180, 90)
        land = (
            f'<image class="bf-land-image" href="{html_attr(basemap)}" x="{x0:.1f}" y="{y0:.1f}"'
            f' width="{360 * k * scale:.1f}" height="{180 * scale:.1f}" preserveAspectRatio="none"/>'
        )
    else:
        land = (
            '<path class="bf-land" fill="#d9dfd4" stroke="#ffffff" stroke-width="0.6"'
            f' d="{_outlines(xy, (west, south, east, north), h)}"/>'
        )
    radius = 4 if len(points) <= 50 else 3 if len(points) <= 300 else 2
    marks = []
    for p in points:
        x, y = (round(v, 1) for v in xy(p.lon, p.lat))
        title = html_text(p.name + (f" ({p.precision})" if p.precision not in (None, "exact") else ""))
        if p.precision == "near":  # somewhere around the point: a ring
            shape = f'class="bf-near" r="{radius * 2}" fill="none" stroke="#c2410c" stroke-width="1.5"'
        elif p.precision in ("area", "country"):  # the centre of an area: a pale disc, not a point
            shape = f'class="bf-area" r="{radius * 4}" fill-opacity="0.2" stroke="#c2410c" stroke-dasharray="2 2"'
        else:
            shape = f'r="{radius}"'
        marks.append(f'<circle cx="{x:g}" cy="{y:g}" {shape}><title>{title}</title></circle>')
    labels = []
    labelled = points[:LABELS_MAX] if len(points) <= LABELS_MAX * 4 else []
    labelled += [p for p in points if p.name == focus and p not in labelled][:1]
    if labelled:
        for p in labelled:
            x, y = (round(v, 1) for v in xy(p.lon, p.lat))
            anchor = "end" if x > WIDTH * 0.8 else "start"
            dx = -6 if anchor == "end" else 6
            labels.append(f'<text x="{x + dx:g}" y="{y + 4:g}" text-anchor="{anchor}">{html_text(p.name)}</text>')
    names = ", ".join(p.name for p in points[:LABELS_MAX]) + (" and others" if len(points) > LABELS_MAX else "")
    return Markup(
        f'<svg class="bf-map-svg" viewBox="0 0 {WIDTH} {h}" role="img" aria-label="{html_attr(label + ": " + names)}"'
        ' xmlns="http://www.w3.org/2000/svg">'
        f'<rect class="bf-sea" width="{WIDTH}" height="{h}" fill="#eaf1f8"/>{land}'
        f'<g class="bf-points" fill="#c2410c" stroke="#ffffff" stroke-width="1">{"".join(marks)}</g>'
        '<g class="bf-labels" font-size="12" font-family="sans-serif" fill="#1f2937"'
        f' stroke="#ffffff" stroke-width="3" paint-order="stroke">{"".join(labels)}</g>'
        "</svg>"
    )


def _outlines(xy: Callable[[float, float], tuple[float, float]], box: Box, height: int) -> str:
    """Path data of the outlines that reach into `box`, clipped to the frame."""
    west, south, east, north = box
    paths = []
    for ring in basemap():
        w, s, e, n = ring.box
        if e < west or w > east or n < south or s > north:
            continue
        paths.append(_path(clip([xy(lon, lat) for lon, lat in ring.coords], WIDTH, height)))
    return "".join(p for p in paths if p)


def _path(points: list[tuple[float, float]], digits: int = 1) -> str:
    """Compact path data: the first point, then relative moves, dropping repeats."""
    parts: list[str] = []
    last: tuple[float, float] | None = None
    for x, y in points:
        x, y = round(x, digits), round(y, digits)
        if last is None:
            parts.append(f"M{x:g} {y:g}")
        elif (x, y) != last:
            parts.append(f"l{round(x - last[0], digits):g} {round(y - last[1], digits):g}")
        last = (x, y)
    return "".join(parts) + "z" if len(parts) > 2 else ""


@functools.cache
def world_svg() -> str:
    """Every outline as one SVG image in plain equirectangular (10 units a degree), to be placed
    and stretched under the points of any map (its strokes keep their width when stretched)."""
    data = "".join(_path([((lon + 180) * 10, (90 - lat) * 10) for lon, lat in ring.coords]) for ring in basemap())
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 3600 1800" width="3600" height="1800">'
        "<!-- Natural Earth 1:110m country outlines (public domain), via the world-atlas package -->"
        f'<path fill="#d9dfd4" stroke="#ffffff" stroke-width="0.6" vector-effect="non-scaling-stroke" d="{data}"/>'
        "</svg>\n"
    )


def clip(ring: list[tuple[float, float]], width: float, height: float, margin: float = 4) -> list[tuple[float, float]]:
    """The part of a closed ring inside the frame (Sutherland-Hodgman against its four edges)."""
    edges = (
        (0, -margin, True),  # x >= -margin
        (0, width + margin, False),  # x <= width + margin
        (1, -margin, True),
        (1, height + margin, False),
    )
    points = ring
    for axis, limit, above in edges:
        if not points:
            break

        def inside(p: tuple[float, float], axis: int = axis, limit: float = limit, above: bool = above) -> bool:
            return p[axis] >= limit if above else p[axis] <= limit

        def cross(
            a: tuple[float, float], b: tuple[float, float], axis: int = axis, limit: float = limit
        ) -> tuple[float, float]:
            t = (limit - a[axis]) / (b[axis] - a[axis])
            return (limit, a[1] + t * (b[1] - a[1])) if axis == 0 else (a[0] + t * (b[0] - a[0]), limit)

        out: list[tuple[float, float]] = []
        prev = points[-1]
        for cur in points:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
        points = out
    return points
