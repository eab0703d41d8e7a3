"""Reads of councils, their structure and their people."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, User
from django.db.models import Count, Prefetch, Q, QuerySet

from civicp3.organisation.models import (
    Board,
    BoardMember,
    Council,
    Membership,
    ServiceArea,
)


@dataclass(frozen=True)
class CouncilContext:
    council: Council | None
    roles: frozenset[str]
    councils: tuple[Council, ...]


def council_context_for(
    user: AbstractBaseUser, council_id: object, scope: Q | None = None
) -> CouncilContext:
    """The person's councils, the current one (the chosen id if they belong to it) and roles.

    `scope` limits the memberships counted (how the person signed in may open only some).
    """
    memberships = list(
        Membership.objects.filter(user=user).filter(scope or Q()).select_related("council")
    )
    councils = tuple(sorted({m.council for m in memberships}, key=lambda c: c.name))
    if not councils:
        return CouncilContext(council=None, roles=frozenset(), councils=())
    current = next((c for c in councils if c.pk == council_id), councils[0])
    roles = frozenset(m.role for m in memberships if m.council_id == current.pk)
    return CouncilContext(council=current, roles=roles, councils=councils)


def roles_in(council: Council, user: AbstractBaseUser) -> frozenset[str]:
    """The roles `user` holds in `council` (none if they do not belong to it)."""
    return frozenset(
        Membership.objects.filter(council=council, user=user).values_list("role", flat=True)
    )


def service_areas_for(council: Council) -> QuerySet[ServiceArea]:
    return ServiceArea.objects.for_council(council).select_related("directorate")


def boards_for(council: Council) -> QuerySet[Board]:
    return (
        Board.objects.for_council(council)
        .annotate(member_count=Count("members"))
        .prefetch_related(Prefetch("members", queryset=BoardMember.objects.select_related("user")))
    )


def people_for(council: Council) -> QuerySet[User]:
    """Everyone with a role in the council, each with `council_memberships` prefetched."""
    return (
        User.objects.filter(memberships__council=council)
        .distinct()
        .order_by("last_name", "first_name", "username")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(council=council),
                to_attr="council_memberships",
            )
        )
    )


@dataclass(frozen=True)
class HistoryRow:
    when: object
    who: str
    action: str
    changes: tuple[tuple[str, str, str], ...]


_ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def history_of(record: Any) -> list[HistoryRow]:
    """Who changed what and when on a record with django-simple-history, newest first."""
    versions = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    rows = []
    for index, version in enumerate(versions):
        changes: tuple[tuple[str, str, str], ...] = ()
        older = versions[index + 1] if index + 1 < len(versions) else None
        if older is not None and version.history_type == "~":
            delta = version.diff_against(older, foreign_keys_are_objs=True)
            changes = tuple(
                (
                    str(record._meta.get_field(change.field).verbose_name).capitalize(),
                    _shown(change.old),
                    _shown(change.new),
                )
                for change in delta.changes
            )
        user = version.history_user
        rows.append(
            HistoryRow(
                when=version.history_date,
                who=(user.get_full_name() or user.username) if user else "System",
                action=_ACTIONS.get(version.history_type, version.history_type),
                changes=changes,
            )
        )
    return rows


def _shown(value: object) -> str:
    return "(blank)" if value in (None, "") else str(value)
