"""Demo data for the Maldon demo council: its 2024 Productivity Plan (seeds 000 and 001),
endorsed by the Strategy and Resources Committee, submitted and published (each step kept as a
snapshot of record), and the issued committee report that took it to members with the plan
attached."""

from datetime import date

from django.contrib.auth.models import User

from civicp3.organisation.models import Council
from civicp3.productivity import services
from civicp3.productivity.defaults import MALDON_PRESET, PRODUCTIVITY_PLAN_2024
from civicp3.productivity.models import (
    CommitteeReport,
    CommitteeTemplate,
    Plan,
    PlanStatus,
    ReturnTemplate,
)

TITLE = "Maldon District Council Productivity Plan 2024"
COMMITTEE = "Strategy and Resources Committee"

FOREWORD = """Maldon District Council has used improvement methodologies since it adopted its \
Process Improvement Framework in 2021. This plan sets out what we have done in recent years, \
alongside our current plans, to transform our organisation and services, and the support we \
need from Government."""

NARRATIVES = (
    """Our Corporate Project Management Office (PMO) and Improvement Framework sets out how \
projects and improvements are proposed, prioritised against the Corporate Plan 2023 to 2027 and \
governed. In the 2024/25 budget the PMO and Process Improvement resource was combined, saving \
staffing cost, and the Framework now sets out how the PMO approach works within that resource.

The Improvement Management Service has been developed and embedded using Lean Six Sigma, \
designed to improve performance by removing waste and reducing variation. Staff tell us about \
any process that needs improving through an online form; a second form asks the questions that \
feed a technical matrix, so that every suggestion is scored fairly and the waiting list is \
worked in priority order.

- **Building capacity**: we have trained 24 officers from across the Council as 'Green Belt \
Improvement Champions', who manage improvement projects in their own areas with support and \
guidance from the Improvement team and a monthly workshop.
- **Knowledge transfer**: staff added to the team for specific projects are trained too, so \
the skills stay in the Council.
- **Benefits**: every project and improvement records its benefits, tracked from the business \
case to realisation and reported to members.""",
    """Our Data Management and Insight Strategy and our Technology Strategy define the path of \
our improvement work and our focus as a council. The Corporate Plan's 'smarter finances' goal \
commits us to be digitally efficient and sustainable in our expenditure.

We move customers to online forms, accessible 24/7, integrated with our back office systems \
(Uniform and Civica) so that officers no longer re-key information. Paper-based processes, such \
as food hygiene inspection records, are being replaced with online forms used on site. \
Dashboards give managers live data on demand, performance and benefits, so decisions about \
service design and the use of resources are made on evidence.

Next, we will analyse how our current software is used, retire systems that duplicate each \
other, and automate the routine steps that the waiting list shows take most officer time.""",
    """We challenge spend through the PMO's gates: every project has a business case, \
tolerances and benefits that are tracked until they are realised, and a health check confirms \
that it is still worth doing. Projects that no longer show value are closed early.

We keep spend on consultants to specialist work that cannot be done in-house, and build the \
skills of our own staff instead through green belt training and project management mentoring. \
Discretionary spend is reviewed through the budget process, and the cashable and non-cashable \
savings from improvements are reported to members.""",
    """- **Funding certainty**: multi-year settlements would let us plan invest-to-save work \
beyond a single year.
- **Legacy systems**: national suppliers' systems that do not share data hold back \
automation; Government could set open data standards for the systems councils must buy.
- **Reporting burden**: fewer, simpler government returns would free officer time for \
improvement work.
- **Skills**: support for digital and data skills in district councils, whose small teams \
find it hard to recruit specialists.""",
)

COMMITMENTS = (
    (
        "Adopt the updated PMO and Improvement Framework",
        "Director of Strategy and Resources",
        date(2024, 6, 13),
    ),
    ("Move ten more services to online forms", "Improvements lead", date(2025, 3, 31)),
    ("Report progress on this plan to committee every six months", "PMO", date(2024, 12, 31)),
)


def load_demo(council: Council) -> None:
    template = ReturnTemplate.objects.get(council=council, name=PRODUCTIVITY_PLAN_2024)
    if Plan.objects.filter(council=council, title=TITLE).exists():
        return
    actor = User.objects.filter(username="pmo").first()
    plan = services.plan_create(council=council, template=template, title=TITLE, actor=actor)
    themes = list(template.themes.all())
    services.plan_edit(
        plan=plan,
        foreword=FOREWORD,
        narratives={theme.pk: text for theme, text in zip(themes, NARRATIVES, strict=False)},
        actor=actor,
    )
    for text, owner, due in COMMITMENTS:
        services.commitment_add(plan=plan, text=text, owner=owner, due=due, actor=actor)
    sponsor = User.objects.filter(username="sponsor").first()
    steps = (
        (PlanStatus.REVIEW, {}),
        (PlanStatus.ENDORSED, {"committee": COMMITTEE, "on": date(2024, 6, 13)}),
        (PlanStatus.SUBMITTED, {"on": date(2024, 7, 12)}),
        (PlanStatus.PUBLISHED, {"on": date(2024, 7, 15)}),
    )
    for to, details in steps:
        services.plan_move(plan=plan, to=to, actor=sponsor, **details)  # type: ignore[arg-type]
    if not CommitteeReport.objects.filter(council=council).exists():
        template = CommitteeTemplate.objects.get(council=council, name=MALDON_PRESET)  # seed 000
        framework = services.framework_save(council=council, values=FRAMEWORK)
        values = committee_values() | {"template": template}
        report = services.committee_report_save(council=council, values=values)
        # Seed 000: the framework members adopt is Appendix 1, the plan Appendix 2.
        services.committee_appendix_add(report=report, kind="framework", framework=framework)
        services.committee_appendix_add(report=report, kind="plan", plan=plan)
        pmo = User.objects.filter(username="pmo").first()
        services.committee_report_issue(report=report, actor=pmo, on=date(2024, 6, 4))


