"""Every change to plans and committee reports goes through these functions.

Each runs in a transaction, keeps a version of the plan's text where the plan changed, and
refuses an illegal move with a `PlanError` that names the field and says why in plain words.
"""

import hashlib
from datetime import date
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from civicp3.lib.errors import DomainError
from civicp3.organisation.models import Council
from civicp3.organisation.services import lock_council, next_number
from civicp3.performance.documents import REPORTS
from civicp3.productivity.documents import (
    PRINT_TEMPLATE,
    SECTION_FIELDS,
    committee_document,
    committee_gaps,
    plan_document,
)
from civicp3.productivity.evidence import EVIDENCE
from civicp3.productivity.models import (
    COMMITTEE_REPORT_FIELDS,
    FRAMEWORK_FIELDS,
    PLAN_STANDING,
    Commitment,
    CommitteeAppendix,
    CommitteeReport,
    CommitteeSection,
    CommitteeTemplate,
    Framework,
    Narrative,
    Plan,
    PlanStatus,
    PlanVersion,
    ReturnTemplate,
    SharedSection,
    Snapshot,
    Theme,
)
from civicp3.reports.document import Document
from civicp3.reports.render import RecordFiles, render_record

Actor = AbstractBaseUser | None


class PlanError(DomainError):
    """A change to a plan or committee report the rules refuse; `gaps` lists every (field,
    message) that stops a report being issued, when there are several."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        gaps: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(message, field=field)
        self.gaps = gaps or []


# Where a plan may go next, and the words for the move.
TRANSITIONS: dict[str, dict[str, str]] = {
    PlanStatus.DRAFT: {PlanStatus.REVIEW: "Sent to the leadership team for review"},
    PlanStatus.REVIEW: {
        PlanStatus.DRAFT: "Returned to draft by the leadership team",
        PlanStatus.ENDORSED: "Member endorsement recorded",
    },
    PlanStatus.ENDORSED: {PlanStatus.SUBMITTED: "Submission recorded"},
    PlanStatus.SUBMITTED: {PlanStatus.PUBLISHED: "Published"},
    # The published plan stays on record; changing it means starting a new version on purpose.
    PlanStatus.PUBLISHED: {PlanStatus.DRAFT: "New version started"},
}


def transitions_for(plan: Plan) -> dict[str, str]:
    """Where this plan may go next: a return that is not submitted to anyone (a
    self-assessment) goes from member endorsement straight to publication."""
    if plan.status == PlanStatus.ENDORSED and not plan.template.submitted:
        return {PlanStatus.PUBLISHED: "Published"}
    return TRANSITIONS[plan.status]


# The moves that keep the plan as it stands then: a snapshot of record.
OF_RECORD = (PlanStatus.ENDORSED, PlanStatus.SUBMITTED, PlanStatus.PUBLISHED)
# The text can change while drafting, and after endorsement to add the committee's amendments.
EDITABLE = (PlanStatus.DRAFT, PlanStatus.ENDORSED)


def _snapshot(plan: Plan, label: str, actor: Actor) -> PlanVersion:
    last = plan.versions.aggregate(n=Max("number"))["n"] or 0
    return PlanVersion.objects.create(
        council=plan.council,
        plan=plan,
        number=last + 1,
        label=label,
        status=plan.status,
        text=plan_document(plan).text(),
        created_by=actor,
    )


def snapshot_record(
    *,
    document: Document,
    actor: Actor,
    plan: Plan | None = None,
    report: CommitteeReport | None = None,
    files: RecordFiles | None = None,
) -> Snapshot:
    """Render the document once (unless `files` are its rendering already) and store its page,
    PDF and Word file (through the storage API, each with its SHA-256) and the figures in it.
    Call inside the move's transaction."""
    owner: Plan | CommitteeReport | None = plan or report
    if owner is None or (plan is not None and report is not None):
        raise ValueError("A snapshot is of one plan or one committee report")
    files = files or render_record(document, PRINT_TEMPLATE)
    last = owner.snapshots.aggregate(n=Max("number"))["n"] or 0
    snapshot = Snapshot(
        council=owner.council,
        plan=plan,
        committee_report=report,
        number=last + 1,
        status=document.status,
        title=document.title,
        as_at=document.as_at or timezone.localdate(),
        figures=document.figures(),
        text=document.text(),
        pages=files.pages,
        created_by=actor,
    )
    stem = f"{'plan' if plan else 'committee-report'}-{owner.pk}-{snapshot.number}"
    for fmt in Snapshot.FORMATS:
        data: bytes = getattr(files, fmt)
        getattr(snapshot, fmt).save(f"{stem}.{fmt}", ContentFile(data), save=False)
        setattr(snapshot, f"{fmt}_sha256", hashlib.sha256(data).hexdigest())
    snapshot.save()
    return snapshot


