"""Demo data: the Maldon demo council arrives already set up, so its task list shows every
step as completed (its organisation and improvements are loaded before this runs)."""

from civicp3.onboarding import services
from civicp3.onboarding.steps import STEPS
from civicp3.organisation.models import Council


def load_demo(council: Council) -> None:
    for step in STEPS:
        services.step_mark(council=council, step=step.slug, completed=True)
