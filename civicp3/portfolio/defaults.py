"""The seed's starting configuration for a council's PMO: data the council edits afterwards."""

from decimal import Decimal

from django.db import transaction

from civicp3.organisation.models import CorporatePriority, Council
from civicp3.portfolio.models import KeyCriterion, PortfolioSettings, PriorityCriterion, TierBand

KEY_CRITERIA: tuple[str, ...] = (
    "In line with the Corporate Plan 2023 - 2027",
    "Clear, measurable objectives and deliverables",
    "Funding identified and agreed",
    "Services have the capacity to contribute",
    "A sponsor and a project manager are named",
)
KEY_CRITERIA_THRESHOLD = 3

# (criterion, weight); each scored 0 to 5. The first is tied to each corporate priority in turn.
PRIORITY_CRITERIA: tuple[tuple[str, Decimal], ...] = (
    ("Contribution to the corporate priorities", Decimal(3)),
    ("Statutory or legal requirement", Decimal(3)),
    ("Benefit to residents and customers", Decimal(2)),
    ("Financial saving or income", Decimal(2)),
    ("Risk of not doing it", Decimal(1)),
)

# High priority (Gold), medium priority (Silver), low priority (Bronze).
TIERS: tuple[tuple[str, Decimal], ...] = (
    ("Gold", Decimal(40)),
    ("Silver", Decimal(25)),
    ("Bronze", Decimal(0)),
)


@transaction.atomic
def portfolio_settings_create(council: Council) -> PortfolioSettings:
    """Give a new council the seed's criteria, threshold and tiers; never overwrite edits."""
    settings, _ = PortfolioSettings.objects.get_or_create(
        council=council, defaults={"key_criteria_threshold": KEY_CRITERIA_THRESHOLD}
    )
    if not KeyCriterion.objects.for_council(council).exists():
        KeyCriterion.objects.bulk_create(
            KeyCriterion(council=council, name=name, order=i) for i, name in enumerate(KEY_CRITERIA)
        )
    if not PriorityCriterion.objects.for_council(council).exists():
        priority = CorporatePriority.objects.for_council(council).first()
        PriorityCriterion.objects.bulk_create(
            PriorityCriterion(
                council=council,
                name=name,
                weight=weight,
                order=i,
                corporate_priority=priority if i == 0 else None,
            )
            for i, (name, weight) in enumerate(PRIORITY_CRITERIA)
        )
    if not TierBand.objects.for_council(council).exists():
        TierBand.objects.bulk_create(
            TierBand(council=council, name=name, min_score=score) for name, score in TIERS
        )
    return settings
