"""The council's reports, each written once as a `Document` (see civicp3.reports).

Balanced scorecard exceptions report, success report, P3 headline and insights report and
PMO governance report. Each builder reads through selectors and returns the figures the
database holds; the view renders them as HTML, PDF, Word or XLSX.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.db.models import Avg, Count

from civicp3.improvements.models import Rating
from civicp3.organisation.models import Council
from civicp3.performance import measures, selectors
from civicp3.performance.rag import Change, change
from civicp3.performance.selectors import PENNY
from civicp3.portfolio import selectors as portfolio
from civicp3.portfolio.lifecycle import Stage
from civicp3.portfolio.models import HealthCheck, HighlightReport, Project
from civicp3.reports.charts import bar_chart, line_chart, rag_chart
from civicp3.reports.document import (
    Block,
    Document,
    Figure,
    Figures,
    Heading,
    Paragraph,
    Table,
    money,
    number,
)
from civicp3.toolkit.models import Risk, RiskStatus

STATUS_WORDS = {"red": "Red", "amber": "Amber", "green": "Green", "": "Not reported"}


def month_label(month: date) -> str:
    return month.strftime("%b %Y")


def exceptions_report(council: Council, today: date) -> Document:
    """The councils' format: a block per perspective with its RAG counts, then only the red and
    amber KPIs, each with the owner's commentary and actions."""
    doc = Document("Balanced scorecard exceptions report", caption=council.name)
    doc.add(
        Paragraph(
            "PMO and Improvement KPIs fed into the balanced scorecard, reported to the "
            "committee through this exceptions report. Only red and amber KPIs are shown "
            "in detail."
        )
    )
    blocks = measures.scorecard(council, today)
    if not any(block.lines for block in blocks):
        doc.add(
            Paragraph(
                "No KPIs defined yet: PMO defines the KPIs of the balanced scorecard in its four "
                "perspectives, and their owners record an actual each period."
            )
        )
    for block in blocks:
        doc.add(
            Heading(block.title),
            Table(
                f"{block.title}: RAG status of {len(block.lines)} KPIs",
                ("Status", "Number of KPIs"),
                [
                    ("Red", block.red),
                    ("Amber", block.amber),
                    ("Green", block.green),
                    ("Not reported", block.not_reported),
                ]
                if block.lines
                else [],
                numeric=frozenset({1}),
                empty=f"No KPIs in {block.title.lower()} yet.",
            ),
        )
        if block.lines and not block.exceptions:
            doc.add(Paragraph(f"No red or amber KPIs in {block.title.lower()}."))
        for line in block.exceptions:
            kpi, latest = line.kpi, line.latest
            assert latest is not None  # an exception has an actual
            doc.add(
                Heading(f"{kpi.name}: {STATUS_WORDS[latest.status]}", level=3),
                Table(
                    f"{kpi.name}: {month_label(latest.period)}",
                    ("Measure", "Figure"),
                    [
                        ("Actual", line.shown),
                        ("Target", f"{number(kpi.target)}{_unit(kpi.unit)}"),
                        ("Tolerance", f"{number(kpi.tolerance)}{_unit(kpi.unit)}"),
                        ("Polarity", kpi.get_polarity_display()),
                        (
                            "Last period",
                            f"{number(line.previous.value)}{_unit(kpi.unit)} "
                            f"({STATUS_WORDS[line.previous.status]})"
                            if line.previous
                            else "Not reported",
                        ),
                        ("Owner", kpi.owner),
                    ],
                ),
                Paragraph(
                    f"Computed from the app's records ({line.measure.measure.period.lower()}): "
                    f"{line.measure.measure.formula}"
                    if line.measure
                    else f"Owner's commentary: {latest.commentary or 'None given.'}"
                ),
                Paragraph(f"Actions: {latest.actions or 'None recorded.'}"),
                kpi_trend(kpi.name, line.history, kpi.target, kpi.unit),
            )
    return doc


def _unit(unit: str) -> str:
    return "" if not unit else (unit if unit == "%" else f" {unit}")


