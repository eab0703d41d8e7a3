"""The long work other apps hand to a job: each runner does the work through that app's own
services and reports its progress. (Onboarding keeps its runner in civicp3/onboarding/imports.py.)
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.storage import default_storage
from django.urls import reverse

from civicp3.jobs.services import JobFailed, Outcome, Progress
from civicp3.lib.tabular import UnreadableFile, read_table
from civicp3.organisation.models import Council

DOCUMENT_FORMATS = {"pdf": "PDF", "docx": "Word (DOCX)"}


def data_rows(rows: list[list[str]]) -> int:
    """How many rows hold data: the non-empty rows after the heading row."""
    return max(0, sum(1 for row in rows if any(row)) - 1)


def work_list_import(
    *,
    council: Council,
    user: AbstractBaseUser | None,
    progress: Progress,
    path: str,
    source_name: str,
) -> Outcome:
    """Import a checked work list kept in the default storage (all or nothing), then delete it."""
    from civicp3.improvements import services

    try:
        with default_storage.open(path, "rb") as handle:
            rows = read_table(handle)
    except FileNotFoundError as error:
        raise JobFailed(
            "The uploaded file is no longer here: upload the work list again"
        ) from error
    except UnreadableFile as error:
        raise JobFailed(str(error)) from error
    total = data_rows(rows)
    progress(0, total, f"Checking and importing {total} rows from {source_name or 'the file'}")
    try:
        created = services.improvements_import(
            council=council,
            rows_or_file=rows,
            actor=user,
            source_name=source_name,
            progress=lambda done, of: progress(done, of, f"{done} of {of} rows imported"),
        )
    except services.ImportRejected as error:
        raise JobFailed(str(error), [str(problem) for problem in error.errors]) from error
    finally:
        default_storage.delete(path)
    progress(total, total, f"{len(created)} improvement requests imported")
    return Outcome(
        f"{len(created)} improvement request{'s' if len(created) != 1 else ''} imported",
        url=reverse("improvement-waiting-list"),
        url_label="Go to the improvement waiting list",
    )


def productivity_document(
    *,
    council: Council,
    user: AbstractBaseUser | None,
    progress: Progress,
    plan_id: int,
    fmt: str,
) -> Outcome:
    """Render a Productivity Plan as a PDF or Word file."""
    from civicp3.productivity import selectors
    from civicp3.productivity.documents import PRINT_TEMPLATE, plan_document
    from civicp3.reports.render import render_docx, render_pdf

    if fmt not in DOCUMENT_FORMATS:
        raise JobFailed("Plans can be prepared as a PDF or a Word (DOCX) file only")
    plan = selectors.plans_for(council).filter(pk=plan_id).first()
    if plan is None:
        raise JobFailed("The plan has been deleted, so there is nothing to prepare")
    progress(0, 3, "Gathering the plan's evidence and text")
    document = plan_document(plan)
    progress(1, 3, "Laying out the pages" if fmt == "pdf" else "Writing the Word file")
    data = (
        render_pdf(PRINT_TEMPLATE, {"document": document})
        if fmt == "pdf"
        else render_docx(document)
    )
    progress(2, 3, "Saving the file")
    return Outcome(
        f"{plan.title} is ready as a {DOCUMENT_FORMATS[fmt]} file",
        file_name=f"productivity-plan-{council.slug}-{plan.pk}.{fmt}",
        file_data=data,
    )
