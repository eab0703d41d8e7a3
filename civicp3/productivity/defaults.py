"""The built-in return: the 2024 Productivity Plan, its four themes as the government set them.

A council gets its own copy (data it may edit, or add to with another template such as a
report against the Local Outcomes Framework); `return_templates_create` makes it with the council.
"""

from datetime import date

from django.db import transaction

from civicp3.organisation.models import Council
from civicp3.productivity.models import CommitteeSection, CommitteeTemplate, ReturnTemplate, Theme

PRODUCTIVITY_PLAN_2024 = "Productivity Plan 2024"

THEMES_2024: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "How you have transformed the way you design and deliver services to make better use "
        "of resources",
        "Set out what you have done in recent years, alongside your current plans, to transform "
        "your organisation and services.",
        ("improvements_delivered", "hours_and_money_saved", "projects_by_priority"),
    ),
    (
        "How you plan to take advantage of technology and make better use of data to improve "
        "decision making, service design and use of resources",
        "Include channel shift to online services, and your technology and data projects.",
        ("channel_shift", "technology_projects"),
    ),
    (
        "Your plans to reduce wasteful spend within your organisation and systems",
        "Include spend on consultants, discretionary spend such as staff EDI programmes and "
        "trade union facility time, and the savings you have realised and plan to realise.",
        ("savings_realised_planned",),
    ),
    (
        "The barriers preventing progress that the Government can help to reduce or remove",
        "Name the barriers, and what the Government could do to reduce or remove them.",
        (),
    ),
)


@transaction.atomic
def return_templates_create(council: Council) -> ReturnTemplate:
    """Give a new council its built-in 2024 Productivity Plan template."""
    template, created = ReturnTemplate.objects.get_or_create(
        council=council,
        name=PRODUCTIVITY_PLAN_2024,
        defaults={
            "requested_by": "Department for Levelling Up, Housing and Communities (DLUHC)",
            "introduction": (
                "The Minister for Local Government wrote to Local Authority Chief Executives on "
                "16 April 2024 requesting a Productivity Plan: three to four pages, with Member "
                "oversight and endorsement before it is submitted and published on the "
                "council's website."
            ),
            "deadline": date(2024, 7, 19),
            "min_pages": 3,
            "max_pages": 4,
            "built_in": True,
        },
    )
    if created:
        Theme.objects.bulk_create(
            Theme(
                council=council,
                template=template,
                order=order,
                title=title,
                prompt=prompt,
                evidence=list(evidence),
            )
            for order, (title, prompt, evidence) in enumerate(THEMES_2024, start=1)
        )
    return template


# Committee report templates, built from the three councils' papers in the seeds: (field,
# heading, part) in order. "officers" is the statutory officers' table and "appendices" the
# generated list of appendices; every other field is a part of the report a person writes.
F, B, IMP = "field", "body", "implication"
COMMITTEE_PRESETS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str, str], ...]]] = {
    "Maldon District Council (Strategy and Resources Committee)": (
        ("Chief Executive", "Director of Resources (S151 officer)", "Monitoring Officer"),
        (
            ("purpose", "Purpose of the report", B),
            ("recommendations", "Recommendations", B),
            ("key_issues", "Summary of key issues", B),
            ("conclusion", "Conclusion", B),
            ("priorities_impact", "Impact on priorities as set out in the Corporate Plan", B),
            ("impact_customers", "Impact on Customers", IMP),
            ("impact_equalities", "Impact on Equalities", IMP),
            ("impact_risk", "Impact on Risk (including Fraud implications)", IMP),
            ("impact_financial", "Impact on Resources (financial)", IMP),
            ("impact_human", "Impact on Resources (human)", IMP),
            ("appendices", "Appendices", F),
            ("background_papers", "Background Papers", F),
            ("enquiries_to", "Enquiries to", F),
            ("officers", "Statutory officers' approvals", F),
        ),
    ),
    "Derbyshire Dales District Council (Governance and Resources Committee)": (
        (
            "Chief Executive",
            "Director of Resources/ S.151 Officer (or Financial Services Manager)",
            "Monitoring Officer (or Legal Services Manager)",
        ),
        (
            ("open_or_exempt", "Open or exempt report", F),
            ("contact", "Report Author and Contact Details", F),
            ("wards_affected", "Wards Affected", F),
            ("summary", "Report Summary", F),
            ("recommendations", "Recommendations", F),
            ("appendices", "List of Appendices", F),
            ("background_papers", "Background Papers", F),
            ("other_committee", "Consideration of report by Council or other committee", F),
            ("council_approval", "Council Approval Required", F),
            ("exempt", "Exempt from Press or Public", F),
            ("background", "Background", B),
            ("key_issues", "Key Issues", B),
            ("options", "Options Considered and Recommended Proposal", B),
            ("consultation", "Consultation", B),
            ("timetable", "Timetable for Implementation", B),
            ("impact_policy", "Policy Implications", B),
            ("impact_financial", "Financial and Resource Implications", B),
            ("impact_procurement", "Procurement Implications", B),
            ("impact_legal", "Legal Advice and Implications", B),
            ("impact_equalities", "Equalities Implications", B),
            ("impact_climate", "Climate Change Implications", B),
            ("impact_risk", "Risk Management", B),
            ("officers", "Report Authorisation", F),
        ),
    ),
    "Oadby and Wigston Borough Council (Council)": (
        ("Head of Paid Service", "Chief Finance Officer", "Monitoring Officer"),
        (
            ("purpose", "Purpose of Report", F),
            ("summary", "Report Summary", F),
            ("recommendations", "Recommendation(s)", F),
            (
                "contact",
                "Senior Leadership, Head of Service, Manager, Officer and Other Contact(s)",
                F,
            ),
            ("strategic_objectives", "Strategic Objectives", F),
            ("impact_legal", "Legal", F),
            ("impact_financial", "Financial", F),
            ("corporate_risks", "Corporate Risk Management", F),
            ("impact_equalities", "Equalities and Equalities Assessment (EA)", F),
            ("impact_human_rights", "Human Rights", F),
            ("impact_health_safety", "Health and Safety", F),
            ("officers", "Statutory Officers' Comments", F),
            ("consultation", "Consultees", F),
            ("background_papers", "Background Papers", F),
            ("appendices", "Appendices", F),
            ("background", "Background and Approach", B),
        ),
    ),
}
MALDON_PRESET, DERBYSHIRE_DALES_PRESET, OADBY_WIGSTON_PRESET = COMMITTEE_PRESETS


@transaction.atomic
def committee_templates_create(council: Council) -> list[CommitteeTemplate]:
    """Give a new council the three preset committee report templates, as its own data."""
    templates = []
    for name, (officers, sections) in COMMITTEE_PRESETS.items():
        template, created = CommitteeTemplate.objects.get_or_create(
            council=council, name=name, defaults={"officer_titles": list(officers)}
        )
        if created:
            CommitteeSection.objects.bulk_create(
                CommitteeSection(
                    council=council,
                    template=template,
                    order=order,
                    field=field,
                    heading=heading,
                    part=part,
                )
                for order, (field, heading, part) in enumerate(sections, start=1)
            )
        templates.append(template)
    return templates
