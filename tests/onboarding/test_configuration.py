"""A council is made with all of its configuration; nothing is made later by reading a page."""

import pytest
from django.core.management import call_command

from civicp3.improvements.models import DecisionNode, FeasibilityQuestion, ScoringQuestion
from civicp3.improvements.services import improvement_settings
from civicp3.onboarding.services import council_configure, council_create
from civicp3.organisation.models import Council
from civicp3.performance.selectors import channel_costs
from civicp3.portfolio.models import KeyCriterion, TierBand
from civicp3.portfolio.selectors import portfolio_settings
from civicp3.productivity.models import CommitteeTemplate, ReturnTemplate
from civicp3.toolkit.models import ChecklistItem
from civicp3.toolkit.services import risk_matrix_settings

pytestmark = pytest.mark.django_db


def configuration(council: Council) -> dict[str, object]:
    return {
        "matrix questions": ScoringQuestion.objects.filter(council=council).count(),
        "decision tree": DecisionNode.objects.filter(council=council).count(),
        "feasibility questions": FeasibilityQuestion.objects.filter(council=council).count(),
        "key criteria": KeyCriterion.objects.filter(council=council).count(),
        "tiers": sorted(TierBand.objects.filter(council=council).values_list("name", flat=True)),
        "channels": sorted(channel_costs(council)),
        "checklist": ChecklistItem.objects.filter(council=council).count(),
        "return templates": ReturnTemplate.objects.filter(council=council).count(),
        "committee templates": CommitteeTemplate.objects.filter(council=council).count(),
    }


def test_a_new_council_has_the_seeds_configuration_at_once():
    council, _admin = council_create(
        name="Tendring District Council", slug="tendring", kind=Council.Kind.DISTRICT,
        admin_email="pmo@tendring.gov.uk", admin_username="pmo.lead",
    )  # fmt: skip
    made = configuration(council)
    assert made["tiers"] == ["Bronze", "Gold", "Silver"]
    assert made["channels"] == ["face_to_face", "online", "telephone"]
    assert made["committee templates"] == 3
    assert made["return templates"] == 1
    assert all(made.values()), made
    assert improvement_settings(council).matrix_version == 1
    assert portfolio_settings(council).key_criteria_threshold == 3
    assert risk_matrix_settings(council).escalation_score > 0
    # The decision tree's links point at the council's own nodes.
    node = DecisionNode.objects.filter(council=council, yes_next__isnull=False).first()
    assert node is not None
    assert node.yes_next.council_id == council.pk


def test_configuring_again_keeps_what_the_council_changed(org):
    settings = portfolio_settings(org.a)
    settings.key_criteria_threshold = 5
    settings.save()
    KeyCriterion.objects.filter(council=org.a).first().delete()
    before = configuration(org.a)
    council_configure(org.a)
    assert portfolio_settings(org.a).key_criteria_threshold == 5
    assert configuration(org.a) == before


def test_migrate_gives_a_council_made_before_its_configuration_existed_what_it_lacks():
    bare = Council.objects.create(name="Older District Council", slug="older")
    assert not any(configuration(bare).values())
    call_command("migrate", verbosity=0)
    assert all(configuration(bare).values())