# Seed 001: the framework the committee adopted with the plan (seed 000, recommendation (i)).
FRAMEWORK = {
    "title": "Project Management Office (PMO) and Improvement Management (IM) Strategic Framework",
    "version": "2024 - 2027",
    "authors": "Assistant Director of Programme, Performance and Governance; PMO & Improvement "
    "Manager; Process Improvement Specialist",
    "accountable_officer": "Assistant Director of Programme, Performance and Governance",
    "applies_to": "Maldon Council officers",
    "approving_committee": COMMITTEE,
    "approved_on": date(2024, 6, 13),
    "next_review": date(2027, 3, 31),
    "body": """## Achievements against the 2021-2024 Framework

- **Adopting best practices**: staff within the team have completed their apprenticeships and \
hold qualifications that qualify them to train others.
- **Knowledge transfer**: staff added to the team for specific projects are trained too.
- **Building capacity**: 24 'Green belt Champions' from across the Council carry out \
improvements in their own areas.

## Introduction

The 'Project Management Office (PMO) and Improvements' is a service that supports corporate \
projects and improvement initiatives to reduce project failure, and helps to deliver the \
Corporate Plan priority of "Greener Future".

This Framework is an essential part of defining this delivery for the Council, alongside our \
Technology Strategy and Data and Insight Strategy.""",
}


def committee_values() -> dict[str, object]:
    """The seed's report to committee (000), in the councils' template."""
    return {
        "title": "Project and Improvement Management Framework and Maldon District Council "
        "Productivity Plan",
        "committee": COMMITTEE,
        "meeting_date": date(2024, 6, 13),
        "author": "Director of Strategy and Resources",
        "contact": "Assistant Director - Programmes, Performance and Governance",
        "purpose": "To provide the Corporate Project Management Office (PMO) and Improvement "
        "Framework (the Framework) for Committee review and adoption. To provide a "
        "'Productivity Plan' for Committee review and adoption as requested by the Department "
        "for Levelling Up, Housing and Communities (DLUHC).",
        "recommendations": "(i) That the Project Management Office (PMO) and Improvement "
        "Strategic Framework (**APPENDIX 1**) be adopted;\n\n(ii) That the Committee approves "
        "the 'Productivity Plan' at **APPENDIX 2** and receives a six-monthly update on this "
        "going forwards.",
        "key_issues": "The DLUHC wrote to the Council on 16 April 2024 to advise on "
        "expectations for 'Productivity in Local government' and the requirement that Councils "
        "produce Productivity Plans as part of the Local Government Finance Settlement.",
        "options": "To approve the plan, or to approve it with amendments.",
        "consultation": "Senior Leadership Team.",
        "timetable": "Submission to DLUHC by 19 July 2024, then publication on the Council's "
        "website.",
        "conclusion": "The Council's overall 'Productivity Plan' is presented for member "
        "endorsement, with a call on Central government for the support it needs.",
        "priorities_impact": "Smarter finances: these are key documents to define how the "
        "Council will drive efficiency and smart spending of resource.",
        "impact_customers": "A key objective of Projects and Improvements is better service "
        "delivery for our residents.",
        "impact_equalities": "None.",
        "impact_risk": "A methodical approach to projects and improvements and clear governance "
        "/ challenge of this helps to limit corporate risk.",
        "impact_financial": "These are key documents to define how the Council will drive "
        "efficiency and smart spending of resource.",
        "impact_human": "These are key documents to define how the Council will drive "
        "efficiency and smart spending of resource.",
        "impact_legal": "There are no implications directly arising from this report.",
        "impact_climate": "None.",
        "impact_procurement": "None.",
        "background_papers": "Data Management and Insight Strategy; Process Improvement "
        "Framework 2021 - 2024",
        "enquiries_to": "Assistant Director - Programmes, Performance and Governance",
        "chief_executive": "Chief Executive",
        "chief_executive_on": date(2024, 6, 3),
        "s151_officer": "Director of Resources (S151 officer)",
        "s151_officer_on": date(2024, 6, 3),
        "monitoring_officer": "Monitoring Officer",
        "monitoring_officer_on": date(2024, 6, 4),
    }
