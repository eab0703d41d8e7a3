"""Charts drawn server-side as SVG, so the same picture is on the page and in the PDF.

Each chart takes labels and named series; colours come from the GOV.UK palette and every
chart has a <title> and a <desc>, and is shown beside its data table (the table is the
accessible version). No inline styles: only SVG presentation attributes.
"""

import math
from collections.abc import Sequence
from decimal import Decimal
from html import escape

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 56
PALETTE = ("#1d70b8", "#00703c", "#d4351c", "#f47738", "#4c2c92")
RAG_COLOURS = {"red": "#d4351c", "amber": "#f47738", "green": "#00703c"}
Number = Decimal | int | float


def _scale(values: Sequence[Number], whole: bool = False) -> float:
    """A round top for the axis, four steps of 1, 2 or 5 times a power of ten (whole numbers
    only when the values are counts)."""
    top = max((float(v) for v in values), default=0.0)
    if top <= 0:
        return 4.0
    rough = max(top / 4, 1.0 if whole else 1e-9)
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough)
    if whole:
        step = math.ceil(step)
    return step * 4


def _frame(title: str, desc: str, body: list[str], labels: Sequence[str], top: float) -> str:
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" class="app-chart" '
        f'font-family="Arial, Helvetica, sans-serif">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
    ]
    for step in range(5):
        value = top * step / 4
        y = TOP + inner_h - inner_h * step / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#b1b4b6" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#0b0c0c">{value:,.{0 if value == int(value) else 1}f}</text>'
        )
    slot = inner_w / max(len(labels), 1)
    for i, label in enumerate(labels):
        x = LEFT + slot * (i + 0.5)
        parts.append(_axis_label(x, label, narrow=slot < NARROW_SLOT))
    parts.extend(body)
    return "".join(parts) + "</svg>"


NARROW_SLOT = 72  # below this width a label such as "Nov 2026" goes on two lines


def _axis_label(x: float, label: str, narrow: bool) -> str:
    words = label.split(" ", 1)
    if not narrow or len(words) == 1:
        return (
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
            f'font-size="12" fill="#0b0c0c">{escape(label)}</text>'
        )
    first, second = words
    return (
        f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 14}" text-anchor="middle" font-size="11" '
        f'fill="#0b0c0c">{escape(first)}<tspan x="{x:.1f}" dy="13">{escape(second)}</tspan></text>'
    )


def _legend(names: Sequence[str], colours: Sequence[str]) -> list[str]:
    parts = []
    for i, (name, colour) in enumerate(zip(names, colours, strict=False)):
        x = LEFT + i * 180
        y = HEIGHT - 16
        parts.append(
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 18}" y="{y}" font-size="12" fill="#0b0c0c">{escape(name)}</text>'
        )
    return parts


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: dict[str, Sequence[Number]],
    desc: str = "",
    whole: bool = False,
) -> str:
    """Grouped bars: one group per label, one bar per series (`whole` for counts)."""
    top = _scale([v for values in series.values() for v in values], whole=whole)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = inner_w / max(len(labels), 1)
    bar = slot * 0.8 / max(len(series), 1)
    body: list[str] = []
    for s, (name, values) in enumerate(series.items()):
        for i, value in enumerate(values):
            h = inner_h * float(value) / top
            x = LEFT + slot * i + slot * 0.1 + bar * s
            body.append(
                f'<rect x="{x:.1f}" y="{TOP + inner_h - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{PALETTE[s % len(PALETTE)]}">'
                f"<title>{escape(name)}, {escape(labels[i])}: {float(value):,.2f}</title></rect>"
            )
    body.extend(_legend(list(series), PALETTE))
    return _frame(title, desc or title, body, labels, top)


def line_chart(
    title: str,
    labels: Sequence[str],
    series: dict[str, Sequence[Number]],
    target: Number | None = None,
    desc: str = "",
) -> str:
    """Lines with a point per label, and an optional dashed target line."""
    values = [v for line in series.values() for v in line]
    top = _scale([*values, *([target] if target is not None else [])])
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = inner_w / max(len(labels), 1)
    body: list[str] = []
    names, colours = list(series), list(PALETTE[: len(series)])
    if target is not None:
        y = TOP + inner_h - inner_h * float(target) / top
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#0b0c0c" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        names.append(f"Target ({float(target):,.2f})")
        colours.append("#0b0c0c")
    for s, (_, line) in enumerate(series.items()):
        points = [
            (LEFT + slot * (i + 0.5), TOP + inner_h - inner_h * float(v) / top)
            for i, v in enumerate(line)
        ]
        colour = PALETTE[s % len(PALETTE)]
        body.append(
            '<polyline fill="none" stroke="{}" stroke-width="3" points="{}"/>'.format(
                colour, " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            )
        )
        body.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>' for x, y in points)
    body.extend(_legend(names, colours))
    return _frame(title, desc or title, body, labels, top)


def rag_chart(title: str, labels: Sequence[str], counts: dict[str, Sequence[int]]) -> str:
    """Stacked red, amber and green counts per period (a RAG trend)."""
    totals = [sum(counts[c][i] for c in counts) for i in range(len(labels))]
    top = _scale(totals, whole=True)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = inner_w / max(len(labels), 1)
    body: list[str] = []
    for i in range(len(labels)):
        base = TOP + inner_h
        for status in ("green", "amber", "red"):
            h = inner_h * counts.get(status, [0] * len(labels))[i] / top
            base -= h
            body.append(
                f'<rect x="{LEFT + slot * i + slot * 0.2:.1f}" y="{base:.1f}" '
                f'width="{slot * 0.6:.1f}" height="{h:.1f}" fill="{RAG_COLOURS[status]}"/>'
            )
    body.extend(
        _legend(["Green", "Amber", "Red"], [RAG_COLOURS[c] for c in ("green", "amber", "red")])
    )
    return _frame(title, title, body, labels, top)