def kpi_trend(kpi_name: str, actuals: list, target: Decimal, unit: str) -> Figure:  # type: ignore[type-arg]
    labels = [month_label(a.period) for a in actuals]
    summary = (
        f"Latest actual {number(actuals[-1].value)}{_unit(unit)} in {labels[-1]} against a "
        f"target of {number(target)}{_unit(unit)}, over {len(actuals)} months."
        if actuals
        else ""
    )
    return Figure(
        f"{kpi_name}: trend against target",
        line_chart(
            f"{kpi_name}: actual against target",
            labels,
            {"Actual": [a.value for a in actuals]},
            target=target,
        ),
        Table(
            f"{kpi_name}: actuals",
            ("Month", f"Actual{_unit(unit)}", f"Target{_unit(unit)}", "Status"),
            [(month_label(a.period), a.value, target, STATUS_WORDS[a.status]) for a in actuals],
            numeric=frozenset({1, 2}),
            empty="No actuals recorded yet: the KPI's owner records one each period.",
        ),
        summary,
    )


def realisation_figure(points: list[selectors.RealisationPoint]) -> Figure:
    labels = [month_label(p.period) for p in points]
    planned = sum((p.planned_exact for p in points), Decimal(0))
    realised = sum((p.realised_exact for p in points), Decimal(0))
    summary = (
        f"{money(realised)} realised against {money(planned)} planned, {labels[0]} to {labels[-1]}."
        if points
        else ""
    )
    if sum((p.realised for p in points), Decimal(0)) != realised.quantize(PENNY) or sum(
        (p.planned for p in points), Decimal(0)
    ) != planned.quantize(PENNY):
        summary += (
            " Each month is rounded to the penny; the totals are of the exact values, "
            "rounded once, so the months may differ from them by a penny."
        )
    return Figure(
        "Benefits realisation: planned against realised",
        bar_chart(
            "Benefits realisation: planned against realised (£)",
            labels,
            {
                "Planned (£)": [p.planned for p in points],
                "Realised (£)": [p.realised for p in points],
            },
        ),
        Table(
            "Benefits realisation by month",
            ("Month", "Planned (£)", "Realised (£)"),
            [(month_label(p.period), p.planned, p.realised) for p in points],
            numeric=frozenset({1, 2}),
            empty=(
                "No benefits figures yet: record each benefit's planned and realised value per "
                "month on the benefits register."
            ),
        ),
        summary,
    )


def benefits_table(rows: list[selectors.BenefitRow]) -> Table:
    return Table(
        "Benefits register",
        ("Benefit", "Linked to", "Cashable", "Planned (£)", "Realised (£)"),
        [
            (
                f"{row.benefit.reference}: {row.benefit.title}",
                row.benefit.linked_to,
                "Cashable" if row.benefit.cashable else "Non-cashable",
                row.planned_value,
                row.realised_value,
            )
            for row in rows
        ],
        numeric=frozenset({3, 4}),
        empty="No benefits on the register yet: add each benefit a project or improvement brings.",
    )


def success_headline_blocks(council: Council, today: date) -> list[Block]:
    """The seed's success headlines: the measures' figures and, for each cumulative one, its
    opening balance and the work done in the app."""
    heads = {v.key: v for v in measures.values_of(council, measures.HEADLINES, today)}
    hours, days = heads["officer_hours_saved"], heads["working_days_saved"]
    blocks: list[Block] = [
        Figures(measures.figures(heads.values())),
        Paragraph(
            f"The Improvements team have delivered {heads['improvements_delivered'].shown} "
            f"improvements and provided {heads['online_forms_delivered'].shown} online forms "
            f"(accessible 24/7)."
        ),
        Paragraph(
            f"The Improvements team have saved the Council {heads['officer_time_saved'].shown} "
            f"and {hours.shown} hours in officer time, which is {days.shown} working days. "
            f"{days.note}"
        ),
    ]
    blocks.extend(
        Paragraph(f"{value.label.capitalize()}: {value.parts}.")
        for value in heads.values()
        if value.parts
    )
    return blocks


