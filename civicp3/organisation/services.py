"""Every change to councils, their structure and their people goes through these functions.

Each runs in a transaction; django-simple-history records who changed what (the request's
user, set by its middleware, or `actor` where given).
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from civicp3.organisation.models import Council, CouncilOwned, Membership
from civicp3.organisation.roles import Role


@transaction.atomic
def council_update(*, council: Council, fields: Mapping[str, Any]) -> Council:
    """Change a council's details and working-day settings."""
    for name, value in fields.items():
        setattr(council, name, value)
    council.full_clean()
    council.save()
    return council


@transaction.atomic
def council_record_save(*, council: Council, record: CouncilOwned) -> CouncilOwned:
    """Add or change one council-owned setting (directorate, service area, priority, board,
    board member or wage rate). The record is checked in full, including its unique names
    within the council, before it is written."""
    record.council = council
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def person_save(
    *,
    council: Council,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    roles: Iterable[str],
    user: User | None = None,
) -> User:
    """Add a person to a council (or change one already in it) with exactly `roles`.

    A new person gets no usable password: they set one from an invitation.
    """
    if user is None:
        user = User(username=username)
        user.set_unusable_password()
    user.first_name, user.last_name, user.email = first_name, last_name, email
    user.full_clean(exclude=["password"])
    user.save()
    wanted = {Role(role) for role in roles}
    Membership.objects.filter(council=council, user=user).exclude(role__in=wanted).delete()
    for role in wanted:
        Membership.objects.get_or_create(council=council, user=user, role=role)
    return user


def lock_council(council: Council) -> None:
    """Serialise reference numbers and duplicate checks within one council.

    Call inside a transaction. On PostgreSQL this locks the council's row; SQLite's IMMEDIATE
    transactions already serialise every writer.
    """
    Council.objects.select_for_update().filter(pk=council.pk).exists()


def next_number(model: type[CouncilOwned], council: Council) -> int:
    """The council's next reference number for `model` (which has a `number` field).

    Call after `lock_council` in the same transaction, so two people never get the same number.
    """
    last = model.objects.filter(council=council).aggregate(Max("number"))["number__max"]  # type: ignore[attr-defined]
    return (last or 0) + 1
