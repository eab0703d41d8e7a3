"""The built-in return: the 2024 Productivity Plan, its four themes as the government set them.

A council gets its own copy (data it may edit, or add to with another template such as a
report against the Local Outcomes Framework); `ensure_templates` creates it once.
"""

from datetime import date

from django.db import transaction

from civicp3.organisation.models import Council
from civicp3.productivity.models import ReturnTemplate, Theme

PRODUCTIVITY_PLAN_2024 = "Productivity Plan 2024"

THEMES_2024: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "How you have transformed the way you design and deliver services to make better use "
        "of resources",
        "Set out what you have done in recent years, alongside your current plans, to transform "
        "your organisation and services.",
        ("improvements_delivered", "hours_and_money_saved", "projects_by_priority"),
    ),
    (
        "How you plan to take advantage of technology and make better use of data to improve "
        "decision making, service design and use of resources",
        "Include channel shift to online services, and your technology and data projects.",
        ("channel_shift", "technology_projects"),
    ),
    (
        "Your plans to reduce wasteful spend within your organisation and systems",
        "Include spend on consultants, discretionary spend such as staff EDI programmes and "
        "trade union facility time, and the savings you have realised and plan to realise.",
        ("savings_realised_planned",),
    ),
    (
        "The barriers preventing progress that the Government can help to reduce or remove",
        "Name the barriers, and what the Government could do to reduce or remove them.",
        (),
    ),
)


@transaction.atomic
def ensure_templates(council: Council) -> ReturnTemplate:
    """The council's built-in 2024 Productivity Plan template (created the first time)."""
    template, created = ReturnTemplate.objects.get_or_create(
        council=council,
        name=PRODUCTIVITY_PLAN_2024,
        defaults={
            "requested_by": "Department for Levelling Up, Housing and Communities (DLUHC)",
            "introduction": (
                "The Minister for Local Government wrote to Local Authority Chief Executives on "
                "16 April 2024 requesting a Productivity Plan: three to four pages, with Member "
                "oversight and endorsement before it is submitted and published on the "
                "council's website."
            ),
            "deadline": date(2024, 7, 19),
            "min_pages": 3,
            "max_pages": 4,
            "built_in": True,
        },
    )
    if created:
        Theme.objects.bulk_create(
            Theme(
                council=council,
                template=template,
                order=order,
                title=title,
                prompt=prompt,
                evidence=list(evidence),
            )
            for order, (title, prompt, evidence) in enumerate(THEMES_2024, start=1)
        )
    return template