def success_report(council: Council, today: date) -> Document:
    """PMO and IM success reporting: the seed's headlines computed from what was delivered,
    quoting only positive feedback (4 or 5 stars)."""
    delivered = measures.value_of(council, "improvements_delivered", today)
    doc = Document("Success report", caption=council.name)
    doc.add(Heading("Success headlines"))
    if not delivered.exact:
        doc.add(
            Paragraph(
                "No improvements delivered yet: the headlines count each improvement once it "
                "goes live, with the officer hours and money its benefits save."
            )
        )
    doc.add(*success_headline_blocks(council, today))
    ratings = Rating.objects.for_council(council)
    summary = ratings.aggregate(count=Count("id"), average=Avg("stars"))
    comments = list(ratings.filter(stars__gte=4).exclude(comment="").order_by("-created")[:5])
    doc.add(Heading("Customer feedback"))
    if summary["count"]:
        doc.add(
            Paragraph(
                f"{number(summary['count'])} customer ratings, averaging "
                f"{Decimal(str(summary['average'])).quantize(Decimal('0.1'))} stars out of 5."
            )
        )
    doc.add(*(Paragraph(f"Customer feedback: '{rating.comment}'") for rating in comments))
    if not comments:
        doc.add(
            Paragraph(
                "No positive comments yet: the report quotes customers who rate an improvement "
                "4 or 5 stars once it has gone live."
            )
        )
    register = measures.values_of(
        council,
        ("benefits_realised", "benefits_realised_cashable", "benefits_realised_non_cashable"),
        today,
    )
    rows = selectors.benefit_rows(council, selectors.benefits_for(council))
    doc.add(
        Heading("Benefits realisation"),
        Paragraph(
            "The benefits register measures each benefit month by month; it is separate from "
            "the officer time above, which each improvement records once when it closes."
        ),
        Figures([("benefits on the register", number(len(rows))), *measures.figures(register)]),
        realisation_figure(selectors.realisation(council)),
        benefits_table(rows),
    )
    return doc


def _latest_highlights(council: Council) -> list[HighlightReport]:
    latest: dict[int, HighlightReport] = {}
    for report in HighlightReport.objects.for_council(council).order_by("period", "pk"):
        latest[report.project_id] = report
    return list(latest.values())


def rag_trend_figure(council: Council, months: int = 6) -> Figure:
    reports = HighlightReport.objects.for_council(council).values_list("period", "overall")
    counts: Counter[tuple[date, str]] = Counter((p.replace(day=1), o) for p, o in reports)
    periods = sorted({p for p, _ in counts})[-months:]
    labels = [month_label(p) for p in periods]
    series = {s: [counts[(p, s)] for p in periods] for s in ("red", "amber", "green")}
    summary = (
        f"In {labels[-1]}: {series['red'][-1]} red, {series['amber'][-1]} amber and "
        f"{series['green'][-1]} green, over {len(periods)} months."
        if periods
        else ""
    )
    return Figure(
        "RAG trend: overall status of highlight reports",
        rag_chart("Overall RAG status of highlight reports by month", labels, series),
        Table(
            "RAG trend by month",
            ("Month", "Red", "Amber", "Green"),
            [
                (labels[i], series["red"][i], series["amber"][i], series["green"][i])
                for i in range(len(periods))
            ],
            numeric=frozenset({1, 2, 3}),
            empty=(
                "No highlight reports yet: the RAG trend fills as project managers of active "
                "projects submit their monthly highlight reports."
            ),
        ),
        summary,
    )


def demand_figure(council: Council, today: date, months: int = 6) -> Figure:
    starts = portfolio.month_starts(today, months)
    rows = portfolio.capacity(council, starts)
    demand = [sum((r.cells[i]["demand"] for r in rows), Decimal(0)) for i in range(months)]
    capacity = [sum((r.cells[i]["capacity"] for r in rows), Decimal(0)) for i in range(months)]
    labels = [month_label(m) for m in starts]
    over = [labels[i] for i in range(months) if demand[i] > capacity[i]]
    summary = (
        f"Demand is over capacity in {', '.join(over)}."
        if over
        else f"Demand is within capacity in each month from {labels[0]} to {labels[-1]}."
    )
    return Figure(
        "Demand against capacity (hours)",
        bar_chart(
            "Demand against capacity, all service areas (hours)",
            labels,
            {"Demand (hours)": demand, "Capacity (hours)": capacity},
        ),
        Table(
            "Demand against capacity by month",
            ("Month", "Demand (hours)", "Capacity (hours)"),
            [(labels[i], demand[i], capacity[i]) for i in range(months)] if any(capacity) else [],
            numeric=frozenset({1, 2}),
            empty=(
                "No capacity recorded yet: give each service area its monthly capacity in "
                "hours, and each project its demand on the service areas."
            ),
        ),
        summary,
    )


