"""The outcomes scorecard and the gap report, each written once as a `Document` and so
rendered the same as a web page, PDF, Word file and XLSX tables (civicp3.reports)."""

from datetime import date

from civicp3.outcomes import selectors
from civicp3.outcomes.models import OutcomeFramework
from civicp3.reports.document import (
    Document,
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
