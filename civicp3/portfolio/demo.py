"""Demo data for the Maldon demo council: the seed's criteria and tiers, and a small P3 register."""

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from civicp3.organisation.models import Board, Council, ServiceArea
from civicp3.portfolio import services
from civicp3.portfolio.models import BusinessCase, KeyCriterion, Kind, PriorityCriterion, Project
from civicp3.portfolio.selectors import month_starts

PORTFOLIO = "Corporate Plan 2023 - 2027 portfolio"


def load_demo(council: Council) -> None:
    """Idempotent: (once) a portfolio, a programme with a committed finish date and four
    projects at different stages, one active with a highlight report."""
    if Project.objects.for_council(council).filter(title=PORTFOLIO).exists():
        return
    people = {
        u.username: u
        for u in User.objects.filter(
            username__in=("project_manager", "sponsor", "pmo", "board_member")
        )
    }
    manager, sponsor = people.get("project_manager"), people.get("sponsor")
    pmo, board_member = people.get("pmo"), people.get("board_member")
    board = Board.objects.for_council(council).filter(kind=Board.Kind.CLT_GOVERNANCE).first()
    today = timezone.localdate()

    portfolio = services.project_create(
        council=council,
        title=PORTFOLIO,
        kind=Kind.PORTFOLIO,
        actor=pmo,
        summary="Every corporate project in line with the Corporate Plan.",
    )
    programme = services.project_create(
        council=council,
        title="Customer access programme",
        kind=Kind.PROGRAMME,
        parent=portfolio,
        committed_finish=date(today.year + 1, 3, 31),
        manager=manager,
        sponsor=sponsor,
        actor=pmo,
        summary="Moving the council's most used services online.",
    )
    for record in (portfolio, programme):
        services.project_classify(
            project=record,
            kind=record.kind,
            parent=record.parent,
            actor=pmo,
            rationale="A collection of related projects.",
        )

    def new(title: str) -> Project:
        return services.project_create(
            council=council,
            title=title,
            parent=programme,
            manager=manager,
            sponsor=sponsor,
            actor=manager,
        )

    def through_threshold(project: Project) -> None:
        services.project_classify(
            project=project,
            kind=Kind.PROJECT,
            parent=programme,
            actor=pmo,
            rationale="A specific, single initiative with tangible outputs.",
        )
        services.brief_save(
            project=project,
            actor=manager,
            background="Done on paper today.",
            objectives="Customers self-serve online.",
            scope="The online journey.",
            deliverables="An online form integrated with the back office.",
        )
        services.brief_submit(project=project, actor=manager)
        for code, title, _hint in BusinessCase.SECTIONS:
            services.business_case_save_section(
                project=project, section=code, text=f"{title} for {project.title}.", actor=manager
            )
        services.business_case_submit(project=project, actor=manager)
        services.appraisal_record(
            project=project,
            meeting_date=today.replace(day=1),
            actor=pmo,
            invited_stakeholders="Service manager\nICT\nFinance",
            challenges="Is the supplier able to integrate? Yes: it has an API.",
            pmo_recommendation="Proceed to the CLT governance board.",
        )
        services.threshold_assess(
            project=project, met=KeyCriterion.objects.for_council(council), notes="", actor=pmo
        )

    def score(project: Project, value: int) -> None:
        services.project_prioritise(
            project=project,
            actor=pmo,
            scores={c.pk: value for c in PriorityCriterion.objects.for_council(council)},
        )

    def decide(project: Project, code: str) -> None:
        services.board_decide(
            project=project, decision=code, board=board, meeting_date=today, actor=board_member
        )

    areas = list(ServiceArea.objects.for_council(council).order_by("name")[:2])

    def demand(project: Project, hours: int, months: int) -> None:
        for area in areas:
            for month in month_starts(today, months):
                services.demand_set(
                    project=project,
                    service_area=area,
                    month=month,
                    hours=Decimal(hours),
                    actor=manager,
                )

    active = new("Digital parking permits")
    through_threshold(active)
    score(active, 4)
    decide(active, "start")
    demand(active, 20, 6)
    services.highlight_submit(
        project=active,
        period=today,
        actor=manager,
        overall="green",
        schedule="green",
        cost="amber",
        scope="green",
        quality="green",
        benefits="amber",
        risk="green",
        progress="The online form is built.",
        next_steps="Test with residents.",
        issues="",
        decisions_needed="",
    )

    waiting = new("Garden waste online renewals")
    through_threshold(waiting)
    score(waiting, 3)
    decide(waiting, "approve")
    demand(waiting, 30, 4)

    with_board = new("Leisure centre decarbonisation")
    through_threshold(with_board)
    score(with_board, 2)

    writing = new("Museum collection digitisation")
    services.project_classify(
        project=writing,
        kind=Kind.PROJECT,
        parent=programme,
        actor=pmo,
        rationale="A specific, single initiative with tangible outputs.",
    )
    services.brief_save(
        project=writing,
        actor=manager,
        background="Paper catalogue.",
        objectives="An online catalogue.",
        scope="The museum's collection.",
        deliverables="Digitised records.",
    )
    services.brief_submit(project=writing, actor=manager)
    services.business_case_save_section(
        project=writing, section="strategic", text="Supports the Corporate Plan.", actor=manager
    )