def demand_trend_figure(council: Council, today: date, months: int = 12) -> Figure:
    """Requests raised per month over the last twelve months: improvements and projects."""
    trend = selectors.demand_trend(council, today, months)
    labels = [month_label(m.month) for m in trend]
    improvements = sum(m.improvements for m in trend)
    projects = sum(m.projects for m in trend)
    return Figure(
        "Demand trend: requests raised each month",
        bar_chart(
            "Improvement requests and projects raised each month",
            labels,
            {
                "Improvement requests": [m.improvements for m in trend],
                "Improvements delivered": [m.delivered for m in trend],
                "Projects": [m.projects for m in trend],
            },
            whole=True,
        ),
        Table(
            "Requests raised and improvements delivered by month",
            ("Month", "Improvement requests", "Improvements delivered", "Projects"),
            [
                (label, m.improvements, m.delivered, m.projects)
                for label, m in zip(labels, trend, strict=True)
            ]
            if improvements or projects or any(m.delivered for m in trend)
            else [],
            numeric=frozenset({1, 2, 3}),
            empty=(
                "No requests raised in the last twelve months: the trend fills as staff raise "
                "improvement requests and projects are added to the P3 register."
            ),
        ),
        f"{number(improvements)} improvement requests and {number(projects)} projects raised "
        f"from {labels[0]} to {labels[-1]}.",
    )


def overdue_table(overdue: list[tuple[Project, date]]) -> Table:
    return Table(
        "Overdue highlight reports",
        ("Project", "Last update or start"),
        [(str(project), since) for project, since in overdue],
        empty="None: every active project's highlight report is up to date.",
    )


def headline_report(council: Council, today: date) -> Document:
    """P3 headline and insights: for strategic decision making."""
    projects = Project.objects.for_council(council)
    stages = Counter(projects.values_list("stage", flat=True))
    tiers = Counter(projects.exclude(tier="").values_list("tier", flat=True))
    latest = _latest_highlights(council)
    overall = Counter(report.overall for report in latest)
    overdue = portfolio.overdue_highlights(council, today)
    capacity_flags = sum(
        1 for row in portfolio.capacity(council, portfolio.month_starts(today, 6)) if row.over
    )
    doc = Document("P3 headline and insights report", caption=council.name)
    doc.add(
        Paragraph("Projects, programmes and portfolios: for strategic decision making."),
        Figures(
            [
                *measures.figures(
                    measures.values_of(council, ("projects_on_register", "projects_active"), today)
                ),
                ("overdue highlight reports", number(len(overdue))),
                ("red flags", number(len(overdue) + overall.get("red", 0) + capacity_flags)),
                *measures.figures(
                    measures.values_of(council, ("benefits_planned", "benefits_realised"), today)
                ),
            ]
        ),
        Table(
            "Projects by stage",
            ("Stage", "Number"),
            [(label, stages[code]) for code, label in Stage.choices if stages.get(code)],
            numeric=frozenset({1}),
            empty=(
                "Nothing on the P3 register yet: projects, programmes and portfolios appear "
                "here by stage once they are raised."
            ),
        ),
        Table(
            "Projects by tier",
            ("Tier", "Number"),
            sorted(tiers.items()),
            numeric=frozenset({1}),
            empty="No project has a tier yet: its tier comes from its prioritisation score.",
        ),
        Table(
            "Latest overall RAG status",
            ("Status", "Projects"),
            [(STATUS_WORDS[s], overall.get(s, 0)) for s in ("red", "amber", "green")]
            if latest
            else [],
            numeric=frozenset({1}),
            empty=(
                "No highlight reports yet: each active project's manager submits one a month "
                "with its overall RAG status."
            ),
        ),
        overdue_table(overdue),
        rag_trend_figure(council),
        demand_figure(council, today),
        realisation_figure(selectors.realisation(council)),
    )
    return doc


def gate_compliance_tables(council: Council) -> list[Table]:
    """Compliance with the gates, and the projects that moved on without a gate's document."""
    results = selectors.gate_compliance(council)
    return [
        Table(
            "Compliance with the gates",
            ("Gate", "Required", "Projects passed", "With it on record", "Without", "Compliance"),
            [
                (
                    r.gate.name,
                    r.gate.evidence,
                    len(r.passed),
                    r.compliant,
                    len(r.without),
                    f"{r.percent}%" if r.percent is not None else "No project yet",
                )
                for r in results
            ]
            if any(r.passed for r in results)
            else [],
            numeric=frozenset({2, 3, 4, 5}),
            empty=(
                "No project has passed a gate yet: compliance shows here once projects move "
                "from the project brief through the business case, pre-project appraisal, key "
                "criteria threshold and the CLT governance board."
            ),
        ),
        Table(
            "Projects that moved on without the required document",
            ("Project", "Gate", "Missing"),
            [(str(p), r.gate.name, r.gate.evidence) for r in results for p in r.without],
            empty="None: every project that passed a gate has its document on record.",
        ),
    ]


