"""Reminders to the PMO as a document of record's deadline nears and after it passes."""

from collections.abc import Iterator
from datetime import date

from civicp3.organisation.models import Council, Membership
from civicp3.organisation.roles import Role
from civicp3.productivity.selectors import deadlines
from civicp3.reminders.sources import Due, register


@register("document_deadlines", "Submission, update and review deadlines")
def document_deadlines(council: Council, today: date) -> Iterator[Due]:
    people = [
        membership.user
        for membership in Membership.objects.filter(council=council, role=Role.PMO)
        .select_related("user")
        .order_by("user_id")
        if membership.user.is_active and membership.user.email
    ]
    for deadline in deadlines(council, today):
        late = deadline.passed(today)
        # Once as the deadline nears and once after it has passed.
        key = f"{deadline.url}:{deadline.due.isoformat()}:{'late' if late else 'near'}"[:200]
        for user in people:
            yield Due(user, key, deadline.text(today), deadline.url, deadline.due)