@transaction.atomic
def plan_create(
    *, council: Council, template: ReturnTemplate, title: str, actor: Actor = None
) -> Plan:
    if template.council_id != council.pk:
        raise PlanError("Choose one of your council's templates", field="template")
    plan = Plan.objects.create(council=council, template=template, title=title)
    Narrative.objects.bulk_create(
        Narrative(council=council, plan=plan, theme=theme) for theme in template.themes.all()
    )
    _snapshot(plan, "Draft started", actor)
    return plan


def _require_editable(plan: Plan) -> None:
    if plan.status not in EDITABLE:
        raise PlanError(
            f"The plan cannot be changed while it is {plan.get_status_display().lower()}: "
            "it can be changed in draft, or after member endorsement to add amendments"
        )


@transaction.atomic
def plan_edit(
    *, plan: Plan, foreword: str, narratives: dict[int, str], actor: Actor = None
) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(plan)
    plan.foreword = foreword
    plan.save(update_fields=["foreword"])
    for narrative in plan.narratives.all():
        if narrative.theme_id in narratives and narrative.shared_id is None:
            narrative.text = narratives[narrative.theme_id]
            narrative.save(update_fields=["text"])
    _snapshot(plan, "Text edited", actor)
    return plan


@transaction.atomic
def shared_section_use(
    *, plan: Plan, theme_id: int, section: SharedSection | None, actor: Actor = None
) -> Plan:
    """Show a shared section (read-only) for a theme, or go back to the plan's own text."""
    _require_editable(plan)
    narrative = plan.narratives.filter(theme_id=theme_id).first()
    if narrative is None:
        raise PlanError("Select one of the plan's themes", field="theme")
    if section is not None:  # its owner cannot stop sharing it while this plan starts using it
        section = SharedSection.objects.select_for_update().get(pk=section.pk)
    if section is not None and not (
        section.council_id == plan.council_id
        or section.shared_with.filter(pk=plan.council_id).exists()
    ):
        raise PlanError("That section is not shared with your council", field="section")
    narrative.shared = section
    narrative.save(update_fields=["shared"])
    _snapshot(plan, f"Shared section {'used' if section else 'removed'}", actor)
    return plan


@transaction.atomic
def shared_section_save(
    *,
    council: Council,
    title: str,
    text: str,
    shared_with: list[Council],
    section: SharedSection | None = None,
) -> SharedSection:
    """Only the owner council writes its shared section; the others see it read-only.

    It stays shared with a council while a plan of theirs uses it: stopping sharing would
    leave that plan showing the owner's later edits, though no longer shared with them.
    """
    if section is not None and section.council_id != council.pk:
        raise PlanError("Only the council that owns a shared section can change it")
    if section is None:
        section = SharedSection(council=council)
    else:
        section = SharedSection.objects.select_for_update().get(pk=section.pk)
        in_use = (
            section.uses.exclude(plan__council_id__in=[council.pk, *(c.pk for c in shared_with)])
            .select_related("plan__council")
            .order_by("plan__council__name", "plan__title")
            .first()
        )
        if in_use is not None:
            raise PlanError(
                f'{in_use.plan.council.name}\'s plan "{in_use.plan.title}" uses this section: '
                f"keep sharing it with {in_use.plan.council.name} until they stop using it",
                field="shared_with",
            )
    section.title, section.text = title, text
    section.save()
    section.shared_with.set([other for other in shared_with if other.pk != council.pk])
    return section