def governance_report(council: Council, today: date) -> Document:
    """PMO governance: compliance with the gates, overdue updates, health-check results, demand
    trends and benefits realisation."""
    checks = list(
        HealthCheck.objects.for_council(council).select_related("project").order_by("-date")[:25]
    )
    overdue = portfolio.overdue_highlights(council, today)
    active = Project.objects.for_council(council).filter(stage=Stage.ACTIVE).count()
    compliance, exceptions = gate_compliance_tables(council)
    yes_no = {True: "Yes", False: "No"}
    doc = Document("PMO governance report", caption=council.name)
    doc.add(
        Paragraph("Compliance, worth, trends, traffic or demand, and benefits realisation."),
        Figures(
            [
                ("active projects", number(active)),
                ("up to date with highlight reports", number(active - len(overdue))),
                ("overdue highlight reports", number(len(overdue))),
                ("moved on without a gate's document", number(len(exceptions.rows))),
                ("health checks recorded", number(len(checks))),
            ]
        ),
        Heading("Compliance with the gates"),
        Paragraph(
            "Each gate of the PMO process, the projects that have passed it, and whether the "
            "document the gate needs is on record."
        ),
        compliance,
        exceptions,
        Heading("Overdue updates"),
        overdue_table(overdue),
        Heading("Health checks"),
        Table(
            "Health-check results",
            ("Project", "Date", "Still viable", "Governance in place", "PMO process followed"),
            [
                (
                    str(check.project),
                    check.date,
                    yes_no[check.viable],
                    yes_no[check.governance_in_place],
                    yes_no[check.process_followed],
                )
                for check in checks
            ],
            empty=(
                "No health checks recorded yet: PMO records one for a project to check its "
                "viability, governance and support needs."
            ),
        ),
        Heading("Demand trends"),
        demand_trend_figure(council, today),
        demand_figure(council, today),
        Heading("Benefits realisation"),
        realisation_figure(selectors.realisation(council)),
    )
    return doc


@dataclass(frozen=True)
class Report:
    slug: str
    title: str
    description: str
    build: Callable[[Council, date], Document]


REPORTS: dict[str, Report] = {
    report.slug: report
    for report in (
        Report(
            "exceptions",
            "Balanced scorecard exceptions report",
            "The KPIs in the four perspectives; red and amber ones with commentary and actions.",
            exceptions_report,
        ),
        Report(
            "success",
            "Success report",
            "Success headlines and benefits realisation, computed from what was delivered.",
            success_report,
        ),
        Report(
            "headline",
            "P3 headline and insights report",
            "The portfolio by stage and tier, RAG, overdue updates, red flags and benefits.",
            headline_report,
        ),
        Report(
            "governance",
            "PMO governance report",
            "Compliance with the gates, overdue updates, health-check results and demand trends.",
            governance_report,
        ),
    )
}


# The highlight report's RAG measures, in the words of the summary and highlight report.
HIGHLIGHT_RAG = (
    ("Overall", "overall"),
    ("Time", "schedule"),
    ("Cost", "cost"),
    ("Scope", "scope"),
    ("Quality", "quality"),
    ("Benefits", "benefits"),
    ("Risk", "risk"),
)
CHANGE_WORDS = {
    Change.IMPROVED: "↑ Improved",
    Change.WORSE: "↓ Worse",
    Change.SAME: "→ Same",
    Change.NOT_COMPARED: "Not compared",
}


def rag_against_last_period(latest: HighlightReport, previous: HighlightReport | None) -> Table:
    """Each RAG measure this period and last, and whether it improved, got worse or stayed."""
    rows = []
    for label, name in HIGHLIGHT_RAG:
        this, last = getattr(latest, name), getattr(previous, name) if previous else ""
        rows.append(
            (label, STATUS_WORDS[this], STATUS_WORDS[last], CHANGE_WORDS[change(this, last)])
        )
    last_month = f"{previous.period:%B %Y}" if previous else "no earlier report"
    return Table(
        f"RAG status for {latest.period:%B %Y} against last period ({last_month})",
        ("Measure", "This period", "Last period", "Change"),
        rows,
    )


