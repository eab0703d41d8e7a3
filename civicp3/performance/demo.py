"""Demo data for the Maldon demo council: channel costs, the PMO and Improvement KPIs the seed
names in the balanced scorecard with six months of actuals, and benefits with their figures."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User

from civicp3.improvements.models import ImprovementRequest
from civicp3.organisation.models import Council, WageRate
from civicp3.performance import measures, services
from civicp3.performance.models import Benefit, Kpi, OpeningBalance, Valuation
from civicp3.performance.rag import rag
from civicp3.portfolio import services as portfolio_services
from civicp3.portfolio.lifecycle import Stage
from civicp3.portfolio.models import Kind, Project

D = Decimal

# (name, perspective, owner, unit, target, tolerance, polarity, six monthly actuals); a KPI
# without actuals is computed from the measure COMPUTED names for it.
KPIS: tuple[tuple[str, str, str, str, str, str, str, tuple[str, ...]], ...] = (
    (
        "Customer satisfaction with improved processes",
        "customer",
        "Improvements lead",
        "%",
        "85",
        "5",
        "higher",
        ("88", "86", "84", "83", "82", "78"),
    ),
    (
        "Online forms available to customers 24/7",
        "customer",
        "Improvements lead",
        "",
        "70",
        "4",
        "higher",
        (),
    ),
    (
        "Officer time saved through improvements (£)",
        "financial",
        "Improvements lead",
        "",
        "250000",
        "10000",
        "higher",
        (),
    ),
    (
        "Projects delivered within budget",
        "financial",
        "PMO lead",
        "%",
        "90",
        "10",
        "higher",
        ("92", "91", "90", "85", "82", "76"),
    ),
    (
        "Highlight reports submitted on time",
        "internal",
        "PMO lead",
        "%",
        "95",
        "5",
        "higher",
        (),
    ),
    (
        "Average days from request to triage",
        "internal",
        "Improvements lead",
        " days",
        "10",
        "3",
        "lower",
        ("8", "9", "9", "11", "12", "14"),
    ),
    (
        "Green belt champions trained",
        "learning",
        "Improvements lead",
        "",
        "12",
        "2",
        "higher",
        (),
    ),
    (
        "Lessons learned recorded at project closure",
        "learning",
        "PMO lead",
        "%",
        "100",
        "15",
        "higher",
        ("100", "100", "100", "100", "100", "100"),
    ),
)

COMPUTED = {
    "Online forms available to customers 24/7": "online_forms_delivered",
    "Officer time saved through improvements (£)": "officer_time_saved",
    "Highlight reports submitted on time": "highlights_on_time",
    "Green belt champions trained": "champions_trained",
}

# Seed 001 §1 VIII: the framework's success headlines, totals to date when it was reported.
SEED_HEADLINES = {
    "improvements_delivered": D("102"),
    "online_forms_delivered": D("68"),
    "officer_hours_saved": D("7040"),
    "officer_time_saved": D("258152"),
}
OPENING_PERIOD = "2021 to 2024, before the app"
OPENING_SOURCE = "PMO and Improvement framework 2021 to 2024, success headlines"

COMMENTARY = {
    "amber": (
        "Slightly off target this month; the owner is monitoring it.",
        "Review at the next PMO and Improvement team meeting.",
    ),
    "red": (
        "Below tolerance: the cause has been reviewed with the service.",
        "Recovery plan agreed; escalated to the CLT governance board.",
    ),
}


def _months(count: int, last: date) -> list[date]:
    months, current = [], last.replace(day=1)
    for _ in range(count):
        months.insert(0, current)
        current = (current.replace(day=1) - date.resolution * 1).replace(day=1)
    return months


# The two months before the active project's first highlight report, latest first: every RAG
# measure, so the summary and highlight report compares this period with the last.
EARLIER_HIGHLIGHTS: tuple[dict[str, str], ...] = (
    {
        "overall": "amber",
        "schedule": "amber",
        "cost": "amber",
        "scope": "green",
        "quality": "green",
        "benefits": "amber",
        "risk": "amber",
        "progress": "Requirements agreed with the waste team; the form design started late.",
        "next_steps": "Build the online form and connect it to the waste database.",
        "issues": "The database supplier's interface documentation arrived two weeks late.",
        "decisions_needed": "",
    },
    {
        "overall": "green",
        "schedule": "green",
        "cost": "green",
        "scope": "green",
        "quality": "green",
        "benefits": "green",
        "risk": "green",
        "progress": "Project started; the project team and board were set up.",
        "next_steps": "Agree the requirements with the waste team.",
        "issues": "",
        "decisions_needed": "",
    },
)


def _project_history(council: Council) -> None:
    """For the first active project: two earlier highlight reports and a health check."""
    project = (
        Project.objects.for_council(council)
        .filter(stage=Stage.ACTIVE, kind=Kind.PROJECT)
        .order_by("number")
        .first()
    )
    if project is None:
        return
    first = project.highlights.order_by("period").first()
    if first is not None and project.highlights.count() == 1:
        month = first.period
        for fields in EARLIER_HIGHLIGHTS:
            month = (month - timedelta(days=1)).replace(day=1)
            portfolio_services.highlight_submit(
                project=project, period=month, actor=project.manager, **fields
            )
    if not project.health_checks.exists():
        portfolio_services.health_check_record(
            project=project,
            actor=User.objects.filter(username="pmo").first(),
            date=first.period if first else date.today(),
            support_needs="Help to plan testing with residents.",
            viable=True,
            governance_in_place=True,
            process_followed=False,
            actions="Submit highlight reports by the fifth working day of the month.",
        )


def _opening_balances(council: Council, today: date) -> None:
    """Maldon's totals from before the app: the seed's headlines less the work the demo has
    done in the app, so the headlines reproduce the seed from both parts."""
    if council.slug != "maldon" or OpeningBalance.objects.for_council(council).exists():
        return
    for key, total in SEED_HEADLINES.items():
        in_app = measures.value_of(council, key, today).in_app or D(0)
        services.opening_balance_save(
            council=council,
            measure=key,
            value=total - in_app,
            period=OPENING_PERIOD,
            source=OPENING_SOURCE,
        )


def load_demo(council: Council, today: date | None = None) -> None:
    """Idempotent: KPIs, actuals and benefits only if the council has none;
    the active project's earlier highlight reports and a health check if it has none."""
    _project_history(council)
    _opening_balances(council, today or date.today())
    last = (today or date.today()).replace(day=1)
    months = _months(6, last)
    if not Kpi.objects.for_council(council).exists():
        for name, perspective, owner, unit, target, tol, polarity, values in KPIS:
            kpi = services.kpi_save(
                council=council,
                name=name,
                perspective=perspective,
                owner=owner.strip(),
                unit=unit.strip(),
                target=D(target),
                tolerance=D(tol),
                polarity=polarity,
                frequency="monthly",
                measure=COMPUTED.get(name, ""),
            )
            for month, value in zip(months if values else [], values, strict=True):
                status = rag(D(value), kpi.target, kpi.tolerance, kpi.polarity).value
                commentary, actions = COMMENTARY.get(status, ("On target.", ""))
                services.kpi_actual_record(
                    kpi=kpi, period=month, value=D(value), commentary=commentary, actions=actions
                )
    if Benefit.objects.for_council(council).exists():
        return
    project = Project.objects.for_council(council).filter(kind="project").first()
    improvement = ImprovementRequest.objects.for_council(council).first()
    rate = WageRate.objects.for_council(council).order_by("hourly_cost").first()
    link = {"project": project} if project else {"improvement": improvement}
    if not (project or improvement):
        return
    plans: list[tuple[dict[str, object], tuple[str, ...], tuple[str, ...]]] = [
        (
            {
                "title": "Fewer telephone calls about garden waste renewals",
                "measure": "Renewals made online instead of by telephone each month",
                "baseline": "All 400 renewals a month by telephone",
                "target": "300 a month online by March",
                "owner": "Waste services manager",
                "cashable": False,
                "valuation": Valuation.CHANNEL_SHIFT,
                "from_channel": "telephone",
                "to_channel": "online",
                **link,
            },
            ("150", "200", "250", "300", "300", "300"),
            ("120", "180", "240", "260", "290", ""),
        ),
        (
            {
                "title": "Officer time no longer spent re-keying forms",
                "measure": "Officer hours saved each month",
                "baseline": "60 hours a month re-keying",
                "target": "50 hours a month saved",
                "owner": "Customer services manager",
                "cashable": False,
                "valuation": Valuation.HOURS,
                "wage_rate": rate,
                **({"improvement": improvement} if improvement else link),
            },
            ("40", "45", "50", "50", "50", "50"),
            ("35", "44", "48", "52", "50", ""),
        ),
        (
            {
                "title": "Printing and postage no longer needed",
                "measure": "Printing and postage spend saved (£)",
                "baseline": "£1,200 a month",
                "target": "£900 a month saved",
                "owner": "Finance business partner",
                "cashable": True,
                "valuation": Valuation.MONEY,
                **link,
            },
            ("600", "700", "800", "900", "900", "900"),
            ("550", "720", "800", "880", "910", ""),
        ),
    ]
    for fields, planned, realised in plans:
        if fields["valuation"] == Valuation.HOURS and rate is None:
            continue
        benefit = services.benefit_create(council=council, **fields)
        for month, plan, real in zip(months, planned, realised, strict=True):
            services.benefit_period_record(
                benefit=benefit, period=month, planned=D(plan), realised=D(real) if real else None
            )
