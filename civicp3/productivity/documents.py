"""The plan, its six-monthly update and committee reports, each written once as a `Document`
(civicp3.reports) and so rendered the same as a web page, PDF and Word file."""

from datetime import date

from django.utils import timezone

from civicp3.organisation.models import Council
from civicp3.performance.documents import REPORTS
from civicp3.productivity import selectors
from civicp3.productivity.evidence import evidence_blocks
from civicp3.productivity.models import (
    PLAN_STANDING,
    Commitment,
    CommitteeReport,
    Plan,
    PlanStatus,
)
from civicp3.reports.document import (
    DRAFT,
    NOT_COMPLETED,
    Document,
    Heading,
    Markdown,
    Paragraph,
    Table,
)

# Plans and committee reports print in 12pt with space between lines, as councils publish them.
PRINT_TEMPLATE = "productivity/print.html"


def _commitments_table(commitments: list[Commitment], today: date | None = None) -> Table:
    def status(item: Commitment) -> str:
        if today and item.status == Commitment.Status.OPEN and item.due < today:
            return "Overdue"
        return item.get_status_display()

    return Table(
        "Commitments",
        ("Commitment", "Owner", "Due date", "Status"),
        [(item.text, item.owner, item.due, status(item)) for item in commitments],
    )


def plan_document(
    plan: Plan, as_at: date | None = None, status: str = "", endorsement: bool = True
) -> Document:
    """The plan with its figures as at `as_at` (today) and its `status` (from the workflow);
    `endorsement` False leaves out the endorsement line (the plan in the paper that asks for
    it)."""
    council = plan.council
    doc = Document(
        plan.title,
        caption=council.name,
        status=status or PLAN_STANDING[PlanStatus(plan.status)],
        as_at=as_at or timezone.localdate(),
    )
    if plan.foreword:
        doc.add(Heading("Foreword"), Markdown(plan.foreword))
    texts = selectors.theme_texts(plan)
    for index, theme in enumerate(selectors.themes_for(plan), start=1):
        doc.add(Heading(f"{index}. {theme.title}"))
        doc.add(*evidence_blocks(council, theme.evidence))
        found = texts.get(theme.pk)
        if found and found.shared:
            doc.add(
                Paragraph(f"{found.shared.title}: a section shared by {found.shared.council.name}.")
            )
        if found:
            doc.add(Markdown(found.text))
    commitments = list(plan.commitments.all())
    if commitments:
        doc.add(Heading("Our commitments"), _commitments_table(commitments))
    if plan.endorsed_on and endorsement:
        doc.add(
            Paragraph(
                f"Endorsed by {plan.committee} on {plan.endorsed_on:%-d %B %Y}"
                + (f", with amendments: {plan.amendments}" if plan.amendments else ".")
            )
        )
    return doc


def update_document(plan: Plan, today: date) -> Document:
    """The six-monthly update: progress against the plan's commitments and its figures now."""
    council = plan.council
    audience = plan.committee or "the committee"
    doc = Document(
        f"Six-monthly update on the {plan.title}", caption=council.name, status=DRAFT, as_at=today
    )
    doc.add(
        Paragraph(f"Progress for {audience} at {today:%-d %B %Y}, generated from the data."),
        Heading("Progress against commitments"),
        _commitments_table(list(plan.commitments.all()), today),
        Heading("The figures now"),
    )
    for theme in selectors.themes_for(plan):
        doc.add(*evidence_blocks(council, theme.evidence))
    return doc


# The councils' committee report template, in order (seeds 000, 003 and 004).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("Purpose of the report", "purpose"),
    ("Recommendations", "recommendations"),
    ("Summary of key issues", "key_issues"),
    ("Options considered", "options"),
    ("Consultation", "consultation"),
    ("Timetable", "timetable"),
    ("Conclusion", "conclusion"),
    ("Impact on corporate priorities", "priorities_impact"),
)
IMPLICATIONS: tuple[tuple[str, str], ...] = (
    ("Impact on customers", "impact_customers"),
    ("Impact on equalities", "impact_equalities"),
    ("Impact on risk (including fraud implications)", "impact_risk"),
    ("Impact on resources (financial)", "impact_financial"),
    ("Impact on resources (human)", "impact_human"),
    ("Legal implications", "impact_legal"),
    ("Impact on climate change", "impact_climate"),
    ("Procurement implications", "impact_procurement"),
)
OFFICERS: tuple[tuple[str, str], ...] = (
    ("Chief executive", "chief_executive"),
    ("S151 officer", "s151_officer"),
    ("Monitoring officer", "monitoring_officer"),
)


def committee_gaps(report: CommitteeReport) -> list[tuple[str, str]]:
    """(field, message) for every section left blank and every statutory officer who has not
    signed: each blocks issuing the report."""
    gaps = [
        (name, f"Enter the {heading.lower()}")
        for heading, name in (*SECTIONS, *IMPLICATIONS, ("Background papers", "background_papers"))
        if not getattr(report, name).strip()
    ]
    for label, name in OFFICERS:
        if not getattr(report, name) or not getattr(report, f"{name}_on"):
            gaps.append((name, f"The {label.lower()} has not signed the report off"))
    return gaps


def _text(report: CommitteeReport, name: str) -> Markdown:
    return Markdown(getattr(report, name) or f"**{NOT_COMPLETED}**")


def committee_document(report: CommitteeReport, council: Council, today: date) -> Document:
    doc = Document(
        report.title, caption=council.name, status=report.get_status_display(), as_at=today
    )
    doc.add(
        Paragraph(f"Report of {report.author} to {report.committee}"),
        Paragraph(f"Meeting on {report.meeting_date:%-d %B %Y}"),
    )
    if report.contact:
        doc.add(Paragraph(f"Author and contact: {report.author}, {report.contact}"))
    for number, (heading, name) in enumerate(SECTIONS, start=1):
        doc.add(Heading(f"{number}. {heading}"), _text(report, name))
    doc.add(Heading(f"{len(SECTIONS) + 1}. Implications"))
    for heading, name in IMPLICATIONS:
        doc.add(Heading(heading, level=3), _text(report, name))
    doc.add(
        Heading("Background papers"),
        _text(report, "background_papers"),
        Heading("Enquiries to"),
        Paragraph(report.enquiries_to or report.author),
        Heading("Statutory officers' approvals"),
        Table(
            "Statutory officers' approvals",
            ("Officer", "Name", "Date approved"),
            [
                (
                    label,
                    getattr(report, name) or "Awaiting",
                    getattr(report, f"{name}_on") or "Awaiting",
                )
                for label, name in OFFICERS
            ],
        ),
    )
    appendix = 1
    if report.appendix_plan is not None:
        # The plan as members read it before the meeting: endorsed only if that was earlier.
        plan = report.appendix_plan
        earlier = bool(plan.endorsed_on and plan.endorsed_on < report.meeting_date)
        doc.append_appendix(
            f"Appendix {appendix}", plan_document(plan, as_at=today, endorsement=earlier)
        )
        appendix += 1
    if report.appendix_report in REPORTS:
        built = REPORTS[report.appendix_report].build(council, today)
        doc.append_appendix(f"Appendix {appendix}", built)
    return doc