@transaction.atomic
def template_add(
    *,
    council: Council,
    name: str,
    requested_by: str = "",
    deadline: date | None = None,
    min_pages: int = 3,
    max_pages: int = 4,
) -> ReturnTemplate:
    """A new return (for example a report against the Local Outcomes Framework): data, not
    code."""
    if min_pages > max_pages:
        raise PlanError("The fewest pages must not be more than the most pages", field="min_pages")
    if ReturnTemplate.objects.for_council(council).filter(name=name).exists():
        raise PlanError("There is already a template with that name", field="name")
    return ReturnTemplate.objects.create(
        council=council,
        name=name,
        requested_by=requested_by,
        deadline=deadline,
        min_pages=min_pages,
        max_pages=max_pages,
    )


@transaction.atomic
def theme_add(
    *, template: ReturnTemplate, title: str, prompt: str = "", evidence: list[str]
) -> Theme:
    """A theme at the end of the template, showing the chosen evidence blocks in order."""
    unknown = [key for key in evidence if key not in EVIDENCE]
    if unknown:
        raise PlanError(f"Unknown evidence: {', '.join(unknown)}", field="evidence")
    last = template.themes.aggregate(n=Max("order"))["n"] or 0
    return Theme.objects.create(
        council=template.council,
        template=template,
        order=last + 1,
        title=title,
        prompt=prompt,
        evidence=list(evidence),
    )


@transaction.atomic
def commitment_add(
    *, plan: Plan, text: str, owner: str, due: date, actor: Actor = None
) -> Commitment:
    _require_editable(plan)
    commitment = Commitment.objects.create(
        council=plan.council, plan=plan, text=text, owner=owner, due=due
    )
    _snapshot(plan, "Commitment added", actor)
    return commitment


@transaction.atomic
def commitment_status_set(*, commitment: Commitment, status: str) -> Commitment:
    if status not in Commitment.Status.values:
        raise PlanError("Select whether the commitment is in progress or done", field="status")
    commitment.status = status
    commitment.save(update_fields=["status"])
    return commitment


def _need(value: Any, message: str, field: str) -> None:
    if not value:
        raise PlanError(message, field=field)


@transaction.atomic
def plan_move(
    *,
    plan: Plan,
    to: str,
    actor: Actor = None,
    committee: str = "",
    on: date | None = None,
    amendments: str = "",
    reason: str = "",
    length_override: str = "",
) -> Plan:
    """Take the plan one step through its workflow; `on` is the meeting, submission or
    publication date. Endorsement, submission and publication each keep a snapshot of record;
    a new version of a published plan needs a `reason` and starts again from draft. A plan
    longer than its return's page limit is endorsed or published only with a recorded
    `length_override`."""
    plan = Plan.objects.select_for_update(of=("self",)).select_related("template").get(pk=plan.pk)
    allowed = transitions_for(plan)
    if to not in allowed:
        now = plan.get_status_display().lower()
        target = PlanStatus(to).label.lower() if to in PlanStatus.values else to
        raise PlanError(f"A plan that is {now} cannot be moved to {target}")
    if to == PlanStatus.ENDORSED:
        _need(committee, "Enter the committee that endorsed the plan", "committee")
        _need(on, "Enter the date of the meeting", "on")
        plan.committee, plan.endorsed_on, plan.amendments = committee, on, amendments
    elif to == PlanStatus.SUBMITTED:
        _need(on, "Enter the date the plan was submitted", "on")
        if plan.endorsed_on and on and on < plan.endorsed_on:
            raise PlanError("The plan cannot be submitted before members endorsed it", field="on")
        plan.submitted_on = on
    elif to == PlanStatus.PUBLISHED:
        _need(on, "Enter the date the plan was published", "on")
        plan.published_on = on
    elif plan.status == PlanStatus.PUBLISHED:
        _need(reason.strip(), "Enter why a new version of the plan is needed", "reason")
        # The published snapshot stays on record (and on the public page); the new version
        # goes through review, endorsement and publication afresh.
        plan.committee, plan.amendments = "", ""
        plan.endorsed_on = plan.submitted_on = plan.published_on = None
    plan.status = to
    plan.save()
    label = f"{allowed[to]}: {reason.strip()}" if reason else allowed[to]
    if to in OF_RECORD:
        document = plan_document(plan, status=PLAN_STANDING[PlanStatus(to)])
        files = render_record(document, PRINT_TEMPLATE)
        longest = plan.template.max_pages
        if files.pages > longest and to != PlanStatus.SUBMITTED:
            _need(
                length_override.strip(),
                f"The plan is {files.pages} pages; the return expects at most {longest}. "
                "Shorten it, or enter why it may go ahead at this length",
                "length_override",
            )
            label += f" at {files.pages} pages (longer than expected: {length_override.strip()})"
        _snapshot(plan, label, actor)
        snapshot_record(document=document, actor=actor, plan=plan, files=files)
    else:
        _snapshot(plan, label, actor)
    return plan


