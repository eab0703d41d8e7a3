"""Every change to improvement requests goes through these functions.

Each runs in a transaction and records who did it (and why, where a reason is given) in the
request's history. Refusals are domain errors (`ImprovementError` and its kinds) that a page
shows as a GOV.UK error summary and a command prints; they are never a 500.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, TypeVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.text import slugify

from civicp3.improvements import defaults, worklist
from civicp3.improvements.lifecycle import (
    PATHWAYS,
    STEPS,
    WORDING,
    Move,
    Status,
    either,
    missing,
    move_for,
    refusal,
)
from civicp3.improvements.models import (
    Benefits,
    ChangeDecision,
    ChangeRequest,
    DecisionNode,
    Evidence,
    FeasibilityAssessment,
    FeasibilityOutcome,
    FeasibilityQuestion,
    FormRequired,
    GoLiveSignOff,
    ImprovementRequest,
    ImprovementSettings,
    IntakeAttempt,
    Pathway,
    PathwayDecision,
    Phase,
    PhaseCompletionReturn,
    Rating,
    RetentionUnit,
    Score,
    ScoringOption,
    ScoringQuestion,
    Tag,
    TrainingCohort,
    TrainingDelegate,
    Workshop,
)
from civicp3.improvements.selectors import people_who_may
from civicp3.improvements.uploads import BadUpload, check_upload
from civicp3.lib.errors import Conflict, DomainError
from civicp3.lib.tabular import UnreadableFile, read_table
from civicp3.organisation.models import Council, Directorate, ServiceArea, WageRate
from civicp3.organisation.roles import can
from civicp3.organisation.selectors import roles_in
from civicp3.organisation.services import lock_council, next_number

MAX_SCORE = Decimal("99999.99")
# The wage grade of benefits imported from a work list, which names none: hours not valued.
IMPORTED_GRADE = "Not recorded (imported from a work list)"
CENTS = Decimal("0.01")
Named = TypeVar("Named", Directorate, ServiceArea)


class ImprovementError(DomainError):
    """A change the improvement rules refuse."""


class IllegalTransition(ImprovementError, Conflict):
    """The lifecycle table does not allow this move from the request's current status."""


@dataclass(frozen=True)
class RowError:
    """One problem in an import file. `row` counts as a spreadsheet does: the header is row 1."""

    row: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        if self.row is None:
            return self.reason
        return f"Row {self.row}, {self.column}: {self.reason}"


class ImportRejected(ImprovementError):
    """The file has at least one bad row, so nothing was imported."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        count = len(self.errors)
        super().__init__(
            f"Nothing was imported: the file has {count} problem{'s' if count != 1 else ''}"
        )


def _save(improvement: ImprovementRequest, actor: AbstractBaseUser | None, reason: str) -> None:
    improvement._history_user = actor  # type: ignore[attr-defined]
    improvement._change_reason = reason  # type: ignore[attr-defined]
    improvement.full_clean()
    improvement.save()


@transaction.atomic
def improvement_raise(
    *,
    council: Council,
    process_impacted: str,
    problem_statement: str,
    what_we_require: str = "",
    service_area: ServiceArea | None = None,
    service_area_text: str = "",
    directorate: Directorate | None = None,
    form_required: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    raised_by: AbstractBaseUser | None = None,
    evidence: Sequence[UploadedFile] = (),
) -> ImprovementRequest:
    """Record a new improvement request (status submitted) with the council's next reference.

    Evidence files are checked by their content (see `uploads`) before anything is written,
    and kept through Django's default storage.
    """
    if raised_by is not None and not can(roles_in(council, raised_by), "improvements.raise"):
        raise ImprovementError("Your role reads requests: raise one through the public form")
    for record in (service_area, directorate):
        if record is not None and record.council_id != council.pk:
            raise ImprovementError(f"{record} is not part of {council}")
    limits = improvement_settings(council)
    limit = limits.max_upload_mb * 1024 * 1024
    if len(evidence) > limits.max_evidence_files:
        raise ImprovementError(
            f"Choose {limits.max_evidence_files} evidence files or fewer "
            f"(you chose {len(evidence)})",
            field="evidence",
        )
    if sum(upload.size or 0 for upload in evidence) > limits.max_evidence_total_mb * 1024 * 1024:
        raise ImprovementError(
            f"The evidence files together must be smaller than {limits.max_evidence_total_mb}MB",
            field="evidence",
        )
    checked = []
    for upload in evidence:
        name = upload.name or "The file"
        try:
            checked.append(
                (upload, check_upload(upload, name=name, size=upload.size or 0, max_bytes=limit))
            )
        except BadUpload as error:
            raise ImprovementError(str(error), field="evidence") from error
    if directorate is None and service_area is not None:
        directorate = service_area.directorate
    lock_council(council)
    improvement = ImprovementRequest(
        council=council,
        number=next_number(ImprovementRequest, council),
        process_impacted=process_impacted,
        problem_statement=problem_statement,
        what_we_require=what_we_require,
        service_area=service_area,
        service_area_text=service_area_text or (service_area.name if service_area else ""),
        directorate=directorate,
        form_required=form_required,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        raised_by=raised_by,
        status=Status.SUBMITTED,
    )
    _save(improvement, raised_by, "Raised")
    for upload, info in checked:
        Evidence.objects.create(
            council=council,
            improvement=improvement,
            file=upload,
            original_name=(upload.name or "evidence")[:255],
            content_type=info.content_type,
            size=info.size,
        )
    return improvement


@transaction.atomic
def improvement_transition(
    *,
    improvement: ImprovementRequest,
    to: str,
    actor: AbstractBaseUser | None,
    reason: str = "",
) -> ImprovementRequest:
    """Move a request to status `to` if the lifecycle table allows it from where it is now.

    Raises IllegalTransition for a move the table does not allow, and GateNotMet (naming each
    missing record) when the row's gates are not all met. The reason is kept in the history.
    """
    try:
        wanted = Status(to)
    except ValueError:
        raise ImprovementError(f"{to!r} is not a status an improvement can have") from None
    # Re-read under a lock so two people moving the same request cannot both succeed.
    current = ImprovementRequest.objects.select_for_update().get(pk=improvement.pk)
    move = move_for(current.status, wanted)
    if move is None:
        raise IllegalTransition(refusal(current.status, wanted))
    reason = reason.strip()
    if move.reason and not reason:
        raise ImprovementError(
            f"Enter why {current.reference} should {WORDING[wanted].verb}", field="reason"
        )
    unmet = improvement_unmet(current, move)
    if unmet:
        raise GateNotMet(missing(current.reference, wanted, unmet))
    if wanted == Status.IN_DELIVERY:
        # Back from sign-off: the old sign-off no longer stands; a new one is needed.
        GoLiveSignOff.objects.filter(improvement=current, withdrawn=False).update(withdrawn=True)
        steps = PATHWAYS[current.pathway]
        if not current.phase:
            current.phase = steps.phases[0]
    now = timezone.now()
    if wanted in (Status.WAITING_LIST, Status.REJECTED) and current.decided_at is None:
        current.decided_at = now  # the first decision; back from on hold is not another
    if wanted == Status.LIVE:
        current.went_live_at = now
    if wanted == Status.CLOSED:
        current.closed_at = now
    current.status = wanted
    _save(current, actor, reason or wanted.label)
    for name in ("status", "phase", "decided_at", "went_live_at", "closed_at"):
        setattr(improvement, name, getattr(current, name))
    return current


class GateNotMet(IllegalTransition):
    """The move is in the table, but a record it needs first is missing."""


def improvement_unmet(improvement: ImprovementRequest, move: Move) -> list[str]:
    """The gates of `move` (codes of lifecycle.GATES) that `improvement` does not meet yet."""
    return [gate for gate in move.gates if not _GATE_CHECKS[gate](improvement)]


def _feasible(improvement: ImprovementRequest) -> bool:
    latest = FeasibilityAssessment.objects.filter(improvement=improvement).order_by("-pk").first()
    return latest is not None and latest.outcome == FeasibilityOutcome.FEASIBLE


def _has_champion(improvement: ImprovementRequest) -> bool:
    steps = PATHWAYS.get(improvement.pathway)
    return steps is None or not steps.needs_champion or improvement.champion_id is not None


def _phases_returned(improvement: ImprovementRequest) -> bool:
    steps = PATHWAYS.get(improvement.pathway)
    if steps is None:
        return False
    filed = set(
        PhaseCompletionReturn.objects.filter(improvement=improvement).values_list(
            "phase", flat=True
        )
    )
    return set(steps.phases) <= filed and improvement.phase == Phase.DONE


def _owner_signed(improvement: ImprovementRequest) -> bool:
    return improvement.sign_offs.filter(withdrawn=False, confirmed_at__isnull=False).exists()


_GATE_CHECKS: dict[str, Callable[[ImprovementRequest], bool]] = {
    "score": lambda improvement: improvement.score is not None,
    "pathway": lambda improvement: improvement.pathway in PATHWAYS,
    "feasible": _feasible,
    "champion": _has_champion,
    "phase_returns": _phases_returned,
    "owner_sign_off": _owner_signed,
    "benefits": lambda improvement: Benefits.objects.filter(improvement=improvement).exists(),
}


def _step_open(improvement: ImprovementRequest, code: str) -> None:
    """Refuse a step (lifecycle.STEPS) that is not open at the request's status."""
    step = STEPS[code]
    if improvement.status not in step.statuses:
        where = [WORDING[status].is_phrase for status in Status if status in step.statuses]
        raise IllegalTransition(
            f"{step.label} is for requests that are {either(where)}. "
            f"{improvement.reference} is {WORDING[Status(improvement.status)].is_phrase}"
        )


