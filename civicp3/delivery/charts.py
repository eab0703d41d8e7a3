"""Server-rendered SVG charts. Each page shows the same numbers in a table beside the chart.

Series are told apart by dash pattern and marker shape as well as colour (WCAG 1.4.1), and
every chart is a single `role="img"` with a title that points at its table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#4c2c92")
DASHES = ("", "8 4", "2 3", "12 4 2 4")
MARKERS = ("circle", "square", "triangle", "diamond")
Number = float | int


def _svg(title: str, height: int, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg class="delivery-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def svg_text(
    x: float, y: float, text: str, anchor: str = "start", size: int = 13, *, bold: bool = False
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}"{weight} '
        f'fill="#0b0c0c" xml:space="preserve">{escape(text)}</text>'
    )


def svg_line(x1: float, y1: float, x2: float, y2: float, stroke: str = "#0b0c0c") -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}"/>'


def hbar_chart(
    title: str,
    items: Sequence[tuple[str, float]],
    *,
    lo: float,
    hi: float,
    fmt: Callable[[float], str],
) -> SafeString:
    """Horizontal bars from 0 (a tornado when `lo` is negative), one labelled row each."""
    left, right, row = 260, WIDTH - 70, 24
    span = (hi - lo) or 1.0

    def x(v: float) -> float:
        return left + (v - lo) / span * (right - left)

    body = [svg_line(x(0), 0, x(0), row * len(items) + 4)]
    for i, (label, value) in enumerate(items):
        y = i * row + 4
        a, b = sorted((x(0), x(value)))
        body.append(
            f'<rect x="{a:.1f}" y="{y + 3}" width="{max(b - a, 1):.1f}" height="{row - 8}" '
            f'fill="{COLOURS[0] if value >= 0 else COLOURS[1]}"/>'
        )
        body.append(svg_text(left - 8, y + row / 2 + 4, label[:36], "end"))
        tx = b + 4 if value >= 0 else a - 4
        body.append(svg_text(tx, y + row / 2 + 4, fmt(value), "start" if value >= 0 else "end"))
    return _svg(title, row * len(items) + 8, body)


def column_chart(
    title: str, labels: Sequence[str], values: Sequence[Number], *, every: int = 1
) -> SafeString:
    """Vertical columns (a histogram), with every `every`-th label shown under the axis."""
    left, top, bottom, height = 50, 10, 230, 270
    top_value = max(values, default=0) or 1
    width = (WIDTH - left - 10) / max(len(values), 1)
    body = [svg_line(left, bottom, WIDTH - 10, bottom)]
    body.append(svg_text(left - 6, top + 10, f"{top_value:g}", "end"))
    for i, value in enumerate(values):
        h = value / top_value * (bottom - top)
        x0 = left + i * width
        body.append(
            f'<rect x="{x0:.1f}" y="{bottom - h:.1f}" width="{max(width - 1, 1):.1f}" '
            f'height="{h:.1f}" fill="{COLOURS[0]}"/>'
        )
        if i % every == 0:
            body.append(svg_text(left + i * width, bottom + 18, labels[i], "start", 11))
    return _svg(title, height, body)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if kind == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f} '
            f'{x - 4.5:.1f},{y + 3.5:.1f}" fill="{colour}"/>'
        )
    return (
        f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
        f'{x - 5:.1f},{y:.1f}" fill="{colour}"/>'
    )


def line_chart(
    title: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Number | None]]],
    *,
    y_fmt: Callable[[float], str],
    markers: bool = True,
    every: int = 1,
    x_values: Sequence[float] | None = None,
) -> SafeString:
    """Lines over shared x positions (evenly spaced, or at `x_values`), with a legend naming
    each line's dash and marker."""
    left, top, bottom = 80, 30, 250
    height = bottom + 40
    values = [v for _, vs in series for v in vs if v is not None]
    lo, hi = min([0.0, *values]), max([0.0, *values])
    span = (hi - lo) or 1.0
    xs = list(x_values) if x_values is not None else list(range(len(x_labels)))
    x_lo, x_hi = (min(xs), max(xs)) if xs else (0.0, 1.0)
    x_span = (x_hi - x_lo) or 1.0

    def px(i: int) -> float:
        return left + (xs[i] - x_lo) / x_span * (WIDTH - left - 40)

    def py(v: float) -> float:
        return bottom - (v - lo) / span * (bottom - top)

    body = [
        svg_line(left, py(lo), WIDTH - 20, py(lo)),
        svg_line(left, top, left, bottom),
        svg_text(left - 6, py(hi) + 4, y_fmt(hi), "end", 11),
        svg_text(left - 6, py(lo) + 4, y_fmt(lo), "end", 11),
    ]
    for i, label in enumerate(x_labels):
        if i % every == 0:
            body.append(svg_text(px(i), bottom + 18, label, "middle", 11))
    for k, (name, vs) in enumerate(series):
        colour, dash, marker = COLOURS[k % 4], DASHES[k % 4], MARKERS[k % 4]
        points = [(px(i), py(v)) for i, v in enumerate(vs) if v is not None]
        if points:
            body.append(
                f'<polyline points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in points)}" '
                f'fill="none" stroke="{colour}" stroke-width="2.5"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
        if markers:
            body.extend(_marker(marker, a, b, colour) for a, b in points)
        lx = left + k * 170
        body.append(
            f'<line x1="{lx}" y1="12" x2="{lx + 30}" y2="12" stroke="{colour}" stroke-width="2.5"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
        )
        body.append(_marker(marker, lx + 15, 12, colour))
        body.append(svg_text(lx + 36, 16, name, "start", 12))
    return _svg(title, height, body)
