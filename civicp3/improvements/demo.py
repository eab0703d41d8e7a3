"""Demo data for improvement management: the council's default configuration and a few
requests taken further through the lifecycle, all through the service functions."""

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User

from civicp3.improvements import selectors, services
from civicp3.improvements.lifecycle import Status
from civicp3.improvements.models import (
    FeasibilityOutcome,
    FeasibilityQuestion,
    FormRequired,
    ImprovementRequest,
    ScoringQuestion,
)
from civicp3.organisation.models import Council, ServiceArea, WageRate

EXAMPLE = "Garden waste renewals"


def load_demo(council: Council) -> None:
    """Idempotent: (once) a newly raised and scored request, work in delivery, and one live
    improvement closed with its benefits, ratings, a champions' workshop and a green belt cohort."""
    requests = ImprovementRequest.objects.for_council(council)
    if requests.filter(process_impacted=EXAMPLE).exists():
        return
    team = User.objects.filter(username="improvement_team").first()
    champion = User.objects.filter(username="green_belt_champion").first()
    area = ServiceArea.objects.for_council(council).filter(name="Waste").first()

    raised = services.improvement_raise(
        council=council,
        process_impacted=EXAMPLE,
        problem_statement="Renewals come in by phone and are keyed into the database by hand.",
        what_we_require="An online renewal form that updates the garden waste database.",
        service_area=area,
        form_required=FormRequired.YES,
        contact_name="Demo officer",
        raised_by=team,
    )
    questions = ScoringQuestion.objects.for_council(council).filter(active=True)
    services.improvement_score(
        improvement=raised,
        answers={q.pk: q.options.order_by("-points").first().pk for q in questions},  # type: ignore[union-attr]
        actor=team,
    )

    by_number = {r.number: r for r in requests.filter(status=Status.WAITING_LIST)}
    contact_us = by_number.get(1)
    if contact_us is not None:
        _start(contact_us, team)
        for templates in ("Project brief, stakeholder checklist", "Process map, data collection"):
            _return(contact_us, team, templates)
    self_serve = next((r for r in by_number.values() if r.pathway == "GBC"), None)
    if self_serve is not None and champion is not None:
        self_serve.champion = champion
        self_serve.save()
        _start(self_serve, team)
    delivered = next((r for r in by_number.values() if r.pathway == "QW"), None)
    rate = WageRate.objects.for_council(council).order_by("hourly_cost").first()
    owner = selectors.people_who_may(council, "improvements.sign_off").first()
    if delivered is not None and rate is not None and owner is not None:
        _start(delivered, team)
        for templates in (
            "Project brief",
            "Process map",
            "Data collection",
            "Form design",
            "Control plan",
        ):
            _return(delivered, team, templates)
        services.improvement_sign_off_request(improvement=delivered, owner=owner, actor=team)
        services.improvement_sign_off_confirm(
            improvement=delivered,
            testing_confirmed=True,
            retention_number=6,
            retention_unit="years",
            actor=owner,
        )
        services.improvement_transition(improvement=delivered, to=Status.LIVE, actor=team)
        # The person who raised it rates the live work through their feedback link.
        token = services.requester_token(improvement=delivered)
        for stars, comment in ((5, "Very simple and straight forward"), (4, "Quick to find")):
            services.rating_give(improvement=delivered, token=token, stars=stars, comment=comment)
        services.improvement_close_with_benefits(
            improvement=delivered,
            hours_saved_per_year=Decimal("120"),
            wage_rate=rate,
            one_off_costs=Decimal("0"),
            cashable_savings=Decimal("0"),
            online_form_delivered=True,
            actor=team,
        )
    services.workshop_record(
        council=council,
        held_on=date(2024, 3, 5),
        attendance="Green belt champions from Waste, Legal and Revenues and Benefits",
        improvements=[self_serve] if self_serve is not None else [],
        lessons_learnt="Map the current process with the people who run it before scoping a form.",
        actor=team,
    )
    cohort = services.training_cohort_add(
        council=council,
        belt="green",
        name="Green belt 2024",
        starts_on=date(2024, 1, 8),
        ends_on=date(2024, 5, 31),
    )
    for area_name in ("Waste", "Legal", "Revs & Bens"):
        found = ServiceArea.objects.for_council(council).filter(name=area_name).first()
        if found is not None:
            services.training_delegate_add(
                cohort=cohort, name=f"{area_name} champion", service_area=found, completed=True
            )


def _start(improvement: ImprovementRequest, team: User | None) -> None:
    """Record a feasible analysis (every answer yes) and start delivery, as the team would."""
    questions = FeasibilityQuestion.objects.for_council(improvement.council)
    services.improvement_assess_feasibility(
        improvement=improvement,
        answers={question.pk: (True, "") for question in questions},
        outcome=FeasibilityOutcome.FEASIBLE,
        actor=team,
    )
    services.improvement_transition(improvement=improvement, to=Status.IN_DELIVERY, actor=team)


def _return(improvement: ImprovementRequest, team: User | None, templates: str) -> None:
    services.phase_completion_file(
        improvement=improvement,
        templates_used=templates,
        documentation_complete=True,
        communications_needed="One Team article when it goes live",
        actor=team,
    )