def improvements_import(
    *,
    council: Council,
    rows_or_file: str | Path | IO[bytes] | Sequence[Sequence[str]],
    actor: AbstractBaseUser | None,
    source_name: str = "",
    check_only: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[ImprovementRequest]:
    """Import a work list in the seed's layout (CSV, XLSX, or rows with a header row first).

    All or nothing: every row is checked, and if any is bad ImportRejected lists each problem
    by row and column and nothing is written. Rows with a score and a pathway join the waiting
    list; references are given in the file's order, which keeps the file's order among equal
    scores. A row that repeats a request the council already has (same process impacted and
    problem statement, ignoring case and spacing) is refused, so importing a file twice
    writes nothing the second time. An optional Tags column gives each request its tags
    (comma-separated, found or made in the council as `improvement_set_tags` does). With
    `check_only` the rows are checked the same way and
    returned with the references they would get, but nothing is written (the preview).
    `progress(done, total)` is told the rows written, every few rows and at the end.
    """
    if isinstance(rows_or_file, str | Path):
        source_name = source_name or Path(rows_or_file).name
    if isinstance(rows_or_file, str | Path) or hasattr(rows_or_file, "read"):
        try:
            rows = read_table(rows_or_file)  # type: ignore[arg-type]
        except (UnreadableFile, OSError) as error:
            raise ImportRejected([RowError(None, "", str(error))]) from error
    else:
        rows = [[str(cell or "").strip() for cell in row] for row in rows_or_file]
    with transaction.atomic():
        lock_council(council)
        parsed, errors = _check_rows(council, rows)
        if errors:
            raise ImportRejected(errors)
        number = next_number(ImprovementRequest, council)
        created = []
        for row_number, improvement, benefits, tags in parsed:
            improvement.number = number
            if check_only:
                improvement.import_row = row_number
                created.append(improvement)
                number += 1
                continue
            improvement.import_file = source_name[:255]
            improvement.import_row = row_number
            improvement.raised_by = None
            raised = improvement.created
            _save(improvement, actor, f"Imported from {source_name or 'a work list'}")
            if raised is not None:  # the raised-on date from the file, not the import's
                ImprovementRequest.objects.filter(pk=improvement.pk).update(created=raised)
                improvement.created = raised
            if tags:
                improvement.tags.set([_tag_for(council, name) for name in tags])
            if benefits is not None:
                benefits.improvement = improvement
                benefits._history_user = actor  # type: ignore[attr-defined]
                benefits.full_clean()
                benefits.save()
            created.append(improvement)
            number += 1
            if progress is not None and (len(created) % 10 == 0 or len(created) == len(parsed)):
                progress(len(created), len(parsed))
        return created


_Parsed = tuple[int, ImprovementRequest, Benefits | None, list[str]]


def _check_rows(council: Council, rows: list[list[str]]) -> tuple[list[_Parsed], list[RowError]]:
    numbered = [(index, row) for index, row in enumerate(rows, start=1) if any(row)]
    if not numbered:
        return [], [RowError(None, "", "The file is empty")]
    header_row, header = numbered[0]
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for position, text in enumerate(header):
        key = worklist.column_for(text)
        if key is None:
            continue
        if key in positions:
            errors.append(RowError(header_row, text, "This column appears twice"))
        positions[key] = position
    missing = [label for key, label in worklist.COLUMNS if key not in positions]
    if missing:
        errors.append(
            RowError(
                header_row,
                ", ".join(missing),
                "Missing column"
                + ("s" if len(missing) > 1 else "")
                + ". The first row must be the work list's headings: "
                + ", ".join(worklist.HEADERS),
            )
        )
    if errors:
        return [], errors
    if len(numbered) == 1:
        return [], [RowError(None, "", "The file has headings but no improvements")]

    lookups = _Lookups(council)
    parsed: list[_Parsed] = []
    for row_number, row in numbered[1:]:
        cells = {key: row[pos] if pos < len(row) else "" for key, pos in positions.items()}
        found, row_errors = _check_row(council, row_number, cells, lookups)
        errors.extend(row_errors)
        if found is not None:
            parsed.append((row_number, *found))
    return parsed, errors


class _Lookups:
    """The council's AD areas, service areas and requests, matched as a person reads names."""

    def __init__(self, council: Council) -> None:
        self.directorates = _by_words(Directorate.objects.for_council(council))
        self.service_areas = _by_words(
            ServiceArea.objects.for_council(council).select_related("directorate")
        )
        self.seen: dict[tuple[str, str], str] = {
            (worklist.words(process), worklist.words(problem)): f"IMP-{number:04d}"
            for process, problem, number in ImprovementRequest.objects.for_council(
                council
            ).values_list("process_impacted", "problem_statement", "number")
        }


def _by_words(records: Iterable[Named]) -> dict[str, Named]:
    found: dict[str, Named] = {}
    for record in records:
        found.setdefault(worklist.words(record.name), record)
    return found


def _check_row(
    council: Council, row_number: int, cells: dict[str, str], lookups: _Lookups
) -> tuple[tuple[ImprovementRequest, Benefits | None, list[str]] | None, list[RowError]]:
    errors: list[RowError] = []

    def bad(key: str, reason: str) -> None:
        errors.append(RowError(row_number, worklist.LABELS[key], reason))

    for key in ("process_impacted", "problem_statement"):
        if not cells[key]:
            bad(key, f"Enter the {worklist.LABELS[key].split(' - ')[0].lower()}")
    if len(cells["process_impacted"]) > 300:
        bad("process_impacted", "Must be 300 characters or fewer")

    score: Decimal | None = None
    if cells["score"]:
        try:
            score = Decimal(cells["score"].replace(",", ""))
        except InvalidOperation:
            bad("score", f'"{cells["score"]}" is not a number: enter a score like 45')
        else:
            if not score.is_finite() or score < 0 or score > MAX_SCORE:
                bad("score", f"Enter a score from 0 to {MAX_SCORE:,}")
                score = None
            elif score != score.quantize(Decimal("0.01")):
                bad("score", "Enter a score with no more than 2 decimal places")
                score = None

    pathway = ""
    if cells["pathway"]:
        code = cells["pathway"].strip().upper()
        if code in Pathway.values:
            pathway = code
        else:
            bad("pathway", f'Unknown pathway "{cells["pathway"]}": use PIP, QW or GBC')

    form_required = ""
    if cells["form_required"]:
        choice = worklist.FORM_REQUIRED_WORDS.get(worklist.words(cells["form_required"]))
        if choice is None:
            bad(
                "form_required",
                f'"{cells["form_required"]}" is not an answer: '
                "use Yes, No, Not sure or leave it blank",
            )
        else:
            form_required = FormRequired(choice)

    directorate = None
    if cells["ad_area"]:
        directorate = lookups.directorates.get(worklist.words(cells["ad_area"]))
        if directorate is None:
            bad(
                "ad_area",
                f'"{cells["ad_area"]}" is not one of {council}\'s directorates or AD areas: '
                "add it in council settings first",
            )
    service_area = None
    if cells["service_area"]:
        service_area = lookups.service_areas.get(worklist.words(cells["service_area"]))
        if service_area is None:
            bad(
                "service_area",
                f'"{cells["service_area"]}" is not one of {council}\'s service areas: '
                "add it in council settings first",
            )

    if directorate is None and service_area is not None:
        directorate = service_area.directorate

    same = (worklist.words(cells["process_impacted"]), worklist.words(cells["problem_statement"]))
    if all(same):
        already = lookups.seen.get(same)
        if already is not None:
            where = already if already.startswith("IMP-") else f"row {already}"
            bad("process_impacted", f"This request is already recorded ({where})")
        else:
            lookups.seen[same] = str(row_number)

    history = _history_cells(cells, bad)
    benefits = _savings_cells(council, cells, bad, closed=history.status == Status.CLOSED)
    tags: list[str] = []
    try:
        tags = tag_names(cells.get("tags", ""))
    except ValueError as error:
        bad("tags", str(error))
    if errors:
        return None, errors
    improvement = ImprovementRequest(
        council=council,
        number=0,
        process_impacted=cells["process_impacted"],
        problem_statement=cells["problem_statement"],
        what_we_require=cells["what_we_require"],
        directorate=directorate,
        service_area=service_area,
        service_area_text=cells["service_area"],
        form_required=form_required,
        pathway=pathway,
        score=score,
        status=history.status or _imported_status(score, pathway),
        created=history.raised_on,
        decided_at=history.decided_on,
        went_live_at=history.went_live_on,
        closed_at=history.closed_on,
    )
    return (improvement, benefits, tags), []


def _imported_status(score: Decimal | None, pathway: str) -> str:
    """Where a request without a status in the file starts: scored with a pathway, it joins
    the waiting list."""
    if score is not None and pathway:
        return Status.WAITING_LIST
    if score is not None:
        return Status.SCORED
    if pathway:
        return Status.TRIAGED
    return Status.SUBMITTED


def _date_cell(text: str) -> date | None:
    for layout in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), layout).date()
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class _History:
    raised_on: datetime | None
    decided_on: datetime | None
    went_live_on: datetime | None
    closed_on: datetime | None
    status: str


