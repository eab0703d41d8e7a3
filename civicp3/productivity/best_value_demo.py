"""Demo data for the Maldon demo council: a Best Value self-assessment rated against the sample
characteristics, with evidence under every theme, endorsed and published (each a snapshot of
record), and a draft committee report that attaches it; and the stakeholders the demo's active
projects engage (the Partnerships theme's evidence)."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from civicp3.organisation.models import Council
from civicp3.portfolio.lifecycle import Stage
from civicp3.portfolio.models import Project
from civicp3.productivity import best_value_services, services
from civicp3.productivity.defaults import MALDON_PRESET
from civicp3.productivity.models import CommitteeReport, CommitteeTemplate, Plan, PlanStatus
from civicp3.toolkit.models import Stakeholder
from civicp3.toolkit.services import stakeholder_save

TITLE = "Maldon District Council Best Value self-assessment"
COMMITTEE = "Strategy and Resources Committee"
STAKEHOLDERS = (
    ("Residents' panel", "Residents", "low", "high", "Quarterly panel meetings and surveys."),
    ("Essex County Council", "Partner authority", "high", "high", "Monthly officer meetings."),
    ("Voluntary sector forum", "Community partners", "low", "high", "Newsletter and workshops."),
)
RATINGS = ("Good", "Developing", "Strong")


def _stakeholders(council: Council, actor: User | None) -> None:
    project = (
        Project.objects.for_council(council).filter(stage=Stage.ACTIVE).order_by("number").first()
    )
    if project is None or Stakeholder.objects.filter(project=project).exists():
        return
    for name, role, power, interest, engagement in STAKEHOLDERS:
        stakeholder_save(
            project=project,
            fields={
                "name": name,
                "role": role,
                "power": power,
                "interest": interest,
                "engagement": engagement,
            },
            actor=actor,
        )


def load_demo(council: Council) -> None:
    actor = User.objects.filter(username="pmo").first()
    _stakeholders(council, actor)
    if Plan.objects.filter(council=council, title=TITLE).exists():
        return
    plan = best_value_services.self_assessment_start(council=council, title=TITLE, actor=actor)
    for index, theme in enumerate(plan.template.themes.all()):
        values = {
            item.pk: (
                RATINGS[(index + n) % len(RATINGS)],
                f"The evidence under {theme.title} shows how this is done; "
                "the PMO reviews it each quarter.",
            )
            for n, item in enumerate(theme.characteristics.all())
        }
        best_value_services.assessment_save(plan=plan, theme=theme, values=values, actor=actor)
    # A story that has already happened, whatever the day: endorsed two months ago.
    endorsed = timezone.localdate() - timedelta(days=60)
    sponsor = User.objects.filter(username="sponsor").first()
    services.plan_move(plan=plan, to=PlanStatus.REVIEW, actor=sponsor)
    services.plan_move(
        plan=plan, to=PlanStatus.ENDORSED, actor=sponsor, committee=COMMITTEE, on=endorsed
    )
    services.plan_move(
        plan=plan, to=PlanStatus.PUBLISHED, actor=sponsor, on=endorsed + timedelta(days=4)
    )
    if not CommitteeReport.objects.filter(council=council, appendices__plan=plan).exists():
        report = services.committee_report_save(
            council=council,
            values={
                "title": "Best Value self-assessment",
                "committee": COMMITTEE,
                "meeting_date": endorsed,
                "author": "Director of Strategy, Performance and Governance",
                "purpose": "To ask members to endorse the council's Best Value self-assessment.",
                "recommendations": "That the Best Value self-assessment be endorsed.",
                # Maldon's own template, made by the Productivity Plan's demo.
                "template": CommitteeTemplate.objects.filter(
                    council=council, name=MALDON_PRESET
                ).first(),
            },
        )
        services.committee_appendix_add(report=report, kind="plan", plan=plan)
