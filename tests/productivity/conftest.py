import pytest
from django.core.management import call_command

from civicp3.organisation.models import Council
from civicp3.productivity.defaults import return_templates_create
from civicp3.productivity.demo import load_demo
from civicp3.productivity.models import Plan, ReturnTemplate
from civicp3.productivity.services import plan_create


@pytest.fixture
def maldon(db: None) -> Council:
    """The demo council with every app's demo data, then this app's plan and report."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    council = Council.objects.get(slug="maldon")
    load_demo(council)
    return council


@pytest.fixture
def template_a(org) -> ReturnTemplate:  # type: ignore[no-untyped-def]
    return return_templates_create(org.a)


@pytest.fixture
def plan_a(org, template_a: ReturnTemplate) -> Plan:  # type: ignore[no-untyped-def]
    return plan_create(council=org.a, template=template_a, title="Alpha Productivity Plan")
