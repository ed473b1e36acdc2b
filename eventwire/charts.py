"""Charts drawn on the server as SVG: an event timeline, an actor network and a map.

Pure functions from rows to an SVG string, so the dashboard needs no JavaScript
library, CDN or tile server, and every label is escaped here. Colours follow PLOVER's
quad classes, the same on every chart.
"""

from __future__ import annotations

import math
from html import escape

QUAD_COLOURS = {1: "#4c8fd6", 2: "#2f9e6a", 3: "#e59a2f", 4: "#d2413a"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _legend(x: int, y: int, step: int = 150) -> str:
    items = []
    for n, (quad, name) in enumerate(QUAD_NAMES.items()):
        items.append(f'<rect x="{x + n * step}" y="{y}" width="10" height="10" fill="{QUAD_COLOURS[quad]}"/>'
                     f'<text x="{x + n * step + 14}" y="{y + 9}" font-size="11">{name}</text>')
    return "".join(items)


def timeline_svg(rows: list[dict], width: int = 760, height: int = 220) -> str:
    """Stacked bars of events per period and quad class; ``rows`` carry ``period`` and
    ``q1``..``q4``."""
    if not rows:
        return _empty(width, 60, "No dated events match.")
    top, bottom, left = 24, 40, 40
    plot_h = height - top - bottom
    most = max(sum(r[f"q{q}"] for q in QUAD_NAMES) for r in rows) or 1
    step = (width - left - 10) / len(rows)
    bar = min(max(step * 0.8, 1), 40)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="Events per period by quad class">', _legend(left, 4)]
    parts.append(f'<text x="4" y="{top + 10}" font-size="10">{most}</text>'
                 f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" stroke="#888"/>')
    label_every = max(1, math.ceil(len(rows) / 12))
    for i, r in enumerate(rows):
        x = left + i * step
        y = top + plot_h
        for quad in QUAD_NAMES:
            n = r[f"q{quad}"]
            if not n:
                continue
            h = plot_h * n / most
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{QUAD_COLOURS[quad]}">'
                         f'<title>{escape(str(r["period"]))}: {n} {QUAD_NAMES[quad]}</title></rect>')
        if i % label_every == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - bottom + 14}" font-size="10">{escape(str(r["period"]))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def network_svg(nodes: list[dict], edges: list[dict], size: int = 560) -> str:
    """Actors on a circle, an arrow from actor to recipient per dyad, coloured by the
    dyad's most frequent quad class and as thick as its event count. ``nodes`` carry
    ``code``, ``name`` and ``events``; ``edges`` carry ``actor``, ``recipient``,
    ``events`` and ``quad``."""
    if not nodes:
        return _empty(size, 60, "No actor pairs match.")
    centre, radius = size / 2, size / 2 - 70
    where: dict[str, tuple[float, float]] = {}
    r_of: dict[str, float] = {}
    biggest = max(n["events"] for n in nodes) or 1
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / len(nodes) - math.pi / 2
        where[node["code"]] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
        r_of[node["code"]] = 5 + 12 * math.sqrt(node["events"] / biggest)
    heaviest = max((e["events"] for e in edges), default=1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart network" viewBox="0 0 {size} {size + 20}" '
             f'role="img" aria-label="Who does what to whom"><defs>']
    for quad, colour in QUAD_COLOURS.items():
        parts.append(f'<marker id="arrow{quad}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" '
                     f'markerUnits="userSpaceOnUse" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" fill="{colour}"/></marker>')
    parts.append("</defs>")
    for e in edges:
        if e["actor"] not in where or e["recipient"] not in where:
            continue
        (x1, y1), (x2, y2) = where[e["actor"]], where[e["recipient"]]
        # Bend each arrow a little so that A->B and B->A do not overlap, and stop it at the
        # circles' edges so that its head shows.
        mx, my = (x1 + x2) / 2 + (y2 - y1) * 0.12, (y1 + y2) / 2 - (x2 - x1) * 0.12
        x1, y1 = _towards((x1, y1), (mx, my), r_of[e["actor"]] + 2)
        x2, y2 = _towards((x2, y2), (mx, my), r_of[e["recipient"]] + 3)
        width = 1 + 5 * e["events"] / heaviest
        parts.append(f'<path d="M {x1:.1f} {y1:.1f} Q {mx:.1f} {my:.1f} {x2:.1f} {y2:.1f}" fill="none" '
                     f'stroke="{QUAD_COLOURS[e["quad"]]}" stroke-width="{width:.1f}" stroke-opacity="0.7" '
                     f'marker-end="url(#arrow{e["quad"]})"><title>{escape(e["actor"])} to {escape(e["recipient"])}: '
                     f'{e["events"]} events, mostly {QUAD_NAMES[e["quad"]]}</title></path>')
    for node in nodes:
        x, y = where[node["code"]]
        r = r_of[node["code"]]
        parts.append(f'<a href="/actors/{escape(node["code"])}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#f4f4f4" '
                     f'stroke="#333"><title>{escape(node["name"])}: {node["events"]} events</title></circle>'
                     f'<text x="{x:.1f}" y="{y - r - 4:.1f}" font-size="12" text-anchor="middle">{escape(node["code"])}</text></a>')
    parts.append(_legend(10, size + 6, step=(size - 20) // 4) + "</svg>")
    return "".join(parts)


def _towards(point: tuple[float, float], target: tuple[float, float], distance: float) -> tuple[float, float]:
    """``point`` moved ``distance`` along the line to ``target``."""
    dx, dy = target[0] - point[0], target[1] - point[1]
    length = math.hypot(dx, dy) or 1.0
    return point[0] + dx / length * distance, point[1] + dy / length * distance


def map_svg(points: list[dict], width: int = 760) -> str:
    """Event places on a plain longitude-latitude grid (no tiles: nothing to fetch),
    a dot per place as large as its event count and coloured by its most frequent quad
    class. ``points`` carry ``name``, ``country``, ``lat``, ``lon``, ``events`` and ``quad``."""
    height = width // 2
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart map" viewBox="0 0 {width} {height + 20}" '
             f'role="img" aria-label="Where events happened"><rect width="{width}" height="{height}" fill="#eef3f7"/>']
    for lon in range(-180, 181, 30):
        x = (lon + 180) / 360 * width
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="#cfd8e0"/>')
    for lat in range(-90, 91, 30):
        y = (90 - lat) / 180 * height
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#cfd8e0"/>')
    biggest = max((p["events"] for p in points), default=1)
    for p in sorted(points, key=lambda p: -p["events"]):
        x, y = (p["lon"] + 180) / 360 * width, (90 - p["lat"]) / 180 * height
        r = 2.5 + 10 * math.sqrt(p["events"] / biggest)
        label = f'{p["name"]}, {p["country"]}' if p.get("country") else p["name"]
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{QUAD_COLOURS[p["quad"]]}" fill-opacity="0.75" '
                     f'stroke="#fff"><title>{escape(label)}: {p["events"]} events</title></circle>')
    parts.append(_legend(10, height + 6, step=(width - 20) // 4) + "</svg>")
    return "".join(parts)


def _empty(width: int, height: int, message: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart empty" viewBox="0 0 {width} {height}">'
            f'<text x="10" y="30" font-size="13">{escape(message)}</text></svg>')