def _history_cells(cells: dict[str, str], bad: Callable[[str, str], None]) -> _History:
    """The optional raised, decided, went-live and closed dates and status of a past request,
    each bad cell named; the dates must come in that order. A request with a closed date is
    closed, and one with a went-live date live, unless the file says otherwise."""
    dates: dict[str, datetime | None] = {}
    for key, verb, _ in worklist.DATE_ORDER:
        text = cells.get(key, "")
        day = _date_cell(text) if text else None
        if text and day is None:
            bad(key, f'"{text}" is not a date: write it like 2021-03-31 or 31/03/2021')
        elif day is not None and day > timezone.localdate():
            bad(key, "The date cannot be in the future")
            day = None
        dates[key] = (
            timezone.make_aware(datetime.combine(day, datetime.min.time())) if day else None
        )
        when = dates[key]
        # Named against the nearest earlier date it comes before.
        for earlier, _, happened in reversed(worklist.DATE_ORDER[: len(dates) - 1]):
            before = dates[earlier]
            if when and before and when < before:
                bad(key, f"It cannot {verb} before it {happened}")
                break
    live, closed = dates["went_live_on"], dates["closed_on"]
    status = ""
    if cells.get("status"):
        wanted = worklist.words(cells["status"])
        found = [code for code, label in Status.choices if wanted in (code, label.casefold())]
        if found:
            status = found[0]
        else:
            names = ", ".join(label for _, label in Status.choices)
            bad("status", f'"{cells["status"]}" is not a status: use one of {names}')
    if not status:
        status = Status.CLOSED if closed else Status.LIVE if live else ""
    if status in (Status.LIVE, Status.CLOSED) and not live:
        bad("went_live_on", "Enter the date it went live: the status says it is live")
    if closed and status != Status.CLOSED:
        bad("status", "A request with a closed date is Closed")
    elif live and status not in (Status.LIVE, Status.CLOSED):
        bad("status", "A request that went live is Live or Closed")
    return _History(dates["raised_on"], dates["decided_on"], live, closed, status)


