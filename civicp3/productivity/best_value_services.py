"""Every change to a Best Value self-assessment and its characteristics goes through these
functions: each in a transaction, refusing with a `PlanError` that names the field."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from civicp3.organisation.models import Council
from civicp3.organisation.services import ImportRefused, _table
from civicp3.productivity import best_value
from civicp3.productivity.models import (
    Assessment,
    Characteristic,
    Plan,
    PlanStatus,
    ReturnTemplate,
    Theme,
)
from civicp3.productivity.services import (
    Actor,
    PlanError,
    _require_editable,
    _snapshot,
    plan_create,
)

CHARACTERISTIC_COLUMNS = ("Theme", "Characteristic")
MAX_TEXT = 500


def _best_value_template(council: Council) -> ReturnTemplate:
    """The council's Best Value template, created (with the seven themes and the sample
    characteristics) the first time the council starts a self-assessment."""
    template, created = ReturnTemplate.objects.get_or_create(
        council=council,
        name=best_value.BEST_VALUE,
        defaults={
            "requested_by": best_value.REQUESTED_BY,
            "introduction": best_value.INTRODUCTION,
            "min_pages": 1,
            "max_pages": 40,
            "built_in": True,
            "submitted": False,
            "ratings": list(best_value.SAMPLE_RATINGS),
        },
    )
    if created:
        for order, (title, prompt, evidence, samples) in enumerate(best_value.THEMES, start=1):
            theme = Theme.objects.create(
                council=council,
                template=template,
                order=order,
                title=title,
                prompt=prompt,
                evidence=list(evidence),
            )
            Characteristic.objects.bulk_create(
                Characteristic(council=council, theme=theme, order=n, text=text, sample=True)
                for n, text in enumerate(samples, start=1)
            )
    return template


@transaction.atomic
def self_assessment_start(*, council: Council, title: str, actor: Actor = None) -> Plan:
    """A new self-assessment in draft against the council's Best Value template."""
    if not title.strip():
        raise PlanError("Enter a title", field="title")
    template = _best_value_template(council)
    return plan_create(council=council, template=template, title=title.strip(), actor=actor)


@transaction.atomic
def assessment_save(
    *, plan: Plan, theme: Theme, values: dict[int, tuple[str, str]], actor: Actor = None
) -> Plan:
    """Rate the theme's characteristics: `values` maps a characteristic's id to its (rating,
    narrative); a rating must be one of the template's, or blank for not yet rated."""
    plan = Plan.objects.select_for_update(of=("self",)).select_related("template").get(pk=plan.pk)
    _require_editable(plan)
    if theme.template_id != plan.template_id:
        raise PlanError("Select one of the self-assessment's themes", field="theme")
    allowed = set(plan.template.ratings)
    characteristics = {c.pk: c for c in theme.characteristics.all()}
    for pk, (rating, narrative) in values.items():
        if pk not in characteristics:
            raise PlanError("Select one of the theme's characteristics", field=f"rating_{pk}")
        if rating and rating not in allowed:
            raise PlanError(
                f"Select a rating for “{characteristics[pk].text}”", field=f"rating_{pk}"
            )
        Assessment.objects.update_or_create(
            plan=plan,
            characteristic_id=pk,
            defaults={"council": plan.council, "rating": rating, "narrative": narrative},
        )
    _snapshot(plan, f"Ratings saved: {theme.title}", actor)
    return plan


def _check_text(text: str, field: str) -> str:
    text = text.strip()
    if not text:
        raise PlanError("Enter the characteristic", field=field)
    if len(text) > MAX_TEXT:
        raise PlanError(f"The characteristic must be {MAX_TEXT} characters or fewer", field=field)
    return text


@transaction.atomic
def characteristic_add(*, theme: Theme, text: str) -> Characteristic:
    """A characteristic at the end of the theme."""
    text = _check_text(text, "text")
    last = theme.characteristics.aggregate(n=Max("order"))["n"] or 0
    return Characteristic.objects.create(
        council=theme.council, theme=theme, order=last + 1, text=text
    )


@transaction.atomic
def characteristic_update(*, characteristic: Characteristic, text: str) -> Characteristic:
    """Reword a characteristic: it is then the council's own, no longer the sample's."""
    characteristic.text = _check_text(text, "text")
    characteristic.sample = False
    characteristic.save(update_fields=["text", "sample"])
    return characteristic


@transaction.atomic
def characteristic_remove(*, characteristic: Characteristic) -> None:
    """Remove a characteristic no self-assessment in progress has rated."""
    rated = characteristic.assessments.exclude(plan__status=PlanStatus.PUBLISHED)
    if rated.exists():
        raise PlanError(
            "A self-assessment in progress has rated this characteristic: it cannot be removed"
        )
    characteristic.delete()


@dataclass(frozen=True)
class CharacteristicRow:
    theme: Theme
    text: str


def _check_characteristics(
    template: ReturnTemplate, rows: Sequence[Sequence[str]]
) -> list[CharacteristicRow]:
    data, errors = _table(rows, CHARACTERISTIC_COLUMNS, set())
    themes = {theme.title.lower(): theme for theme in template.themes.all()}
    found = []
    seen: dict[tuple[int, str], int] = {}
    for number, cells in data:
        title, text = cells["Theme"], cells["Characteristic"]
        theme = themes.get(title.lower())
        if not title:
            errors.append(f"Row {number}, Theme: Enter the theme")
        elif theme is None:
            errors.append(
                f'Row {number}, Theme: "{title}" is not one of the themes: '
                + ", ".join(t.title for t in template.themes.all())
            )
        if not text:
            errors.append(f"Row {number}, Characteristic: Enter the characteristic")
        elif len(text) > MAX_TEXT:
            errors.append(f"Row {number}, Characteristic: Must be {MAX_TEXT} characters or fewer")
        if theme is not None and text:
            key = (theme.pk, text.lower())
            if key in seen:
                errors.append(
                    f"Row {number}, Characteristic: already on row {seen[key]} under {theme.title}"
                )
            seen.setdefault(key, number)
            found.append(CharacteristicRow(theme, text))
    if errors:
        raise ImportRefused(errors)
    return found


@transaction.atomic
def characteristics_import(
    *, template: ReturnTemplate, rows: Sequence[Sequence[str]]
) -> list[Characteristic]:
    """Replace the template's characteristics with the council's own list (columns Theme,
    Characteristic, in order). All or nothing: `ImportRefused` names every bad cell; refused
    too while a self-assessment in progress has rated the current list."""
    found = _check_characteristics(template, rows)
    in_progress = Assessment.objects.filter(characteristic__theme__template=template).exclude(
        plan__status=PlanStatus.PUBLISHED
    )
    if in_progress.exists():
        raise ImportRefused(
            [
                "A self-assessment in progress has rated the current characteristics: publish "
                "it first, or change its characteristics one at a time"
            ]
        )
    Characteristic.objects.filter(theme__template=template).delete()
    orders: dict[int, int] = {}
    created = []
    for row in found:
        orders[row.theme.pk] = orders.get(row.theme.pk, 0) + 1
        created.append(
            Characteristic(
                council=template.council, theme=row.theme, order=orders[row.theme.pk], text=row.text
            )
        )
    return Characteristic.objects.bulk_create(created)
