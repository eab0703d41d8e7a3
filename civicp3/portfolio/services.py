"""Every change to the P3 register goes through here, inside a transaction, with history."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from civicp3.organisation.models import Council
from civicp3.organisation.services import lock_council, next_number
from civicp3.portfolio.models import Kind, Project


class ProjectError(Exception):
    """A change the register cannot make; the message is shown to the person."""


@transaction.atomic
def project_create(
    *,
    council: Council,
    title: str,
    kind: str = Kind.PROJECT,
    parent: Project | None = None,
    summary: str = "",
    committed_finish: date | None = None,
    actor: AbstractBaseUser | None = None,
) -> Project:
    """Put a new piece of work on the register with the council's next PRJ reference."""
    if parent is not None and parent.council_id != council.pk:
        raise ProjectError(f"{parent} is not part of {council}")
    lock_council(council)
    project = Project(
        council=council,
        number=next_number(Project, council),
        title=title,
        kind=kind,
        parent=parent,
        summary=summary,
        committed_finish=committed_finish,
    )
    project._history_user = actor  # type: ignore[attr-defined]
    try:
        project.full_clean()
    except ValidationError as error:
        raise ProjectError("; ".join(error.messages)) from error
    project.save()
    return project
