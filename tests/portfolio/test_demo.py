import pytest

from civicp3.portfolio.demo import load_demo
from civicp3.portfolio.lifecycle import Stage
from civicp3.portfolio.models import HighlightReport, Project

pytestmark = pytest.mark.django_db


def test_the_demo_register_loads_once(org):
    load_demo(org.a)
    load_demo(org.a)
    projects = Project.objects.for_council(org.a)
    assert projects.count() == 6
    stages = set(projects.values_list("stage", flat=True))
    assert {Stage.ACTIVE, Stage.WAITING_LIST, Stage.BOARD, Stage.BUSINESS_CASE} <= stages
    programme = projects.get(kind="programme")
    assert programme.committed_finish is not None
    assert programme.children.count() == 4
    assert HighlightReport.objects.filter(project__council=org.a).count() == 1
    active = projects.get(stage=Stage.ACTIVE)
    assert active.manager.username == "project_manager"
    assert active.sponsor.username == "sponsor"
