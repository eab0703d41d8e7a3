"""The daily reminder for each person: what their home page's attention panel lists today."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from civicp3.organisation.models import Council, Membership
from civicp3.performance.attention import attention
from civicp3.reminders.sources import Due, register


@register("attention", "What needs your attention")
def attention_due(council: Council, today: date) -> Iterator[Due]:
    roles: dict[int, set[str]] = defaultdict(set)
    people = {}
    for membership in Membership.objects.filter(council=council).select_related("user"):
        if membership.user.is_active and membership.user.email:
            roles[membership.user_id].add(membership.role)
            people[membership.user_id] = membership.user
    for user_id, user_roles in roles.items():
        for item in attention(council, frozenset(user_roles), today, user=people[user_id]):
            # One reminder a day for as long as it is waiting.
            key = f"{today.isoformat()}:{item.url}:{item.label}"[:200]
            yield Due(people[user_id], key, item.label, item.url, today)