COMMITTEE_FIELDS = tuple(name for name in COMMITTEE_REPORT_FIELDS if name != "template")


@transaction.atomic
def committee_report_save(
    *,
    council: Council,
    values: dict[str, Any],
    report: CommitteeReport | None = None,
) -> CommitteeReport:
    if report is not None:
        _not_issued(report)
    template = values.get("template")
    if template is not None and template.council_id != council.pk:
        raise PlanError("Choose one of your council's report templates", field="template")
    if report is None:
        lock_council(council)
        report = CommitteeReport(council=council, number=next_number(CommitteeReport, council))
    for name in COMMITTEE_FIELDS:
        if name in values:
            setattr(report, name, values[name])
    report.template = template
    report.save()
    return report


def _not_issued(report: CommitteeReport) -> None:
    if report.status == CommitteeReport.Status.ISSUED:
        raise PlanError("The report has been issued: it is on record and cannot be changed")


@transaction.atomic
def committee_appendix_add(
    *,
    report: CommitteeReport,
    kind: str,
    plan: Plan | None = None,
    framework: Framework | None = None,
    pmo_report: str = "",
) -> CommitteeAppendix:
    """Attach a framework (for adoption), a plan, a plan's six-monthly update or a PMO report
    after the report's other appendices."""
    _not_issued(report)
    Kind = CommitteeAppendix.Kind
    if kind not in Kind.values:
        raise PlanError("Select what to attach", field="kind")
    if kind in (Kind.PLAN, Kind.UPDATE) and (plan is None or plan.council_id != report.council_id):
        raise PlanError("Choose one of your council's plans", field="plan")
    if kind == Kind.FRAMEWORK and (framework is None or framework.council_id != report.council_id):
        raise PlanError("Choose one of your council's frameworks", field="framework")
    if kind == Kind.REPORT and pmo_report not in REPORTS:
        raise PlanError("Choose one of the PMO's reports", field="pmo_report")
    attached = {
        "kind": kind,
        "plan": plan if kind in (Kind.PLAN, Kind.UPDATE) else None,
        "framework": framework if kind == Kind.FRAMEWORK else None,
        "pmo_report": pmo_report if kind == Kind.REPORT else "",
    }
    if report.appendices.filter(**attached).exists():
        raise PlanError("That is already an appendix of this report", field="kind")
    last = report.appendices.aggregate(n=Max("order"))["n"] or 0
    return CommitteeAppendix.objects.create(
        council=report.council, report=report, order=last + 1, **attached
    )


@transaction.atomic
def committee_appendix_move(*, appendix: CommitteeAppendix, up: bool) -> CommitteeAppendix:
    """Number the appendix one earlier (up) or one later."""
    _not_issued(appendix.report)
    siblings = CommitteeAppendix.objects.filter(report_id=appendix.report_id)
    return _swap_order(siblings, appendix, up, "appendix")


@transaction.atomic
def committee_appendix_remove(*, appendix: CommitteeAppendix) -> None:
    _not_issued(appendix.report)
    appendix.delete()


