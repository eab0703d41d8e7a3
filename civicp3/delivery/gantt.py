"""The Gantt chart as server-rendered SVG, for one page of a plan's rows.

Critical tasks are hatched, outlined in black and labelled "(critical)", so the critical path
does not rely on colour; baseline bars sit under the current bars; a dashed line marks today;
arrows join linked tasks on the same page. The table on the page holds the same data.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from civicp3.delivery.charts import svg_line, svg_text
from civicp3.delivery.models import PlanLink
from civicp3.delivery.planning import Row

LABEL_WIDTH = 300
LABEL_CHARS = 44
CHART_WIDTH = 700
ROW = 32
HEADER = 34
BLUE, GREY, BLACK, RED = "#1d70b8", "#b1b4b6", "#0b0c0c", "#d4351c"

DEFS = (
    "<defs>"
    '<pattern id="gantt-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#d4351c"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#0b0c0c" stroke-width="3"/></pattern>'
    '<marker id="gantt-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
    'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#505a5f"/>'
    "</marker></defs>"
)


def _span(rows: Sequence[Row], today: date) -> tuple[date, date]:
    starts = [r.s.start for r in rows] + [r.baseline.start for r in rows if r.baseline]
    finishes = [r.s.finish for r in rows] + [r.baseline.finish for r in rows if r.baseline]
    first, last = min(starts), max(finishes)
    return first - timedelta(days=1), last + timedelta(days=2)


def gantt_svg(
    rows: Sequence[Row], links: Sequence[PlanLink], today: date, title: str
) -> SafeString:
    if not rows:
        return mark_safe("")
    first, last = _span(rows, today)
    per_day = CHART_WIDTH / max((last - first).days, 1)
    height = HEADER + ROW * len(rows) + 10
    width = LABEL_WIDTH + CHART_WIDTH + 10

    def x(d: date, end: bool = False) -> float:
        return LABEL_WIDTH + ((d - first).days + (1 if end else 0)) * per_day

    parts = [DEFS]
    month = date(first.year, first.month, 1)
    while month <= last:
        mx = max(x(month), LABEL_WIDTH)
        parts.append(svg_line(mx, HEADER - 10, mx, height, GREY))
        parts.append(svg_text(mx + 3, HEADER - 14, month.strftime("%b %Y")))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)

    centre: dict[int, tuple[float, float, float]] = {}
    for i, r in enumerate(rows):
        top = HEADER + i * ROW
        suffix = " (critical)" if r.s.critical else ""
        label = ("  " * r.level) + f"{r.task.code} {r.task.name}"
        if len(label) + len(suffix) > LABEL_CHARS:
            label = label[: LABEL_CHARS - len(suffix) - 1] + "…"
        parts.append(svg_text(4, top + 18, label + suffix, bold=r.s.is_summary))
        x0, x1 = x(r.s.start), x(r.s.finish, end=True)
        centre[r.task.pk] = (x0, x1, top + 11)
        if r.baseline is not None:
            bx0, bx1 = x(r.baseline.start), x(r.baseline.finish, end=True)
            parts.append(
                f'<rect x="{bx0:.1f}" y="{top + 20}" width="{max(bx1 - bx0, 2):.1f}" '
                f'height="6" fill="{GREY}" stroke="#505a5f" stroke-width="0.5"/>'
            )
        if r.s.is_milestone:
            cx, cy = x(r.s.start), top + 11
            fill = "url(#gantt-hatch)" if r.s.critical else BLUE
            parts.append(
                f'<polygon points="{cx:.1f},{cy - 7} {cx + 7:.1f},{cy} {cx:.1f},{cy + 7} '
                f'{cx - 7:.1f},{cy}" fill="{fill}" stroke="{BLACK}" stroke-width="1.5"/>'
            )
        elif r.s.is_summary:
            parts.append(
                f'<rect x="{x0:.1f}" y="{top + 6}" width="{max(x1 - x0, 2):.1f}" height="6" '
                f'fill="{BLACK}"/>'
            )
        else:
            crit = r.s.critical
            parts.append(
                f'<rect x="{x0:.1f}" y="{top + 4}" width="{max(x1 - x0, 2):.1f}" height="14" '
                f'fill="{"url(#gantt-hatch)" if crit else BLUE}" stroke="{BLACK}" '
                f'stroke-width="{2.5 if crit else 0.5}"/>'
            )
            done = r.task.percent_complete / 100 * (x1 - x0)
            if done:
                parts.append(
                    f'<rect x="{x0:.1f}" y="{top + 9}" width="{done:.1f}" height="4" '
                    f'fill="{BLACK}"/>'
                )

    for link in links:
        a, b = centre.get(link.predecessor_id), centre.get(link.successor_id)
        if a is None or b is None:
            continue
        sx = a[0] if link.type in ("SS", "SF") else a[1]
        ex = b[1] if link.type in ("FF", "SF") else b[0]
        mid = a[2] + 8
        parts.append(
            f'<polyline points="{sx:.1f},{a[2]:.1f} {sx + 4:.1f},{a[2]:.1f} {sx + 4:.1f},{mid:.1f} '
            f'{ex - 6:.1f},{mid:.1f} {ex - 6:.1f},{b[2]:.1f} {ex:.1f},{b[2]:.1f}" fill="none" '
            'stroke="#505a5f" stroke-width="1" marker-end="url(#gantt-arrow)"/>'
        )

    if first <= today <= last:
        tx = x(today)
        parts.append(
            f'<line x1="{tx:.1f}" y1="{HEADER - 8}" x2="{tx:.1f}" y2="{height}" stroke="{RED}" '
            'stroke-width="2" stroke-dasharray="6 3"/>'
        )
        parts.append(svg_text(tx + 3, 12, "Today", bold=True))
    return mark_safe(
        f'<svg class="delivery-gantt__svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )
