"""The council settings an administrator keeps in the app: one entry per kind of record.

The settings views are generic over this table, so adding a kind of setting is one entry.
"""

from dataclasses import dataclass

from civicp3.organisation import forms
from civicp3.organisation.models import (
    Board,
    BoardMember,
    CorporatePriority,
    CouncilOwned,
    Directorate,
    ServiceArea,
    WageRate,
)


@dataclass(frozen=True)
class Section:
    model: type[CouncilOwned]
    form: type[forms.CouncilModelForm]
    title: str
    singular: str
    columns: tuple[tuple[str, str], ...]
    description: str
    select_related: tuple[str, ...] = ()


SECTIONS: dict[str, Section] = {
    "directorates": Section(
        model=Directorate,
        form=forms.DirectorateForm,
        title="Directorates and AD areas",
        singular="directorate or AD area",
        columns=(("name", "Name"), ("assistant_director", "Assistant director")),
        description="The council's directorates or assistant-director (AD) areas. "
        "Each service area belongs to one.",
    ),
    "service-areas": Section(
        model=ServiceArea,
        form=forms.ServiceAreaForm,
        title="Service areas",
        singular="service area",
        columns=(
            ("name", "Name"),
            ("directorate", "Directorate or AD area"),
            ("monthly_capacity_hours", "Monthly capacity (hours)"),
        ),
        description="Services, and the hours each can give to project and improvement work "
        "a month. The PMO raises a red flag when demand exceeds this capacity.",
        select_related=("directorate",),
    ),
    "priorities": Section(
        model=CorporatePriority,
        form=forms.CorporatePriorityForm,
        title="Corporate priorities",
        singular="corporate priority",
        columns=(("name", "Name"), ("description", "Description")),
        description="The corporate plan's priorities. Projects are scored against them.",
    ),
    "boards": Section(
        model=Board,
        form=forms.BoardForm,
        title="Boards",
        singular="board",
        columns=(("name", "Name"), ("kind", "Type"), ("meets", "Meets")),
        description="The boards that approve, start, pause and close work, such as the CLT "
        "governance board and the ELT project board.",
    ),
    "board-members": Section(
        model=BoardMember,
        form=forms.BoardMemberForm,
        title="Board members",
        singular="board member",
        columns=(("board", "Board"), ("user", "Person"), ("position", "Position")),
        description="Who sits on each board.",
        select_related=("board", "user"),
    ),
    "wage-rates": Section(
        model=WageRate,
        form=forms.WageRateForm,
        title="Wage rates",
        singular="wage rate",
        columns=(("grade", "Pay grade"), ("hourly_cost", "Hourly cost (£)")),
        description="Hourly pay by grade, used with the on-cost percentage to value officer "
        "hours saved.",
    ),
}
