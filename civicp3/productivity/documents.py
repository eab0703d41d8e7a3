"""The plan, its six-monthly update and committee reports, each written once as a `Document`
(civicp3.reports) and so rendered the same as a web page, PDF and Word file."""

import re
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils import timezone

from civicp3.organisation.models import Council
from civicp3.performance.documents import REPORTS
from civicp3.productivity import best_value, selectors
from civicp3.productivity.defaults import COMMITTEE_PRESETS, MALDON_PRESET
from civicp3.productivity.evidence import evidence_blocks
from civicp3.productivity.models import (
    COMMITTEE_REPORT_FIELDS,
    PLAN_STANDING,
    Commitment,
    CommitteeAppendix,
    CommitteeReport,
    CommitteeSection,
    CommitteeTemplate,
    Framework,
    Plan,
    PlanStatus,
    Snapshot,
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
    rated = best_value.is_self_assessment(plan)
    characteristics = best_value.characteristics_by_theme(plan) if rated else {}
    assessments = best_value.assessments_for(plan) if rated else {}
    for index, theme in enumerate(selectors.themes_for(plan), start=1):
        doc.add(Heading(f"{index}. {theme.title}"))
        doc.add(*evidence_blocks(council, theme.evidence))
        if rated:
            found_items = characteristics.get(theme.pk, [])
            doc.add(*best_value.characteristic_blocks(theme, found_items, assessments, index))
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
    of_record = selectors.latest_snapshot(
        plan=plan, status=selectors.PUBLISHED
    ) or selectors.latest_snapshot(plan=plan)
    if of_record is not None:
        doc.add(Heading("The figures beside the plan as members read it"))
        doc.add(_figures_then_and_now(of_record, plan_document(plan, as_at=today).figures()))
    return doc


def _figures_then_and_now(of_record: Snapshot, now: dict[str, str]) -> Table:
    """Each figure of the plan's snapshot of record beside the same figure now."""
    then = f"As {of_record.status.lower()} ({of_record.as_at:%-d %B %Y})"
    return Table(
        f"The {of_record.title} as {of_record.status.lower()} and now",
        ("Figure", then, "Now"),
        [
            (name, value, now.get(name, "No longer shown"))
            for name, value in of_record.figures.items()
        ],
    )


@dataclass(frozen=True)
class Section:
    """One part of a committee report template: the report field it shows, its heading, how
    it is set out (a labelled field, a numbered section, an item under "Implications")."""

    field: str
    heading: str
    part: str
    required: bool = True


# Parts of a report the template may show that are not written but generated.
OFFICERS, APPENDICES = "officers", "appendices"
_TEXT_TYPES = (models.CharField, models.TextField)
# Every written part a template may show, with its label (the report's own fields).
SECTION_FIELDS: dict[str, str] = {
    **{
        field.name: str(field.verbose_name)
        for field in CommitteeReport._meta.local_fields
        if isinstance(field, _TEXT_TYPES)
        and field.name in COMMITTEE_REPORT_FIELDS
        and field.name not in ("title", "committee", "author")
        and not field.name.endswith(("_executive", "_officer"))
    },
    OFFICERS: "Statutory officers' table (names, comments and dates)",
    APPENDICES: "List of appendices",
}
OFFICER_FIELDS = ("chief_executive", "s151_officer", "monitoring_officer")


def report_sections(report: CommitteeReport) -> tuple[list[Section], list[str]]:
    """The report's template sections in order, and its titles for the three statutory
    officers; a report without a template uses the Maldon preset."""
    if report.template is not None:
        sections = [
            Section(item.field, item.heading, item.part, item.required)
            for item in report.template.sections.all()
        ]
        return sections, list(report.template.officer_titles)
    officers, preset = COMMITTEE_PRESETS[MALDON_PRESET]
    return [Section(*item) for item in preset], list(officers)


def committee_gaps(report: CommitteeReport) -> list[tuple[str, str]]:
    """(field, message) for every required section left blank and every statutory officer who
    has not signed: each blocks issuing the report."""
    sections, titles = report_sections(report)
    gaps = [
        (section.field, f"Enter the {section.heading.lower()}")
        for section in sections
        if section.required
        and section.field not in (OFFICERS, APPENDICES)
        and not str(getattr(report, section.field, "")).strip()
    ]
    for title, name in zip(titles, OFFICER_FIELDS, strict=False):
        if not getattr(report, name) or not getattr(report, f"{name}_on"):
            gaps.append((name, f"The {title} has not signed the report off"))
    return gaps


def _written(report: CommitteeReport, name: str) -> str:
    return str(getattr(report, name, "")).strip() or f"**{NOT_COMPLETED}**"


# Lists, and items the writer numbered themselves ("(i)", "(a)"), keep their own numbers.
_LIST_ITEM = re.compile(r"\s*([-*+]|\d+[.)]|\([ivx]+\)|\([a-z]\))\s")


def _numbered(text: str, section: int) -> Markdown:
    """Number each paragraph 1.1, 1.2 … as the councils do; list items keep their bullets."""
    parts, count = [], 0
    for block in re.split(r"\n\s*\n", text.strip()):
        if _LIST_ITEM.match(block):
            parts.append(block)
        elif block.strip():
            count += 1
            parts.append(f"{section}.{count} {block.strip()}")
    return Markdown("\n\n".join(parts))


ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def _officers_table(report: CommitteeReport, heading: str, titles: list[str]) -> Table:
    return Table(
        heading,
        ("Officer", "Name", "Comments", "Date approved"),
        [
            (
                title,
                getattr(report, name) or "Awaiting",
                getattr(report, f"{name}_comment") or "None.",
                getattr(report, f"{name}_on") or "Awaiting",
            )
            for title, name in zip(titles, OFFICER_FIELDS, strict=False)
        ],
    )


def framework_document(framework: Framework, adopted: bool = True) -> Document:
    """The strategy or framework with its key information; `adopted` False shows it as put
    to members for adoption (in the paper that asks for it)."""
    adopted = adopted and framework.approved_on is not None
    approved = (
        f"{framework.approving_committee}, {framework.approved_on:%-d %B %Y}"
        if adopted and framework.approved_on
        else f"For approval by {framework.approving_committee}"
    )
    doc = Document(
        f"{framework.title} {framework.version}",
        caption=framework.council.name,
        status="Adopted" if adopted else DRAFT,
    )
    doc.add(
        Table(
            "Key information",
            ("Item", "Detail"),
            [
                ("Authors", framework.authors or NOT_COMPLETED),
                ("Accountable officer", framework.accountable_officer or NOT_COMPLETED),
                ("The strategy applies to", framework.applies_to or NOT_COMPLETED),
                ("Approved by", approved),
                ("Next review due", framework.next_review),
            ],
        ),
        Markdown(framework.body),
    )
    return doc


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def appendix_label(numbering: str, index: int) -> str:
    """ "Appendix 2", "Appendix B" or "Appendix ii" for the `index`th (from 1) appendix."""
    Numbering = CommitteeTemplate.Numbering
    if numbering == Numbering.LETTERS:
        mark = LETTERS[(index - 1) % len(LETTERS)] * ((index - 1) // len(LETTERS) + 1)
    elif numbering == Numbering.ROMAN:
        mark = ROMAN[index - 1] if index <= len(ROMAN) else str(index)
    else:
        mark = str(index)
    return f"Appendix {mark}"


def report_appendices(report: CommitteeReport) -> list[tuple[str, CommitteeAppendix]]:
    """The report's appendices in order, each with its label ("Appendix 2")."""
    numbering = report.template.appendix_numbering if report.template else ""
    attached = report.appendices.select_related("plan", "framework")
    return [
        (appendix_label(numbering, index), appendix)
        for index, appendix in enumerate(attached, start=1)
    ]


def _appendix_document(
    report: CommitteeReport, appendix: CommitteeAppendix, council: Council, today: date
) -> Document | None:
    """The attached document; a plan or framework as members read it before the meeting
    (endorsed or adopted only if that was earlier)."""
    Kind = CommitteeAppendix.Kind
    if appendix.kind == Kind.FRAMEWORK and appendix.framework is not None:
        framework = appendix.framework
        earlier = bool(framework.approved_on and framework.approved_on < report.meeting_date)
        return framework_document(framework, adopted=earlier)
    if appendix.kind == Kind.PLAN and appendix.plan is not None:
        plan = appendix.plan
        earlier = bool(plan.endorsed_on and plan.endorsed_on < report.meeting_date)
        return plan_document(plan, as_at=today, endorsement=earlier)
    if appendix.kind == Kind.UPDATE and appendix.plan is not None:
        return update_document(appendix.plan, today)
    if appendix.kind == Kind.REPORT and appendix.pmo_report in REPORTS:
        return REPORTS[appendix.pmo_report].build(council, today)
    return None


def committee_document(report: CommitteeReport, council: Council, today: date) -> Document:
    """The report in its template's order: labelled fields, numbered sections with numbered
    paragraphs, the statutory officers' table and the appendices."""
    sections, titles = report_sections(report)
    appendices = [
        (label, document)
        for label, appendix in report_appendices(report)
        if (document := _appendix_document(report, appendix, council, today)) is not None
    ]
    doc = Document(
        report.title, caption=council.name, status=report.get_status_display(), as_at=today
    )
    doc.add(
        Paragraph(f"Report of {report.author} to {report.committee}"),
        Paragraph(f"Meeting on {report.meeting_date:%-d %B %Y}"),
    )
    number = implication = 0
    for section in sections:
        if section.part == CommitteeSection.Part.IMPLICATION:
            if implication == 0:
                number += 1
                doc.add(Heading(f"{number}. Implications"))
            text = _written(report, section.field)
            doc.add(Markdown(f"({ROMAN[implication % 12]}) **{section.heading}**: {text}"))
            implication += 1
            continue
        implication = 0
        if section.part == CommitteeSection.Part.BODY:
            number += 1
            doc.add(Heading(f"{number}. {section.heading}"))
            written = str(getattr(report, section.field, "")).strip()
            doc.add(_numbered(written, number) if written else Markdown(_written(report, "")))
        elif section.field == OFFICERS:
            doc.add(Heading(section.heading), _officers_table(report, section.heading, titles))
        elif section.field == APPENDICES:
            listed = [f"- {label}: {a.title}" for label, a in appendices]
            doc.add(Heading(section.heading), Markdown("\n".join(listed) or "None."))
        else:
            doc.add(Heading(section.heading), Markdown(_written(report, section.field)))
    for label, appendix in appendices:
        doc.append_appendix(label, appendix)
    return doc
