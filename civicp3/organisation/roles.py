"""The roles a person can hold in a council, and what each role may do.

One table (ACTION_ROLES) says which roles may take each action; views and services ask
`can(roles, action)` and never test role names themselves.
"""

from django.db import models


class Role(models.TextChoices):
    STAFF = "staff", "Member of staff"
    IMPROVEMENT_TEAM = "improvement_team", "Improvement team"
    GREEN_BELT_CHAMPION = "green_belt_champion", "Green belt champion"
    PROJECT_MANAGER = "project_manager", "Project manager"
    SPONSOR = "sponsor", "Sponsor"
    PMO = "pmo", "PMO"
    BOARD_MEMBER = "board_member", "Board member"
    COUNCILLOR = "councillor", "Elected member (councillor)"
    AUDITOR = "auditor", "Auditor"
    COUNCIL_ADMIN = "council_admin", "Council administrator"


ALL_ROLES = frozenset(Role)

# Everyone who follows projects: all but members of staff without a P3 role.
PROJECT_READERS = ALL_ROLES - {Role.STAFF}

# The auditor reads everything and changes nothing; elected members read the reports. Neither
# may take any action that changes a record (tests/test_permission_matrix.py holds the table
# to that).
READ_ONLY_ROLES = frozenset({Role.AUDITOR, Role.COUNCILLOR})
CHANGERS = ALL_ROLES - READ_ONLY_ROLES

ACTION_ROLES: dict[str, frozenset[Role]] = {
    # Everyone who belongs to a council can see its home page and settings (read-only).
    "council.view": ALL_ROLES,
    "settings.view": ALL_ROLES,
    "settings.history": frozenset({Role.COUNCIL_ADMIN, Role.PMO, Role.AUDITOR}),
    # Only the council's administrator changes its configuration.
    "settings.change": frozenset({Role.COUNCIL_ADMIN}),
    # The improvement waiting list and requests: the team that runs it, the champions who
    # pick self-serve work from it, the boards and sponsors who review it, PMO, audit, admin.
    "improvements.view": frozenset(
        {
            Role.IMPROVEMENT_TEAM,
            Role.GREEN_BELT_CHAMPION,
            Role.SPONSOR,
            Role.PMO,
            Role.BOARD_MEMBER,
            Role.AUDITOR,
            Role.COUNCIL_ADMIN,
        }
    ),
    # Everyone follows the requests they raised themselves ("Your requests"), whatever role.
    "improvements.own": ALL_ROLES,
    # Only the improvement team moves a request through its lifecycle or imports work lists.
    "improvements.transition": frozenset({Role.IMPROVEMENT_TEAM}),
    "improvements.import": frozenset({Role.IMPROVEMENT_TEAM}),
    # Anyone in the council who changes records may raise a request through the staff form
    # (the auditor and councillors, like anyone, may use the public form).
    "improvements.raise": CHANGERS,
    # The technical matrix, triage and the pathway decision are the improvement team's.
    "improvements.score": frozenset({Role.IMPROVEMENT_TEAM}),
    # Self-serve work: champions run DMAIC and file phase-completion returns.
    "improvements.deliver": frozenset({Role.IMPROVEMENT_TEAM, Role.GREEN_BELT_CHAMPION}),
    # The service's sponsor signs an improvement off for go-live.
    "improvements.sign_off": frozenset({Role.SPONSOR}),
    # The sponsor agrees or declines change requests on an improvement.
    "improvements.decide_change": frozenset({Role.SPONSOR}),
    # The technical matrix, pathway decision tree, feasibility questions and intake limits.
    "improvements.configure": frozenset({Role.IMPROVEMENT_TEAM, Role.COUNCIL_ADMIN}),
    # The P3 register and each project's pages.
    "projects.view": PROJECT_READERS,
    # Anyone who changes records may put an idea on the register at concept stage.
    "projects.create": CHANGERS,
    # Project documents: brief, business case, plan, RAID, highlight reports, closure.
    "projects.edit": frozenset({Role.PROJECT_MANAGER, Role.PMO}),
    # PMO's gates: classification, pre-project appraisal, key criteria, prioritisation,
    # capacity, health checks and audit sampling.
    "projects.govern": frozenset({Role.PMO}),
    # The CLT governance board and ELT project board's decisions.
    "projects.decide": frozenset({Role.BOARD_MEMBER}),
    # Change requests inside the sponsor's tolerance.
    "projects.sponsor": frozenset({Role.SPONSOR}),
    # Corporate and service risk registers (project risks follow projects.view/edit).
    "risks.view": PROJECT_READERS,
    "risks.edit": frozenset({Role.PROJECT_MANAGER, Role.PMO, Role.SPONSOR}),
    # The Productivity Plan and committee reports: PMO drafts, leadership reviews (sponsor as
    # the leadership team's voice), members read; the published plan is public.
    "plans.view": PROJECT_READERS,
    "plans.edit": frozenset({Role.PMO}),
    "plans.approve": frozenset({Role.PMO, Role.SPONSOR}),
    # Customer feedback ("rate this service"): anyone in the council may give it through the
    # staff form; the improvement team, PMO, members (the voice of the customer), audit and
    # admin read it; the improvement team and admin set the low-rating rule.
    "feedback.give": CHANGERS,  # the auditor and councillors use the public form, as anyone
    "feedback.view": frozenset(
        {Role.IMPROVEMENT_TEAM, Role.PMO, Role.COUNCILLOR, Role.AUDITOR, Role.COUNCIL_ADMIN}
    ),
    "engagement.configure": frozenset({Role.IMPROVEMENT_TEAM, Role.COUNCIL_ADMIN}),
    # Member Improvement Champions: everyone who follows the work sees who they are; the
    # improvement team, who support them, records appointments, meetings and actions; the
    # team records what members heard from customers.
    "champions.view": PROJECT_READERS,
    "champions.manage": frozenset({Role.IMPROVEMENT_TEAM}),
    "champions.insight": frozenset({Role.IMPROVEMENT_TEAM}),
    # Outcome frameworks, the outcomes scorecard and the gap report: PMO loads frameworks,
    # maps KPIs and records published values; everyone who follows the plans reads them.
    "outcomes.view": PROJECT_READERS,
    "outcomes.edit": frozenset({Role.PMO}),
    # Each person issues and revokes their own API tokens; a token carries their roles.
    "api.tokens": ALL_ROLES,
    # Only a role that changes records may hold a token that writes.
    "api.write": CHANGERS,
}

# The actions that only read; every other action changes records.
READ_ACTIONS = frozenset(
    {
        "council.view",
        "settings.view",
        "settings.history",
        "improvements.view",
        "improvements.own",
        "projects.view",
        "risks.view",
        "plans.view",
        "api.tokens",  # read-only tokens; a token that writes needs "api.write"
        "feedback.view",
        "champions.view",
        "outcomes.view",
    }
)


def can(roles: frozenset[str] | set[str], action: str) -> bool:
    """True when any of `roles` may take `action`. An unknown action is a programming error."""
    allowed = ACTION_ROLES[action]
    return any(role in allowed for role in roles)
