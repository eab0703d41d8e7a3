"""Performance fixtures: council A with the portfolio and improvement demo, and this app's demo."""

import pytest

from civicp3.organisation.models import WageRate
from civicp3.performance.demo import load_demo
from civicp3.portfolio.demo import load_demo as load_portfolio_demo
from tests.clock import today

TODAY = today()


@pytest.fixture
def demo(org):
    """Council A as the demo council: wage rates, the P3 register and the performance demo."""
    WageRate.objects.create(council=org.a, grade="Scale 5", hourly_cost="15.80")
    load_portfolio_demo(org.a)
    load_demo(org.a, today=TODAY)
    return org
