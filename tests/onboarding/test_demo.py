import pytest

from civicp3.onboarding.demo import load_demo
from civicp3.onboarding.selectors import statuses

pytestmark = pytest.mark.django_db


def test_the_demo_council_is_already_set_up_and_loading_twice_changes_nothing(org) -> None:
    load_demo(org.a)
    load_demo(org.a)
    assert {s.status for s in statuses(org.a)} == {"Completed"}
    assert {s.status for s in statuses(org.b)} != {"Completed"}