def _savings_cells(
    council: Council, cells: dict[str, str], bad: Callable[[str, str], None], *, closed: bool
) -> Benefits | None:
    """The optional hours and pounds saved a year of closed past work, each bad cell named, as
    its benefits (what the closure step records). The file names no wage rate, so the hours
    are not valued in pounds; the pounds are the cashable savings a year."""
    amounts: dict[str, Decimal | None] = {}
    for key, unit, largest in (
        ("hours_saved", "hours", Decimal("9999999.99")),
        ("pounds_saved", "pounds", Decimal("9999999999.99")),
    ):
        text = cells.get(key, "")
        amounts[key] = None
        if not text:
            continue
        try:
            amount = Decimal(text.replace(",", "").removeprefix("£"))
        except InvalidOperation:
            bad(key, f'"{text}" is not a number: enter the {unit} saved a year, like 120')
            continue
        if not amount.is_finite() or amount < 0 or amount > largest:
            bad(key, f"Enter a number from 0 to {largest:,}")
        elif amount != amount.quantize(CENTS):
            bad(key, "Enter a number with no more than 2 decimal places")
        else:
            amounts[key] = amount
    hours, pounds = amounts["hours_saved"], amounts["pounds_saved"]
    if hours is None and pounds is None:
        return None
    if not closed:
        bad(
            "hours_saved" if hours is not None else "pounds_saved",
            "Savings are recorded when the work is closed: the status must be Closed",
        )
    return Benefits(
        council=council,
        hours_saved_per_year=hours or Decimal("0"),
        wage_grade=IMPORTED_GRADE,
        hourly_cost=Decimal("0"),
        on_cost_percent=council.on_cost_percent,
        cashable_savings=pounds or Decimal("0"),
    )


# --- The council's configuration: limits, technical matrix, decision tree, feasibility ---


def improvement_settings(council: Council) -> ImprovementSettings:
    """The council's improvement settings, made with the council (`improvement_settings_create`)."""
    return ImprovementSettings.objects.get(council=council)


@transaction.atomic
def improvement_settings_create(council: Council) -> ImprovementSettings:
    """Give a new council its improvement settings, the default technical matrix, pathway
    decision tree and feasibility questions (see `defaults`), as data; never overwrite edits."""
    record, _ = ImprovementSettings.objects.get_or_create(council=council)
    if not ScoringQuestion.objects.filter(council=council).exists():
        questions = ScoringQuestion.objects.bulk_create(
            ScoringQuestion(council=council, text=text, weight=weight, order=order)
            for order, (text, weight, _options) in enumerate(defaults.MATRIX, start=1)
        )
        ScoringOption.objects.bulk_create(
            ScoringOption(
                council=council, question=question, label=label, points=points, order=position
            )
            for question, (_text, _weight, options) in zip(questions, defaults.MATRIX, strict=True)
            for position, (label, points) in enumerate(options, start=1)
        )
    if not DecisionNode.objects.filter(council=council).exists():
        made = DecisionNode.objects.bulk_create(
            DecisionNode(council=council, text=text, order=order)
            for order, (_key, text, _, _) in enumerate(defaults.DECISION_TREE, start=1)
        )
        nodes = {
            key: node for node, (key, *_rest) in zip(made, defaults.DECISION_TREE, strict=True)
        }
        for key, _, yes, no in defaults.DECISION_TREE:
            node = nodes[key]
            node.yes_next, node.yes_pathway = nodes.get(yes), yes if yes in Pathway.values else ""
            node.no_next, node.no_pathway = nodes.get(no), no if no in Pathway.values else ""
        DecisionNode.objects.bulk_update(made, ["yes_next", "yes_pathway", "no_next", "no_pathway"])
    if not FeasibilityQuestion.objects.filter(council=council).exists():
        FeasibilityQuestion.objects.bulk_create(
            FeasibilityQuestion(council=council, category=category, text=text, order=order)
            for order, (category, text) in enumerate(defaults.FEASIBILITY, start=1)
        )
    return record


@transaction.atomic
def scoring_question_save(
    *,
    council: Council,
    text: str,
    weight: Decimal,
    options: Sequence[tuple[str, Decimal]],
    active: bool = True,
    question: ScoringQuestion | None = None,
) -> ScoringQuestion:
    """Add or change a question of the technical matrix and its answers (label, points).

    The matrix version goes up by one, so scores already made keep the version they used
    and never change; re-scoring a request records a new score against the new version.
    """
    settings_record = improvement_settings(council)
    if question is not None and question.council_id != council.pk:
        raise ImprovementError("That question is not part of this council's matrix")
    if len(options) < 2:
        raise ImprovementError("Enter at least two answers", field="options")
    if question is None:
        last = ScoringQuestion.objects.filter(council=council).order_by("-order").first()
        question = ScoringQuestion(council=council, order=(last.order + 1) if last else 1)
    question.text, question.weight, question.active = text, weight, active
    question.full_clean()
    question.save()
    question.options.all().delete()
    for position, (label, points) in enumerate(options, start=1):
        ScoringOption.objects.create(
            council=council, question=question, label=label, points=points, order=position
        )
    settings_record.matrix_version += 1
    settings_record.save()
    return question


@transaction.atomic
def improvement_settings_update(
    *,
    council: Council,
    public_submissions_per_hour: int,
    max_upload_mb: int,
    max_evidence_files: int,
    max_evidence_total_mb: int,
) -> ImprovementSettings:
    """The public form's limits: submissions an hour from one address; evidence per file, per
    request (files) and per request (MB, all files together)."""
    record = improvement_settings(council)
    record.public_submissions_per_hour = public_submissions_per_hour
    record.max_upload_mb = max_upload_mb
    record.max_evidence_files = max_evidence_files
    record.max_evidence_total_mb = max_evidence_total_mb
    record.full_clean()
    record.save()
    return record


# --- Intake: the public form's rate limit and the acknowledgement ---


class RateLimited(ImprovementError):
    """Too many public submissions from one address in the last hour."""


@transaction.atomic
def intake_attempt_record(*, council: Council, client: str, kind: str = "request") -> None:
    """Count one public submission from `client` (a hashed address), or refuse it if the
    council's hourly limit is reached. The count lives in the database, so it holds across
    any number of app servers."""
    limit = improvement_settings(council).public_submissions_per_hour
    since = timezone.now() - timedelta(hours=1)
    recent = IntakeAttempt.objects.filter(
        council=council, client=client, kind=kind, created__gte=since
    ).count()
    if recent >= limit:
        raise RateLimited(
            f"You have sent {limit} in the last hour from this connection. Try again later."
        )
    IntakeAttempt.objects.create(council=council, client=client, kind=kind)


