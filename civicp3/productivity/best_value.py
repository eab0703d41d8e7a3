"""The Best Value self-assessment: a built-in return template (data once created) whose seven
themes are those of the Best Value statutory guidance (8 May 2024). Each theme holds the
characteristics the council assesses itself against, a rating and narrative per
characteristic, and live evidence blocks (`best_value_evidence`).

Only the theme names come from the guidance. The repository's sources give no characteristics
and no rating scale, so the ones shipped here are a small sample, marked as such on every page
and document, for a council to replace with its own list (loaded from CSV or XLSX).
"""

from civicp3.productivity.models import Assessment, Characteristic, Plan, Theme
from civicp3.reports.document import Block, Paragraph, Table

BEST_VALUE = "Best Value self-assessment"
REQUESTED_BY = "Best Value statutory guidance (issued 8 May 2024)"
INTRODUCTION = (
    "The council's self-assessment against the seven themes of the Best Value statutory "
    "guidance, each characteristic rated with the narrative behind the rating, and the "
    "evidence under each theme drawn live from the council's records."
)
# Not from the guidance: a sample scale, best first, that the council may change.
SAMPLE_RATINGS = ("Strong", "Good", "Developing", "Needs improvement")
SAMPLE_NOTE = (
    "Sample characteristics shipped with Civic P3, not the guidance's list: "
    "load your council's own."
)

# (theme, prompt, evidence keys, sample characteristics) in the guidance's order.
THEMES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "Continuous Improvement",
        "How the council improves its services and the way it works, and what it has achieved.",
        ("improvements_delivered", "hours_and_money_saved", "savings_realised_planned"),
        (
            "Sample: improvement work is prioritised and tracked to its benefits",
            "Sample: the council learns from what it has delivered",
        ),
    ),
    (
        "Leadership",
        "How leaders set direction and priorities and steer the council's work towards them.",
        ("bv_leadership", "projects_by_priority"),
        (
            "Sample: the council's priorities are clear and drive what it works on",
            "Sample: leaders see and act on the state of the portfolio",
        ),
    ),
    (
        "Governance",
        "How decisions are made, recorded and checked.",
        ("bv_governance",),
        (
            "Sample: decisions are taken at the right level and recorded",
            "Sample: projects pass their gates with the documents the framework requires",
        ),
    ),
    (
        "Culture",
        "How staff are supported to improve their services.",
        ("bv_culture",),
        ("Sample: staff raise improvements and are trained to deliver them",),
    ),
    (
        "Use of Resources",
        "How the council uses its money, people and capacity.",
        ("bv_use_of_resources",),
        (
            "Sample: budgets are forecast and spend is tracked against them",
            "Sample: capacity is planned before work is started",
        ),
    ),
    (
        "Service Delivery",
        "How well services perform for the people who use them.",
        ("bv_service_delivery",),
        (
            "Sample: performance is measured against targets and exceptions acted on",
            "Sample: customers' views of services are gathered and used",
        ),
    ),
    (
        "Partnerships and Community Engagement",
        "How the council works with partners and engages the people its work affects.",
        ("bv_partnerships",),
        ("Sample: projects identify and engage the people they affect",),
    ),
)


def is_self_assessment(plan: Plan) -> bool:
    """A return whose characteristics are rated (the Best Value self-assessment)."""
    return bool(plan.template.ratings)


def characteristics_by_theme(plan: Plan) -> dict[int, list[Characteristic]]:
    found: dict[int, list[Characteristic]] = {}
    query = Characteristic.objects.filter(theme__template_id=plan.template_id)
    for item in query.order_by("theme__order", "order"):
        found.setdefault(item.theme_id, []).append(item)
    return found


def assessments_for(plan: Plan) -> dict[int, Assessment]:
    """The plan's rating and narrative by characteristic id."""
    return {item.characteristic_id: item for item in Assessment.objects.filter(plan=plan)}


def characteristic_blocks(
    theme: Theme,
    characteristics: list[Characteristic],
    assessments: dict[int, Assessment],
    index: int,
) -> list[Block]:
    """The theme's characteristics with their rating and narrative, as a table."""
    blocks: list[Block] = []
    if any(item.sample for item in characteristics):
        blocks.append(Paragraph(SAMPLE_NOTE))
    rows = []
    for item in characteristics:
        found = assessments.get(item.pk)
        rows.append(
            (
                item.text,
                (found.rating if found else "") or "Not rated",
                (found.narrative if found else "") or "No narrative yet",
            )
        )
    blocks.append(
        Table(
            f"{index}. {theme.title}: self-assessment",
            ("Characteristic", "Rating", "Narrative"),
            rows,
            empty="No characteristics: add them or load the council's list.",
        )
    )
    return blocks
