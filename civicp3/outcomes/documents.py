"""The outcomes scorecard and the gap report, each written once as a `Document` and so
rendered the same as a web page, PDF, Word file and XLSX tables (civicp3.reports)."""

from datetime import date

from django.db.models import Prefetch

from civicp3.organisation.models import Council
from civicp3.outcomes import selectors
from civicp3.outcomes.models import OutcomeFramework
from civicp3.productivity.best_value import BEST_VALUE
from civicp3.productivity.evidence import EVIDENCE
from civicp3.productivity.models import Assessment, Plan, ReturnTemplate
from civicp3.reports.document import (
    Block,
    Document,
    Figures,
    Heading,
    Paragraph,
    Table,
    cell_text,
)

STALE, CURRENT = "Stale", "Current"


def _value(value: object) -> str:
    return cell_text(value) if value is not None else "—"  # type: ignore[arg-type]


def scorecard_document(framework: OutcomeFramework, today: date) -> Document:
    """Each outcome with its national metrics (latest published value, its period, source and
    date, and the trend since the one before) and the council's in-year measures (latest
    actual, target, RAG status and trend)."""
    doc = Document(
        f"Outcomes scorecard: {framework.name}", caption=framework.council.name, as_at=today
    )
    doc.add(
        Paragraph(
            "National metrics are the values their sources published; in-year measures are the "
            "council's own KPIs mapped to each outcome. Data is stale when its next figure was "
            f"due more than {framework.grace_days} days ago."
        )
    )
    for index, lines in enumerate(selectors.scorecard(framework, today), start=1):
        doc.add(Heading(f"{index}. {lines.outcome.title}"))
        doc.add(
            Table(
                f"{index}. National metrics",
                (
                    "Metric",
                    "Type",
                    "Frequency",
                    "Latest value",
                    "Period",
                    "Published",
                    "Source",
                    "Trend",
                    "Data",
                ),
                [
                    (
                        line.metric.name,
                        line.metric.get_kind_display(),
                        line.metric.get_frequency_display(),
                        _value(line.latest.value.normalize() if line.latest else None),
                        line.latest.period if line.latest else "—",
                        line.latest.published_on if line.latest else None,
                        line.latest.source if line.latest else line.metric.source,
                        line.trend,
                        STALE if line.stale else CURRENT,
                    )
                    for line in lines.metrics
                ],
                empty="No national metrics.",
            ),
            Table(
                f"{index}. In-year measures",
                ("KPI", "Target", "Latest actual", "Month", "Status", "Trend", "Data"),
                [
                    (
                        line.kpi.name,
                        f"{cell_text(line.kpi.target)} {line.kpi.unit}".strip(),
                        _value(line.latest.value if line.latest else None),
                        f"{line.latest.period:%B %Y}" if line.latest else "—",
                        line.latest.status.capitalize() if line.latest else "Not reported",
                        line.trend,
                        STALE if line.stale else CURRENT,
                    )
                    for line in lines.kpis
                ],
                empty="No in-year measure: map one of the council's KPIs to this outcome.",
            ),
        )
    return doc


def _empty(blocks: list[Block]) -> bool:
    """True when evidence blocks show nothing recorded: every key figure nil and every table
    without rows."""
    nil = {"Not available", "0", "£0", "0%", "0.00"}
    for block in blocks:
        if isinstance(block, Figures) and any(value not in nil for _l, value in block.items):
            return False
        if isinstance(block, Table) and block.rows:
            return False
        if isinstance(block, Paragraph):
            return False
    return True


def _best_value_gaps(council: Council) -> list[tuple[str, str, str]]:
    template = ReturnTemplate.objects.for_council(council).filter(name=BEST_VALUE).first()
    if template is None:
        return [("Best Value self-assessment", "Not started", "Start a self-assessment")]
    rows = []
    latest = Plan.objects.filter(template=template).order_by("-created").first()
    rated = (
        set(
            Assessment.objects.filter(plan=latest)
            .exclude(rating="")
            .values_list("characteristic_id", flat=True)
        )
        if latest
        else set()
    )
    themes = template.themes.prefetch_related(Prefetch("characteristics"))
    for theme in themes:
        label = f"Theme: {theme.title}"
        blocks = [
            b for key in theme.evidence if key in EVIDENCE for b in EVIDENCE[key].build(council)
        ]
        if not theme.evidence:
            rows.append((label, "No evidence", "The theme draws no evidence from the records"))
        elif _empty(blocks):
            rows.append((label, "No evidence", "Its evidence shows nothing recorded yet"))
        characteristics = list(theme.characteristics.all())
        if not characteristics:
            rows.append((label, "No characteristics", "Add characteristics to assess"))
        unrated = [c for c in characteristics if c.pk not in rated]
        if latest and unrated:
            rows.append(
                (
                    label,
                    "Not rated",
                    f"{len(unrated)} of {len(characteristics)} characteristics "
                    f"not rated in {latest.title}",
                )
            )
    return rows


def _outcome_gaps(council: Council, today: date) -> list[tuple[str, str, str]]:
    rows = []
    for framework in selectors.frameworks_for(council):
        for lines in selectors.scorecard(framework, today):
            label = f"{framework.name}: {lines.outcome.title}"
            if not lines.metrics:
                rows.append((label, "No measure", "No national metric"))
            if not lines.kpis:
                rows.append((label, "No measure", "No in-year measure (KPI) mapped"))
            for line in lines.metrics:
                if line.latest is None:
                    rows.append((label, "No data", f"{line.metric.name}: no published value"))
                elif line.stale:
                    rows.append(
                        (
                            label,
                            "Stale data",
                            f"{line.metric.name}: last published "
                            f"{line.latest.published_on:%-d %B %Y} "
                            f"({line.metric.get_frequency_display().lower()})",
                        )
                    )
            for kpi in lines.kpis:
                if kpi.latest is None:
                    rows.append((label, "No data", f"{kpi.kpi.name}: no actual reported"))
                elif kpi.stale:
                    rows.append(
                        (
                            label,
                            "Stale data",
                            f"{kpi.kpi.name}: last actual for "
                            f"{kpi.latest.period:%B %Y} "
                            f"({kpi.kpi.get_frequency_display().lower()})",
                        )
                    )
    return rows


def gaps_document(council: Council, today: date) -> Document:
    """Which Best Value themes and which outcomes have no evidence, no measure or stale data,
    for the PMO to act on."""
    doc = Document("Gap report: evidence, measures and data", caption=council.name, as_at=today)
    themes = _best_value_gaps(council)
    outcomes = _outcome_gaps(council, today)
    doc.add(
        Figures(
            [
                ("gaps in the Best Value self-assessment", str(len(themes))),
                ("gaps in the outcome frameworks", str(len(outcomes))),
            ]
        ),
        Heading("Best Value self-assessment"),
        Table(
            "Best Value themes with gaps",
            ("Theme", "Gap", "Detail"),
            themes,
            empty="Every theme has evidence and every characteristic is rated.",
        ),
        Heading("Outcome frameworks"),
        Table(
            "Outcomes with gaps",
            ("Outcome", "Gap", "Detail"),
            outcomes,
            empty="Every outcome has current national and in-year measures.",
        ),
    )
    return doc
