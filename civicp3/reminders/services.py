"""Finding what is due and sending each person one digest, each reminder exactly once."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from civicp3.organisation.models import Council
from civicp3.reminders.models import Reminder
from civicp3.reminders.sources import SOURCES


@dataclass(frozen=True)
class Run:
    found: int
    new: int
    sent_reminders: int
    digests: int


def reminders_collect(council: Council, today: date) -> tuple[int, int]:
    """Record every reminder due in `council`; one already recorded is left as it is."""
    found = [
        Reminder(
            council=council,
            user=item.user,
            kind=registered.kind,
            key=item.key,
            text=item.text,
            url=item.url,
            due=item.due,
        )
        for registered in SOURCES.values()
        for item in registered.find(council, today)
    ]
    before = Reminder.objects.for_council(council).count()  # type: ignore[attr-defined]
    Reminder.objects.bulk_create(found, ignore_conflicts=True)
    return len(found), Reminder.objects.for_council(council).count() - before  # type: ignore[attr-defined]


def reminders_send(today: date) -> tuple[int, int]:
    """Send each person a digest of their unsent reminders; returns (reminders, digests).

    The reminders are claimed with SELECT … FOR UPDATE SKIP LOCKED and marked sent in the same
    transaction as the e-mail goes, so a second run at the same time skips them, and a failed
    e-mail leaves them unsent for the next run.
    """
    with transaction.atomic():
        claimed = list(
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(sent__isnull=True, done__isnull=True)
            .select_related("user", "council")
        )
        by_person: dict[int, list[Reminder]] = defaultdict(list)
        for reminder in claimed:
            by_person[reminder.user_id].append(reminder)
        for reminders in by_person.values():
            person = reminders[0].user
            if not person.email:
                continue
            body = render_to_string(
                "reminders/digest.txt",
                {"person": person, "reminders": reminders, "site": settings.SITE_URL},
            )
            count = len(reminders)
            send_mail(
                f"Civic P3: {count} {'thing needs' if count == 1 else 'things need'} "
                "your attention",
                body,
                None,
                [person.email],
            )
        Reminder.objects.filter(pk__in=[r.pk for r in claimed]).update(sent=timezone.now())
    return len(claimed), sum(1 for r in by_person.values() if r[0].user.email)


def reminders_run(today: date) -> Run:
    found = new = 0
    for council in Council.objects.all():
        f, n = reminders_collect(council, today)
        found, new = found + f, new + n
    sent, digests = reminders_send(today)
    return Run(found=found, new=new, sent_reminders=sent, digests=digests)
