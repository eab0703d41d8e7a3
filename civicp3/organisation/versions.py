"""Optimistic concurrency for edit forms, as board decisions have it (`stage_seen`): the page
carries the version of the record the person saw; the service locks the row and, if the record
changed since, refuses the save, naming who changed what and showing the values now, so a later
save never silently overwrites an earlier one. The person's own values stay on the form.

A record's version is the id of its latest history row (django-simple-history), so every
record with `history = HistoricalRecords()` has one without a new column.
"""

from typing import Any

from django.utils import timezone

SHOWN = 80  # characters of a changed value shown in the message


def version_of(record: Any) -> int:
    """The record's version now: its latest history row's id, 0 if it has none (or is new)."""
    if record is None or record.pk is None:
        return 0
    latest = record.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return int(latest or 0)


def _shown(value: object) -> str:
    text = "blank" if value in (None, "") else str(value)
    return text if len(text) <= SHOWN else f"{text[: SHOWN - 1]}…"


def overtaken(record: Any, seen: int | None, noun: str) -> str | None:
    """Why a save made on version `seen` of `record` must not go ahead, or None if it may.

    Call it with the record locked (select_for_update). `seen` None means the caller does not
    check (an import, or the API before it sends versions)."""
    if seen is None or record is None or record.pk is None or version_of(record) == seen:
        return None
    latest = record.history.select_related("history_user").order_by("-history_id").first()
    before = record.history.filter(history_id=seen).first()
    if before is not None:
        changes = [(c.field, c.new) for c in latest.diff_against(before).changes]
    else:
        fields = [f.name for f in record._meta.concrete_fields if not f.primary_key]
        changes = [(name, getattr(latest, name, "")) for name in fields]
    labels = {f.name: str(f.verbose_name) for f in record._meta.fields}
    shown = [
        f"{labels.get(field, field)} is now “{_shown(value)}”"
        for field, value in changes
        if field not in {"council", "project", "number"}
    ]
    person = latest.history_user
    who = (person.get_full_name() or person.get_username()) if person else "Someone"
    when = timezone.localtime(latest.history_date).strftime("%H:%M on %-d %B %Y")
    what = "; ".join(shown) if shown else "no field you can see changed"
    return (
        f"{who} changed this {noun} at {when} while you were editing it ({what}). Your "
        "changes are below and are not saved: check them against theirs and save again"
    )