def project_report(project: Project) -> Document:
    """P3 summary and highlight report, for project decision making: this period's RAG against
    last period's for time, cost, scope, quality, benefits and risk; this period and next,
    tolerances, change requests, issues and risks, lessons and the project's benefits."""
    council = project.council
    reports = list(HighlightReport.objects.filter(project=project).order_by("-period", "-pk")[:6])
    latest = reports[0] if reports else None
    previous = reports[1] if len(reports) > 1 else None
    tolerances = portfolio.portfolio_settings(council)
    doc = Document(
        f"Summary and highlight report: {project.title}",
        caption=project.reference,
        council=project.council.name,
    )
    doc.add(
        Table(
            "Summary",
            ("Item", "Detail"),
            [
                ("Stage", project.get_stage_display()),
                ("Tier", project.tier or "No tier"),
                ("Project manager", _person(project.manager)),
                ("Sponsor", _person(project.sponsor)),
                ("Committed finish date", project.committed_finish),
            ],
        )
    )
    if latest is None:
        doc.add(
            Paragraph(
                "No highlight report has been submitted yet. Once the project is active, its "
                "project manager submits a highlight report each month; this report then shows "
                "its RAG status for time, cost, scope, quality, benefits and risk against last "
                "period, with progress, next steps, issues and decisions needed."
            )
        )
    else:
        doc.add(
            Heading(f"Highlight report for {latest.period:%B %Y}"),
            rag_against_last_period(latest, previous),
            Heading("This period", level=3),
            Paragraph(latest.progress),
            Heading("Next period", level=3),
            Paragraph(latest.next_steps),
            Heading("Decisions needed", level=3),
            Paragraph(latest.decisions_needed or "None."),
            Table(
                "RAG status over the last six highlight reports",
                ("Month", *(label for label, _ in HIGHLIGHT_RAG)),
                [
                    (f"{r.period:%B %Y}", *(STATUS_WORDS[getattr(r, n)] for _, n in HIGHLIGHT_RAG))
                    for r in reversed(reports)
                ],
            ),
        )
    risks = Risk.objects.for_council(council).filter(project=project, status=RiskStatus.OPEN)
    doc.add(
        Heading("Tolerances"),
        Table(
            "Tolerances: a change within them is decided without the board",
            ("Who", "Cost (£)", "Time (days)"),
            [
                (
                    "Project manager",
                    tolerances.manager_cost_tolerance,
                    tolerances.manager_time_tolerance_days,
                ),
                (
                    "Sponsor",
                    tolerances.sponsor_cost_tolerance,
                    tolerances.sponsor_time_tolerance_days,
                ),
            ],
            numeric=frozenset({1, 2}),
        ),
        Heading("Change requests"),
        Table(
            "Change requests on this project",
            ("Change request", "Status", "Cost impact (£)", "Time impact (days)"),
            [
                (
                    f"{c.reference}: {c.title}",
                    c.get_status_display(),
                    c.cost_impact,
                    c.time_impact_days,
                )
                for c in project.change_requests.all()
            ],
            numeric=frozenset({2, 3}),
            empty="No change requests: a change to scope, time or cost is raised as one.",
        ),
        Heading("Issues and risks"),
        Paragraph(
            f"Issues this period: {latest.issues or 'None reported.'}"
            if latest
            else "Issues are reported in the monthly highlight report."
        ),
        Table(
            "Open risks on the project's risk register",
            ("Risk", "Score", "Owner", "Next review"),
            [
                (f"{r.reference}: {r.title}", r.score, r.owner or "Not named", r.review_date)
                for r in risks
            ],
            numeric=frozenset({1}),
            empty="No open risks: risks are recorded on the project's risk register.",
        ),
        Heading("Lessons learned"),
        Table(
            "Lessons learned on this project",
            ("Lesson",),
            [(lesson.text,) for lesson in project.lessons.all()],
            empty="No lessons recorded yet: they are recorded during the project and at closure.",
        ),
        Heading("Benefits"),
        benefits_table(
            selectors.benefit_rows(council, selectors.benefits_for(council).filter(project=project))
        ),
    )
    return doc


def _person(user: AbstractUser | None) -> str:
    if user is None:
        return "Not named"
    return str(user.get_full_name() or user.username)
