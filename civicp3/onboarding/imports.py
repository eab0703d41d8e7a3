"""The onboarding imports: each checks a kept file (the preview) and imports it, all or nothing.

The import itself runs as a background job (civicp3.jobs): `run_import` is its runner, and
reports the rows done as it goes. A refused file gives every bad row as "Row N, Column: reason".
"""

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, User
from django.urls import reverse

from civicp3.improvements import services as improvements
from civicp3.improvements import worklist
from civicp3.jobs.services import JobFailed, Outcome, Progress
from civicp3.lib.tabular import UnreadableFile, read_table
from civicp3.onboarding import services
from civicp3.onboarding.models import PendingUpload
from civicp3.onboarding.steps import BY_SLUG
from civicp3.organisation import services as organisation
from civicp3.organisation.models import Council
from civicp3.organisation.roles import Role


class ImportFailed(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Preview:
    summary: str
    headers: tuple[str, ...]
    rows: list[tuple[object, ...]]


# run(council, actor, upload, base_url, progress) -> what was done, in a sentence.
Run = Callable[[Council, AbstractBaseUser | None, PendingUpload, str, Progress], str]


@dataclass(frozen=True)
class Importer:
    columns: tuple[str, ...]
    column_hint: str
    check: Callable[[Council, PendingUpload], Preview]
    run: Run
    unit: str = "rows"


def _rows(upload: PendingUpload) -> list[list[str]]:
    try:
        return read_table(io.BytesIO(bytes(upload.data)))
    except UnreadableFile as error:
        raise ImportFailed([str(error)]) from error


def _refused(call: Callable[[], object]) -> object:
    try:
        return call()
    except organisation.ImportRefused as error:
        raise ImportFailed(error.errors) from error
    except improvements.ImportRejected as error:
        raise ImportFailed([str(e) for e in error.errors]) from error
    except services.OnboardingError as error:
        raise ImportFailed([error.message]) from error


def _areas(council: Council, upload: PendingUpload, check_only: bool) -> list[organisation.AreaRow]:
    rows = _rows(upload)
    return _refused(  # type: ignore[return-value]
        lambda: organisation.service_areas_import(council=council, rows=rows, check_only=check_only)
    )


def _areas_check(council: Council, upload: PendingUpload) -> Preview:
    found = _areas(council, upload, True)
    return Preview(
        f"{len(found)} service areas will be added or changed",
        ("Service area", "Directorate or AD area", "Monthly capacity (hours)", "Change"),
        [
            (r.service_area, r.directorate, r.monthly_capacity_hours, "New" if r.new else "Changed")
            for r in found
        ],
    )


def _areas_run(
    council: Council,
    actor: AbstractBaseUser | None,
    upload: PendingUpload,
    base_url: str,
    progress: Progress,
) -> str:
    return f"{len(_areas(council, upload, False))} service areas imported"


def _people(
    council: Council, upload: PendingUpload, check_only: bool
) -> list[tuple[organisation.PersonRow, User | None]]:
    rows = _rows(upload)
    return _refused(  # type: ignore[return-value]
        lambda: organisation.people_import(council=council, rows=rows, check_only=check_only)
    )


def _people_check(council: Council, upload: PendingUpload) -> Preview:
    found = _people(council, upload, True)
    labels = dict(Role.choices)
    return Preview(
        f"{len(found)} people will be added and sent an invitation email",
        ("Name", "Username", "Email address", "Roles"),
        [
            (
                f"{r.first_name} {r.last_name}",
                r.username,
                r.email,
                ", ".join(str(labels[role]) for role in r.roles),
            )
            for r, _ in found
        ],
    )


def _people_run(
    council: Council,
    actor: AbstractBaseUser | None,
    upload: PendingUpload,
    base_url: str,
    progress: Progress,
) -> str:
    added = _people(council, upload, False)
    for done, (_, user) in enumerate(added, start=1):
        assert user is not None
        services.invitation_send(user=user, council=council, base_url=base_url)
        progress(done, len(added), f"Sending invitation emails: {done} sent")
    return f"{len(added)} people added and sent an invitation email"


def _work_list(
    actor: AbstractBaseUser | None,
    council: Council,
    upload: PendingUpload,
    check_only: bool,
    progress: Progress | None = None,
) -> list[object]:
    rows = _rows(upload)
    return _refused(  # type: ignore[return-value]
        lambda: improvements.improvements_import(
            council=council,
            rows_or_file=rows,
            actor=actor,
            source_name=upload.name,
            check_only=check_only,
            progress=None
            if progress is None
            else lambda done, of: progress(done, of, f"{done} of {of} rows imported"),
        )
    )


def _work_list_check(council: Council, upload: PendingUpload) -> Preview:
    found = _work_list(None, council, upload, True)
    return Preview(
        f"{len(found)} improvement requests will be imported",
        ("Reference", "Process impacted", "Service area", "Score", "Pathway"),
        [
            (i.reference, i.process_impacted, i.service_area or "", i.score or "", i.pathway)  # type: ignore[attr-defined]
            for i in found
        ],
    )


def _work_list_run(
    council: Council,
    actor: AbstractBaseUser | None,
    upload: PendingUpload,
    base_url: str,
    progress: Progress,
) -> str:
    imported = _work_list(actor, council, upload, False, progress)
    return f"{len(imported)} improvement requests imported"


def _plan_check(council: Council, upload: PendingUpload) -> Preview:
    from civicp3.delivery import exchange

    try:
        imported = exchange.read_mspdi_upload(bytes(upload.data))
    except exchange.ImportProblem as error:
        raise ImportFailed(error.errors) from error
    tasks = imported.data["tasks"]
    target = upload.project.reference if upload.project else "a new project"
    return Preview(
        f"{len(tasks)} tasks from {imported.data['name'] or upload.name} will become the plan of "
        f"{target}",
        ("ID", "Task", "Duration (days)"),
        [(t["id"], t["name"], t["duration"]) for t in tasks],
    )


def _plan_run(
    council: Council,
    actor: AbstractBaseUser | None,
    upload: PendingUpload,
    base_url: str,
    progress: Progress,
) -> str:
    project = upload.project
    if project is None:
        raise ImportFailed(["Pick the project again: the one chosen no longer exists"])
    plan, count = _refused(  # type: ignore[misc]
        lambda: services.plan_import(project=project, data=bytes(upload.data), actor=actor)
    )
    return f"{count} tasks imported into the plan of {plan.project.reference}"


IMPORTERS: dict[str, Importer] = {
    "service-areas": Importer(
        organisation.AREA_COLUMNS,
        "Assistant director may be left blank. A service area already here is updated.",
        _areas_check,
        _areas_run,
    ),
    "people": Importer(
        organisation.PEOPLE_COLUMNS,
        "Separate several roles with a semicolon, for example: Project manager; Sponsor. "
        "The roles are: " + ", ".join(str(label) for _, label in Role.choices) + ".",
        _people_check,
        _people_run,
        unit="people",
    ),
    "work-list": Importer(
        tuple(worklist.HEADERS),
        "The layout of the improvement team's work list. AD areas and service areas must "
        "already be set up in the step before.",
        _work_list_check,
        _work_list_run,
    ),
    "plans": Importer(
        (),
        "A Microsoft Project XML (MSPDI) file. The plan replaces any plan the project has.",
        _plan_check,
        _plan_run,
        unit="tasks",
    ),
}


def run_import(
    *,
    council: Council,
    user: AbstractBaseUser | None,
    progress: Progress,
    upload_id: int,
    base_url: str,
) -> Outcome:
    """The job runner: check the kept file again, import it (all or nothing) and discard it."""
    upload = (
        PendingUpload.objects.for_council(council)  # type: ignore[attr-defined]
        .select_related("project")
        .filter(pk=upload_id)
        .first()
    )
    if upload is None:
        raise JobFailed(
            "The file was cancelled or replaced before it could be imported: nothing was imported"
        )
    step = BY_SLUG[upload.step]
    importer = IMPORTERS[upload.step]
    try:
        total = len(importer.check(council, upload).rows)
        progress(0, total, f"Importing {total} {importer.unit} from {upload.name or 'the file'}")
        message = importer.run(council, user, upload, base_url, progress)
    except ImportFailed as error:
        count = len(error.errors)
        raise JobFailed(
            f"Nothing was imported: the file has {count} problem{'s' if count != 1 else ''}",
            error.errors,
        ) from error
    finally:
        services.upload_discard(council=council, step=upload.step)
    services.step_mark(council=council, step=upload.step, completed=False)
    progress(total, total, message)
    return Outcome(
        message,
        url=reverse("onboarding-step", kwargs={"slug": upload.step}),
        url_label=f"Back to the step: {step.title}",
    )
