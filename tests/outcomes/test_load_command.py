"""The installation loads one outcomes framework for every council, all or nothing."""

import io

import pytest
from django.core.management import call_command

from civicp3.outcomes.models import OutcomeFramework
from civicp3.outcomes.views import SAMPLE

pytestmark = pytest.mark.django_db


def test_it_loads_the_framework_for_every_council(org) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    call_command(
        "load_outcomes_framework", str(SAMPLE), "--name", "Sample", "--all-councils", stdout=out
    )
    assert "Loaded Sample for 2 councils" in out.getvalue()
    for council in (org.a, org.b):
        framework = OutcomeFramework.objects.get(council=council, name="Sample")
        assert framework.outcomes.count() == 3


def test_a_council_that_already_has_it_stops_every_council_loading_it(org) -> None:  # type: ignore[no-untyped-def]
    call_command(
        "load_outcomes_framework",
        str(SAMPLE),
        "--name",
        "Sample",
        "--council",
        org.b.slug,
        stdout=io.StringIO(),
    )
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "load_outcomes_framework", str(SAMPLE), "--name", "Sample", "--all-councils", stderr=err
        )
    assert exit_.value.code == 2
    assert (
        f'{org.b.name}: Name: The council already has a framework called "Sample"' in err.getvalue()
    )
    assert not OutcomeFramework.objects.filter(council=org.a).exists()