def improvement_acknowledge(*, improvement: ImprovementRequest) -> bool:
    """E-mail the person who raised the request its reference. False if there is no address.

    The address was typed by whoever sent the form, signed in or not, so the e-mail carries
    only the council's own wording, the reference and the links: never the text they sent,
    or the form would mail anyone anything in the council's name."""
    if not improvement.contact_email:
        return False
    send_mail(
        subject=f"{improvement.reference}: we have your improvement request",
        message=(
            f"Thank you for raising an improvement request with {improvement.council}.\n\n"
            f"Your reference is {improvement.reference}.\n\n"
            "The Improvement Management team will review and score it, and decide which "
            "pathway it takes. Quote your reference if you contact us about it.\n\n"
            "Follow your request here (this link is yours: please do not share it):\n"
            f"{settings.SITE_URL}{status_url(improvement=improvement)}\n\n"
            "When the improvement is finished, tell us how it went:\n"
            f"{settings.SITE_URL}{rating_url(improvement=improvement)}"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[improvement.contact_email],
    )
    return True


# --- Scoring against the technical matrix ---


@transaction.atomic
def improvement_score(
    *,
    improvement: ImprovementRequest,
    answers: dict[int, int],
    actor: AbstractBaseUser | None,
) -> Score:
    """Score a request: `answers` maps each active question's id to the chosen option's id.

    Points are the option's points times the question's weight. The score keeps its breakdown
    and the matrix version; earlier scores stay as they were. The request's score becomes
    this one, and a submitted or triaged request moves on to scored.
    """
    council = improvement.council
    version = improvement_settings(council).matrix_version
    questions = list(
        ScoringQuestion.objects.filter(council=council, active=True).prefetch_related("options")
    )
    if not questions:
        raise ImprovementError("The technical matrix has no questions: add some first")
    breakdown, total = [], Decimal("0")
    for question in questions:
        option = next((o for o in question.options.all() if o.pk == answers.get(question.pk)), None)
        if option is None:
            raise ImprovementError(
                f"Select an answer to “{question.text}”", field=f"q{question.pk}"
            )
        points = (option.points * question.weight).quantize(CENTS)
        total += points
        breakdown.append({"question": question.text, "answer": option.label, "points": str(points)})
    current = ImprovementRequest.objects.select_for_update().get(pk=improvement.pk)
    _step_open(current, "score")
    score = Score.objects.create(
        council=council,
        improvement=current,
        matrix_version=version,
        total=total,
        breakdown=breakdown,
        scored_by=actor,
    )
    label = "Re-scored" if current.score is not None else "Scored"
    current.score = total
    _save(current, actor, f"{label}: {total:g} (technical matrix version {version})")
    for step in (Status.TRIAGED, Status.SCORED):
        if move_for(current.status, step) is not None:
            current = improvement_transition(improvement=current, to=step, actor=actor)
    improvement.score, improvement.status = current.score, current.status
    return score


# --- Pathway decision ---


def pathway_recommend(
    council: Council, answers: dict[int, bool]
) -> tuple[str, list[tuple[DecisionNode, bool]]]:
    """Walk the council's decision tree with yes/no `answers` (by question id).

    Returns the recommended pathway ("" if an answer on the way is missing) and the path taken.
    """
    nodes = {node.pk: node for node in DecisionNode.objects.filter(council=council)}
    if not nodes:
        return "", []
    node: DecisionNode | None = min(nodes.values(), key=lambda n: (n.order, n.pk))
    path: list[tuple[DecisionNode, bool]] = []
    while node is not None and len(path) <= len(nodes):
        if node.pk not in answers:
            return "", path
        yes = answers[node.pk]
        path.append((node, yes))
        pathway = node.yes_pathway if yes else node.no_pathway
        if pathway:
            return pathway, path
        next_id = node.yes_next_id if yes else node.no_next_id
        node = nodes.get(next_id) if next_id else None
    return "", path


@transaction.atomic
def improvement_decide_pathway(
    *,
    improvement: ImprovementRequest,
    answers: dict[int, bool],
    chosen: str,
    reason: str = "",
    champion: AbstractBaseUser | None = None,
    actor: AbstractBaseUser | None,
) -> PathwayDecision:
    """Record the pathway: the tree's recommendation, and the team's choice. Choosing another
    pathway than the one recommended needs a reason; both are kept."""
    recommended, path = pathway_recommend(improvement.council, answers)
    if not recommended:
        raise ImprovementError("Answer the triage questions to get a recommendation")
    if chosen not in Pathway.values:
        raise ImprovementError("Select a pathway", field="chosen")
    reason = reason.strip()
    if chosen != recommended and not reason:
        raise ImprovementError(
            f"Enter why you chose {Pathway(chosen).label} instead of the recommended "
            f"{Pathway(recommended).label}",
            field="reason",
        )
    current = ImprovementRequest.objects.select_for_update().get(pk=improvement.pk)
    _step_open(current, "pathway")
    decision = PathwayDecision.objects.create(
        council=current.council,
        improvement=current,
        answers=[{"question": node.text, "answer": "Yes" if yes else "No"} for node, yes in path],
        recommended=recommended,
        chosen=chosen,
        override_reason=reason,
        decided_by=actor,
    )
    current.pathway = chosen
    current.champion = champion if chosen == Pathway.GBC else None
    why = f"Pathway {chosen}" + (
        f" (recommended {recommended}: {reason})" if chosen != recommended else " (as recommended)"
    )
    _save(current, actor, why)
    improvement.pathway, improvement.champion = current.pathway, current.champion
    return decision


# --- Feasibility analysis ---


@transaction.atomic
def improvement_assess_feasibility(
    *,
    improvement: ImprovementRequest,
    answers: dict[int, tuple[bool, str]],
    outcome: str,
    on_hold_until: date | None = None,
    reason: str = "",
    actor: AbstractBaseUser | None,
) -> FeasibilityAssessment:
    """Record the feasibility analysis (each question: feasible yes/no and feedback) and its
    outcome: feasible (the request joins the waiting list), on hold until a date (the daily
    `release_holds` job brings it back then), or closed with a reason.

    The answers decide: any "No" makes the work not feasible unless the team records why it
    is feasible all the same (the reason, kept with the analysis and in the history).
    """
    council = improvement.council
    questions = list(FeasibilityQuestion.objects.filter(council=council))
    rows = []
    for question in questions:
        if question.pk not in answers:
            raise ImprovementError(
                f"Answer yes or no to “{question.text}”", field=f"feasible_{question.pk}"
            )
        feasible, feedback = answers[question.pk]
        rows.append(
            {
                "category": question.get_category_display(),
                "question": question.text,
                "feasible": feasible,
                "feedback": feedback.strip(),
            }
        )
    reason = reason.strip()
    noes = [row["question"] for row in rows if not row["feasible"]]
    if outcome == FeasibilityOutcome.ON_HOLD:
        if on_hold_until is None:
            raise ImprovementError("Enter the date it is on hold until", field="on_hold_until")
        if on_hold_until <= timezone.localdate():
            raise ImprovementError(
                "The date it is on hold until must be in the future", field="on_hold_until"
            )
    elif outcome == FeasibilityOutcome.CLOSED:
        if not reason:
            raise ImprovementError("Enter why it is closed", field="reason")
    elif outcome != FeasibilityOutcome.FEASIBLE:
        raise ImprovementError("Select the outcome", field="outcome")
    elif noes and not reason:
        count = len(noes)
        raise ImprovementError(
            f"{count} question{'s are' if count != 1 else ' is'} answered No, so it is not "
            "feasible: put it on hold or close it, or enter why it is feasible all the same",
            field="reason",
        )
    current = ImprovementRequest.objects.select_for_update().get(pk=improvement.pk)
    _step_open(current, "feasibility")
    if current.status in (Status.SCORED, Status.ON_HOLD):
        current = improvement_transition(improvement=current, to=Status.FEASIBILITY, actor=actor)
    assessment = FeasibilityAssessment.objects.create(
        council=council,
        improvement=current,
        answers=rows,
        outcome=outcome,
        on_hold_until=on_hold_until if outcome == FeasibilityOutcome.ON_HOLD else None,
        reason=reason,
        assessed_by=actor,
    )
    if outcome == FeasibilityOutcome.FEASIBLE:
        to, why = (
            Status.WAITING_LIST,
            "Feasible" + (f" despite {len(noes)} No: {reason}" if noes else ""),
        )
    elif outcome == FeasibilityOutcome.ON_HOLD:
        assert on_hold_until is not None
        to, why = Status.ON_HOLD, f"Not feasible yet: on hold until {on_hold_until:%-d %B %Y}"
        why += f". {reason}" if reason else ""
    else:
        to, why = Status.CLOSED, f"Not feasible: {reason}"
    if current.status != to:
        improvement_transition(improvement=current, to=to, actor=actor, reason=why)
    else:
        _save(current, actor, why)
    improvement.status = to
    return assessment


@transaction.atomic
def improvement_holds_release(*, council: Council, today: date) -> list[ImprovementRequest]:
    """Bring back each request whose feasibility analysis put it on hold until `today` or
    earlier: it returns to feasibility analysis, and the improvement team is reminded."""
    due = []
    for current in ImprovementRequest.objects.for_council(council).filter(status=Status.ON_HOLD):
        latest = FeasibilityAssessment.objects.filter(improvement=current).order_by("-pk").first()
        if latest is None or latest.on_hold_until is None or latest.on_hold_until > today:
            continue
        if improvement_unmet(current, move_for(Status.ON_HOLD, Status.FEASIBILITY)):  # type: ignore[arg-type]
            continue
        due.append(
            improvement_transition(
                improvement=current,
                to=Status.FEASIBILITY,
                actor=None,
                reason=f"Back from hold: it was on hold until {latest.on_hold_until:%-d %B %Y}",
            )
        )
    if due:
        team = people_who_may(council, "improvements.score")
        send_mail(
            subject=f"{len(due)} improvement request{'s' if len(due) != 1 else ''} back from hold",
            message=(
                "These requests were on hold until a date that has now come. Their feasibility "
                "analysis is due again:\n\n"
                + "\n".join(f"{item.reference}: {item.process_impacted}" for item in due)
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[person.email for person in team if person.email],
        )
    return due


# --- Delivery: DMAIC phase-completion returns and change requests ---


@transaction.atomic
def phase_completion_file(
    *,
    improvement: ImprovementRequest,
    templates_used: str,
    documentation_complete: bool,
    template_suggestions: str = "",
    communications_needed: str = "",
    actor: AbstractBaseUser | None,
) -> PhaseCompletionReturn:
    """File the phase-completion return for the request's current phase, which ends the phase
    and starts the next of its pathway's phases (after the last, all phases are complete)."""
    current = ImprovementRequest.objects.select_for_update().get(pk=improvement.pk)
    _step_open(current, "phase_return")
    phases = PATHWAYS[current.pathway].phases
    if current.phase not in phases:
        raise ImprovementError(
            f"{current.reference} is in delivery and all its phases are complete"
        )
    if not templates_used.strip():
        raise ImprovementError("Enter the templates used", field="templates_used")
    phase = Phase(current.phase)
    filed = PhaseCompletionReturn.objects.create(
        council=current.council,
        improvement=current,
        phase=phase,
        templates_used=templates_used.strip(),
        documentation_complete=documentation_complete,
        template_suggestions=template_suggestions.strip(),
        communications_needed=communications_needed.strip(),
        filed_by=actor,
    )
    position = phases.index(phase)
    current.phase = phases[position + 1] if position + 1 < len(phases) else Phase.DONE
    _save(current, actor, f"{phase.label} phase complete")
    improvement.phase = current.phase
    return filed


@transaction.atomic
def change_request_raise(
    *, improvement: ImprovementRequest, change: str, reason: str, actor: AbstractBaseUser | None
) -> ChangeRequest:
    """Log a change request on an improvement for the sponsor to decide."""
    _step_open(improvement, "change_request")
    if not change.strip():
        raise ImprovementError("Enter what needs to change", field="change")
    if not reason.strip():
        raise ImprovementError("Enter why it is needed", field="reason")
    record = ChangeRequest(
        council=improvement.council,
        improvement=improvement,
        change=change.strip(),
        reason=reason.strip(),
        raised_by=actor,
        raised_on=timezone.localdate(),
    )
    record._history_user = actor  # type: ignore[attr-defined]
    record.save()
    return record


@transaction.atomic
def change_request_decide(
    *, change_request: ChangeRequest, agree: bool, reason: str, actor: AbstractBaseUser | None
) -> ChangeRequest:
    """The sponsor agrees or declines a change request, with a reason; dated today."""
    current = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if current.decision != ChangeDecision.PENDING:
        raise ImprovementError(
            f"This change request was already {current.get_decision_display().lower()}"
        )
    if not reason.strip():
        raise ImprovementError("Enter the reason for the decision", field="decision_reason")
    current.decision = ChangeDecision.AGREED if agree else ChangeDecision.DECLINED
    current.decision_reason = reason.strip()
    current.decided_by = actor
    current.decided_on = timezone.localdate()
    current._history_user = actor  # type: ignore[attr-defined]
    current.save()
    return current


MAX_TAG = Tag._meta.get_field("name").max_length or 60


def tag_names(text: str) -> list[str]:
    """Comma-separated tag names, trimmed, each once (ignoring case); blank text is no tags.
    Raises ValueError for an empty name between commas or one that is too long."""
    if not text.strip():
        return []
    names: dict[str, str] = {}
    for part in text.split(","):
        name = " ".join(part.split())
        if not name:
            raise ValueError("Enter a tag name between each pair of commas")
        if len(name) > MAX_TAG:
            raise ValueError(f'Tag "{name}" must be {MAX_TAG} characters or fewer')
        names.setdefault(name.casefold(), name)
    return list(names.values())


def _tag_for(council: Council, name: str) -> Tag:
    """The council's tag of that name (any case), made if it has none."""
    found = Tag.objects.for_council(council).filter(name__iexact=name).first()
    if found is not None:
        return found
    base = slugify(name) or "tag"
    slug, suffix = base, 1
    while Tag.objects.for_council(council).filter(slug=slug).exists():
        suffix += 1
        slug = f"{base[: 60 - len(str(suffix)) - 1]}-{suffix}"
    return Tag.objects.create(council=council, name=name, slug=slug)


@transaction.atomic
def improvement_set_tags(
    *, improvement: ImprovementRequest, names: str | Sequence[str], actor: AbstractBaseUser | None
) -> list[Tag]:
    """Set an improvement's tags to these names (comma-separated, or a list), finding each in
    the improvement's council whatever its case or making it. An empty list clears them."""
    try:
        wanted = tag_names(names if isinstance(names, str) else ",".join(names))
    except ValueError as error:
        raise ImprovementError(str(error), field="tags") from error
    council = improvement.council
    lock_council(council)
    tags = [_tag_for(council, name) for name in wanted]
    improvement.tags.set(tags)
    shown = ", ".join(tag.name for tag in tags) or "none"
    _save(improvement, actor, f"Tags set to: {shown}")
    return tags


# --- Go-live sign-off, live, feedback and closure ---


@transaction.atomic
def improvement_sign_off_request(
    *, improvement: ImprovementRequest, owner: AbstractBaseUser, actor: AbstractBaseUser | None
) -> GoLiveSignOff:
    """The delivery team asks the named process owner to test the work and sign it off.

    Once every phase of its pathway is returned; the owner is e-mailed, and confirms on the
    sign-off page themselves (`improvement_sign_off_confirm`). An earlier request that was
    not confirmed is withdrawn.
    """
    current = ImprovementRequest.objects.select_for_update().get(pk=improvement.pk)
    _step_open(current, "sign_off")
    if not people_who_may(current.council, "improvements.sign_off").filter(pk=owner.pk).exists():
        raise ImprovementError(
            "Choose a process owner who may sign off improvements in this council",
            field="owner",
        )
    if not _phases_returned(current):
        raise GateNotMet(missing(current.reference, Status.SIGNED_OFF, ["phase_returns"]))
    current.sign_offs.filter(withdrawn=False, confirmed_at__isnull=True).update(withdrawn=True)
    name = _name(owner)
    record = GoLiveSignOff(
        council=current.council,
        improvement=current,
        owner=owner,
        process_owner=name,
        requested_by=actor,
        requested_on=timezone.localdate(),
    )
    record._history_user = actor  # type: ignore[attr-defined]
    record.save()
    _save(current, actor, f"Go-live sign-off requested from {name}")
    email = getattr(owner, "email", "")
    if email:
        send_mail(
            subject=f"{current.reference}: please test and sign off {current.process_impacted}",
            message=(
                f"{_name(actor) if actor else 'The improvement team'} asks you, as the process "
                f"owner, to sign off {current.reference}: {current.process_impacted}.\n\n"
                "Sign in and open its go-live sign-off page to confirm that you have carried out "
                "testing, that it is fully working and ready to go live, and the case retention "
                f"period:\n{settings.SITE_URL}{_confirm_url(current)}"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
        )
    return record


def _confirm_url(improvement: ImprovementRequest) -> str:
    return reverse("improvement-sign-off-confirm", kwargs={"number": f"{improvement.number:04d}"})


def _name(person: AbstractBaseUser) -> str:
    return person.get_full_name() or person.get_username()  # type: ignore[attr-defined,no-any-return]


@transaction.atomic
def improvement_sign_off_confirm(
    *,
    improvement: ImprovementRequest,
    testing_confirmed: bool,
    retention_unit: str,
    retention_number: int | None = None,
    actor: AbstractBaseUser | None,
) -> GoLiveSignOff:
    """The named process owner confirms testing was carried out and it is ready to go live,
    with the case retention period; the improvement is then signed off. Nobody else can."""
    current = ImprovementRequest.objects.select_for_update().get(pk=improvement.pk)
    record = current.sign_offs.filter(withdrawn=False, confirmed_at__isnull=True).first()
    if record is None or current.status != Status.IN_DELIVERY:
        raise IllegalTransition(
            f"Nobody has been asked to sign off {current.reference}: the delivery team "
            "requests the sign-off once every phase is complete"
        )
    if actor is None or actor.pk != record.owner_id:
        raise ImprovementError(
            f"Only {record.process_owner}, the process owner asked to sign off "
            f"{current.reference}, can confirm its go-live sign-off"
        )
    if not testing_confirmed:
        raise ImprovementError(
            "Confirm that you have carried out testing and it is ready to go live",
            field="testing_confirmed",
        )
    if retention_unit not in RetentionUnit.values:
        raise ImprovementError("Select the case retention period", field="retention_unit")
    if retention_unit != RetentionUnit.NOT_APPLICABLE and not retention_number:
        raise ImprovementError(
            "Enter the case retention period as a number", field="retention_number"
        )
    record.testing_confirmed = True
    record.retention_unit = retention_unit
    record.retention_number = (
        None if retention_unit == RetentionUnit.NOT_APPLICABLE else retention_number
    )
    record.signed_on = timezone.localdate()
    record.confirmed_at = timezone.now()
    record.recorded_by = actor
    record._history_user = actor  # type: ignore[attr-defined]
    record.save()
    improvement_transition(
        improvement=current,
        to=Status.SIGNED_OFF,
        actor=actor,
        reason=f"Go-live sign-off confirmed by {record.process_owner}, the process owner",
    )
    improvement.status = Status.SIGNED_OFF
    return record


# Finished work the person who raised it may rate: live (in use) or closed.
RATEABLE = frozenset({Status.LIVE, Status.CLOSED})


def _rating_signer() -> signing.Signer:
    return signing.Signer(salt="civicp3.improvements.rating")


def requester_token(*, improvement: ImprovementRequest) -> str:
    """The secret in the links of the request's acknowledgement (its status page and its
    feedback link): only the person who raised it holds it, so only they may follow and rate
    it (references are sequential and guessable)."""
    return _rating_signer().signature(f"{improvement.council_id}:{improvement.pk}")


def requester_token_valid(*, improvement: ImprovementRequest, token: str) -> bool:
    return constant_time_compare(requester_token(improvement=improvement), token)


def _requester_url(name: str, improvement: ImprovementRequest) -> str:
    return reverse(
        name,
        args=[
            improvement.council.slug,
            f"{improvement.number:04d}",
            requester_token(improvement=improvement),
        ],
    )


def rating_url(*, improvement: ImprovementRequest) -> str:
    """The feedback link (a path) the acknowledgement e-mail gives the person who raised it."""
    return _requester_url("improvement-rate", improvement)


def status_url(*, improvement: ImprovementRequest) -> str:
    """The status page link (a path) the acknowledgement e-mail gives the person who raised
    it, to follow the request without signing in."""
    return _requester_url("improvement-status", improvement)


@transaction.atomic
def rating_give(
    *, improvement: ImprovementRequest, token: str, stars: int, comment: str = ""
) -> Rating:
    """The requester's 1 to 5 star rating, with an optional comment, of the improvement's
    process, through the feedback link of their acknowledgement (`token`), once the work is
    finished (live or closed)."""
    if not requester_token_valid(improvement=improvement, token=token):
        raise ImprovementError("Use the feedback link in your acknowledgement e-mail")
    if improvement.status not in RATEABLE:
        raise ImprovementError(
            f"{improvement.reference} is not finished yet: rate it once it is live", field="stars"
        )
    if stars not in range(1, 6):
        raise ImprovementError("Select a rating from 1 to 5 stars", field="stars")
    return Rating.objects.create(
        council=improvement.council,
        improvement=improvement,
        stars=stars,
        comment=comment.strip()[:2000],
    )


def officer_time_value(hours: Decimal, hourly_cost: Decimal, on_cost_percent: Decimal) -> Decimal:
    """Pounds a year: hours saved a year at the hourly cost plus the on-cost percentage."""
    value = hours * hourly_cost * (Decimal("1") + on_cost_percent / Decimal("100"))
    return value.quantize(CENTS)


@transaction.atomic
def improvement_close_with_benefits(
    *,
    improvement: ImprovementRequest,
    hours_saved_per_year: Decimal,
    wage_rate: WageRate,
    one_off_costs: Decimal,
    cashable_savings: Decimal,
    online_form_delivered: bool,
    actor: AbstractBaseUser | None,
) -> Benefits:
    """Close a live improvement with its benefits. Officer hours (a year) are valued at the
    wage rate's hourly cost plus the council's on-cost; money in pounds."""
    council = improvement.council
    if wage_rate.council_id != council.pk:
        raise ImprovementError("Select one of this council's wage rates", field="wage_rate")
    for name, value in (
        ("hours_saved_per_year", hours_saved_per_year),
        ("one_off_costs", one_off_costs),
        ("cashable_savings", cashable_savings),
    ):
        if value < 0:
            raise ImprovementError("Enter a number of 0 or more", field=name)
    current = ImprovementRequest.objects.select_for_update().get(pk=improvement.pk)
    if current.status != Status.LIVE:
        raise IllegalTransition(
            "Benefits are recorded when a live improvement is closed. "
            f"{current.reference} is {WORDING[Status(current.status)].is_phrase}"
        )
    benefits = Benefits(
        council=council,
        improvement=current,
        hours_saved_per_year=hours_saved_per_year,
        wage_grade=wage_rate.grade,
        hourly_cost=wage_rate.hourly_cost,
        on_cost_percent=council.on_cost_percent,
        officer_time_value=officer_time_value(
            hours_saved_per_year, wage_rate.hourly_cost, council.on_cost_percent
        ),
        one_off_costs=one_off_costs,
        cashable_savings=cashable_savings,
        online_form_delivered=online_form_delivered,
        recorded_by=actor,
    )
    benefits._history_user = actor  # type: ignore[attr-defined]
    benefits.full_clean()
    benefits.save()
    improvement_transition(
        improvement=current,
        to=Status.CLOSED,
        actor=actor,
        reason=f"Closed with benefits: {hours_saved_per_year:g} officer hours a year saved",
    )
    improvement.status = Status.CLOSED
    return benefits


# --- Green belt champions: workshops and training ---


@transaction.atomic
def workshop_record(
    *,
    council: Council,
    held_on: date,
    attendance: str,
    improvements: Sequence[ImprovementRequest],
    lessons_learnt: str,
    actor: AbstractBaseUser | None,
) -> Workshop:
    """Log a champions' workshop: who attended, the projects discussed, lessons learnt."""
    if any(item.council_id != council.pk for item in improvements):
        raise ImprovementError("Choose improvements of this council", field="improvements")
    if not attendance.strip():
        raise ImprovementError("Enter who attended", field="attendance")
    workshop = Workshop(
        council=council,
        held_on=held_on,
        attendance=attendance.strip(),
        lessons_learnt=lessons_learnt.strip(),
    )
    workshop._history_user = actor  # type: ignore[attr-defined]
    workshop.save()
    workshop.improvements.set(improvements)
    return workshop


@transaction.atomic
def training_cohort_add(
    *, council: Council, belt: str, name: str, starts_on: date, ends_on: date | None
) -> TrainingCohort:
    cohort = TrainingCohort(
        council=council, belt=belt, name=name.strip(), starts_on=starts_on, ends_on=ends_on
    )
    if ends_on is not None and ends_on < starts_on:
        raise ImprovementError("The end date must be on or after the start date", field="ends_on")
    cohort.full_clean()
    cohort.save()
    return cohort


@transaction.atomic
def training_delegate_add(
    *, cohort: TrainingCohort, name: str, service_area: ServiceArea, completed: bool
) -> TrainingDelegate:
    if service_area.council_id != cohort.council_id:
        raise ImprovementError("Select one of this council's service areas", field="service_area")
    delegate = TrainingDelegate(
        council_id=cohort.council_id,
        cohort=cohort,
        name=name.strip(),
        service_area=service_area,
        completed=completed,
    )
    delegate.full_clean()
    delegate.save()
    return delegate


@transaction.atomic
def feasibility_question_save(
    *, council: Council, category: str, text: str, question: FeasibilityQuestion | None = None
) -> FeasibilityQuestion:
    """Add or change a feasibility question. Analyses already made keep their own copy."""
    if question is None:
        last = FeasibilityQuestion.objects.filter(council=council).order_by("-order").first()
        question = FeasibilityQuestion(council=council, order=(last.order + 1) if last else 1)
    elif question.council_id != council.pk:
        raise ImprovementError("That question is not part of this council's analysis")
    question.category, question.text = category, text.strip()
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def decision_node_save(
    *,
    node: DecisionNode,
    text: str,
    yes_next: DecisionNode | None,
    yes_pathway: str,
    no_next: DecisionNode | None,
    no_pathway: str,
) -> DecisionNode:
    """Change a question of the pathway decision tree. Each answer leads either to another
    question or to a pathway, never both, and the tree may not loop back on itself."""
    for answer, following, pathway in (("yes", yes_next, yes_pathway), ("no", no_next, no_pathway)):
        if bool(following) == bool(pathway):
            raise ImprovementError(
                f"Choose either the next question or a pathway for the answer {answer}",
                field=f"{answer}_pathway",
            )
        if following is not None and following.council_id != node.council_id:
            raise ImprovementError(
                "Choose a question of this council's tree", field=f"{answer}_next"
            )
    node.text, node.yes_next, node.yes_pathway = text.strip(), yes_next, yes_pathway
    node.no_next, node.no_pathway = no_next, no_pathway
    node.full_clean()
    node.save()
    nodes = {n.pk: n for n in DecisionNode.objects.filter(council_id=node.council_id)}
    for start in nodes.values():
        seen, waiting = set(), [start.pk]
        while waiting:
            current = waiting.pop()
            if current in seen:
                raise ImprovementError(
                    "The tree would loop back to a question already asked", field="yes_next"
                )
            seen.add(current)
            waiting += [n for n in (nodes[current].yes_next_id, nodes[current].no_next_id) if n]
    return node
