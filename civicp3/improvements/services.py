"""Every change to improvement requests goes through these functions.

Each runs in a transaction and records who did it (and why, where a reason is given) in the
request's history. Refusals are domain errors (`ImprovementError` and its kinds) that a page
shows as a GOV.UK error summary and a command prints; they are never a 500.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from civicp3.improvements import worklist
from civicp3.improvements.lifecycle import NEEDS_REASON, TRANSITIONS, WORDING, Status, refusal
from civicp3.improvements.models import FormRequired, ImprovementRequest, Pathway
from civicp3.improvements.tabular import UnreadableFile, read_table
from civicp3.organisation.models import Council, Directorate, ServiceArea
from civicp3.organisation.services import lock_council, next_number

MAX_SCORE = Decimal("99999.99")
Named = TypeVar("Named", Directorate, ServiceArea)


class ImprovementError(Exception):
    """A change the rules refuse. `field` names the form field at fault, if there is one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class IllegalTransition(ImprovementError):
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
) -> ImprovementRequest:
    """Record a new improvement request (status submitted) with the council's next reference."""
    for record in (service_area, directorate):
        if record is not None and record.council_id != council.pk:
            raise ImprovementError(f"{record} is not part of {council}")
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

    Raises IllegalTransition for a move the table does not allow, and ImprovementError when
    the move needs something first (a reason, a score, a pathway). The reason is kept in the
    request's history.
    """
    try:
        wanted = Status(to)
    except ValueError:
        raise ImprovementError(f"{to!r} is not a status an improvement can have") from None
    # Re-read under a lock so two people moving the same request cannot both succeed.
    current = ImprovementRequest.objects.select_for_update().get(pk=improvement.pk)
    if wanted not in TRANSITIONS[Status(current.status)]:
        raise IllegalTransition(refusal(current.status, wanted))
    reason = reason.strip()
    if wanted in NEEDS_REASON and not reason:
        raise ImprovementError(
            f"Enter why {current.reference} should {WORDING[wanted].verb}", field="reason"
        )
    if wanted in (Status.SCORED, Status.WAITING_LIST) and current.score is None:
        raise ImprovementError(f"Score {current.reference} before it can {WORDING[wanted].verb}")
    if wanted == Status.WAITING_LIST and not current.pathway:
        raise ImprovementError(
            f"Choose a pathway for {current.reference} before it can join the waiting list"
        )
    current.status = wanted
    _save(current, actor, reason or wanted.label)
    improvement.status = current.status
    return current


def improvements_import(
    *,
    council: Council,
    rows_or_file: str | Path | IO[bytes] | Sequence[Sequence[str]],
    actor: AbstractBaseUser | None,
    source_name: str = "",
) -> list[ImprovementRequest]:
    """Import a work list in the seed's layout (CSV, XLSX, or rows with a header row first).

    All or nothing: every row is checked, and if any is bad ImportRejected lists each problem
    by row and column and nothing is written. Rows with a score and a pathway join the waiting
    list; references are given in the file's order, which keeps the file's order among equal
    scores. A row that repeats a request the council already has (same process impacted and
    problem statement, ignoring case and spacing) is refused, so importing a file twice
    writes nothing the second time.
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
        for row_number, improvement in parsed:
            improvement.number = number
            improvement.import_file = source_name[:255]
            improvement.import_row = row_number
            improvement.raised_by = None
            _save(improvement, actor, f"Imported from {source_name or 'a work list'}")
            created.append(improvement)
            number += 1
        return created


def _check_rows(
    council: Council, rows: list[list[str]]
) -> tuple[list[tuple[int, ImprovementRequest]], list[RowError]]:
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
    parsed: list[tuple[int, ImprovementRequest]] = []
    for row_number, row in numbered[1:]:
        cells = {key: row[pos] if pos < len(row) else "" for key, pos in positions.items()}
        improvement, row_errors = _check_row(council, row_number, cells, lookups)
        errors.extend(row_errors)
        if improvement is not None:
            parsed.append((row_number, improvement))
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
) -> tuple[ImprovementRequest | None, list[RowError]]:
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

    if errors:
        return None, errors
    if score is not None and pathway:
        status = Status.WAITING_LIST
    elif score is not None:
        status = Status.SCORED
    elif pathway:
        status = Status.TRIAGED
    else:
        status = Status.SUBMITTED
    return (
        ImprovementRequest(
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
            status=status,
        ),
        [],
    )