@transaction.atomic
def committee_report_issue(
    *, report: CommitteeReport, actor: Actor = None, on: date | None = None
) -> Snapshot:
    """Issue the report to the committee: refused, naming each gap, while a section is blank
    or a statutory officer has not signed; then kept as a snapshot of record."""
    report = (
        CommitteeReport.objects.select_for_update(of=("self",))
        .select_related("council")
        .get(pk=report.pk)
    )
    if report.status == CommitteeReport.Status.ISSUED:
        raise PlanError("The report has already been issued")
    gaps = committee_gaps(report)
    if gaps:
        raise PlanError("The report cannot be issued until every gap is filled", gaps=gaps)
    report.status = CommitteeReport.Status.ISSUED
    report.issued_on = on or timezone.localdate()
    report.save(update_fields=["status", "issued_on"])
    document = committee_document(report, report.council, timezone.localdate())
    return snapshot_record(document=document, actor=actor, report=report)


def _section_field(field: str) -> None:
    if field not in SECTION_FIELDS:
        raise PlanError("Select what the section shows", field="field")


@transaction.atomic
def committee_section_add(
    *, template: CommitteeTemplate, field: str, heading: str, part: str, required: bool = True
) -> CommitteeSection:
    """A section at the end of the council's report template."""
    _section_field(field)
    if part not in CommitteeSection.Part.values:
        raise PlanError("Select how the section is set out", field="part")
    last = template.sections.aggregate(n=Max("order"))["n"] or 0
    return CommitteeSection.objects.create(
        council=template.council,
        template=template,
        order=last + 1,
        field=field,
        heading=heading,
        part=part,
        required=required,
    )


@transaction.atomic
def committee_section_update(
    *, section: CommitteeSection, heading: str, part: str, required: bool
) -> CommitteeSection:
    """Rename a section, change how it is set out, or whether it must be completed."""
    if not heading.strip():
        raise PlanError("Enter the section's heading", field="heading")
    if part not in CommitteeSection.Part.values:
        raise PlanError("Select how the section is set out", field="part")
    section.heading, section.part, section.required = heading.strip(), part, required
    section.save(update_fields=["heading", "part", "required"])
    return section


@transaction.atomic
def committee_section_move(*, section: CommitteeSection, up: bool) -> CommitteeSection:
    """Swap the section with the one before (up) or after it."""
    siblings = CommitteeSection.objects.filter(template_id=section.template_id)
    return _swap_order(siblings, section, up, "section")


Ordered = TypeVar("Ordered", CommitteeSection, CommitteeAppendix)


def _swap_order(siblings: QuerySet[Ordered], item: Ordered, up: bool, noun: str) -> Ordered:
    """Swap `item` with the sibling before (up) or after it, (parent, order) being unique."""
    found = list(siblings.select_for_update())
    index = next(i for i, sibling in enumerate(found) if sibling.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(found):
        raise PlanError(f"The {noun} is already the {'first' if up else 'last'}")
    a, b = found[index], found[other]
    a_order, b_order = a.order, b.order
    a.order = 0  # free the place
    a.save(update_fields=["order"])
    b.order = a_order
    b.save(update_fields=["order"])
    a.order = b_order
    a.save(update_fields=["order"])
    return a


@transaction.atomic
def committee_template_numbering(*, template: CommitteeTemplate, numbering: str) -> None:
    """How the template's reports number their appendices."""
    if numbering not in CommitteeTemplate.Numbering.values:
        raise PlanError("Select how the appendices are numbered", field="appendix_numbering")
    template.appendix_numbering = numbering
    template.save(update_fields=["appendix_numbering"])


@transaction.atomic
def committee_section_remove(*, section: CommitteeSection) -> None:
    section.delete()


@transaction.atomic
def framework_save(
    *, council: Council, values: dict[str, Any], framework: Framework | None = None
) -> Framework:
    """Record a strategy or framework, or change one; its review date must follow approval."""
    if framework is not None and framework.council_id != council.pk:
        raise PlanError("Only the council that holds a framework can change it")
    approved, review = values.get("approved_on"), values.get("next_review")
    if approved and review and review <= approved:
        raise PlanError(
            "The next review must be after the date it was approved", field="next_review"
        )
    framework = framework or Framework(council=council)
    for name in FRAMEWORK_FIELDS:
        if name in values:
            setattr(framework, name, values[name])
    framework.save()
    return framework
