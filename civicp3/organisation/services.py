"""Every change to councils, their structure and their people goes through these functions.

Each runs in a transaction; django-simple-history records who changed what (the request's
user, set by its middleware, or `actor` where given).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Lower

from civicp3.lib.errors import DomainError
from civicp3.organisation.models import (
    Council,
    CouncilOwned,
    Directorate,
    Membership,
    ServiceArea,
)
from civicp3.organisation.roles import Role


@transaction.atomic
def council_update(*, council: Council, fields: Mapping[str, Any]) -> Council:
    """Change a council's details and working-day settings."""
    for name, value in fields.items():
        setattr(council, name, value)
    council.full_clean()
    council.save()
    return council


@transaction.atomic
def council_record_save(*, council: Council, record: CouncilOwned) -> CouncilOwned:
    """Add or change one council-owned setting (directorate, service area, priority, board,
    board member or wage rate). The record is checked in full, including its unique names
    within the council, before it is written."""
    record.council = council
    record.full_clean()
    record.save()
    return record


class PersonRefused(DomainError):
    """A change to a person that the one asking may not make."""


IDENTITY_REFUSED = (
    "{name} also belongs to another council, so only they, an administrator of every council "
    "they belong to, or an installation administrator can change their name, email or password"
)


def identity_editable_by(*, person: User, actor: User) -> bool:
    """Whether `actor` may change `person`'s identity (name, email, password): the person
    themself, an installation administrator (superuser), or an administrator of every council
    the person belongs to. A council administrator alone could otherwise take over a person's
    roles in another council by changing the address their invitations and digests go to."""
    if actor.pk == person.pk or actor.is_superuser:
        return True
    belongs = set(Membership.objects.filter(user=person).values_list("council_id", flat=True))
    administers = set(
        Membership.objects.filter(user=actor, role=Role.COUNCIL_ADMIN).values_list(
            "council_id", flat=True
        )
    )
    return belongs <= administers


def identity_check(*, person: User, actor: User | None) -> None:
    """Raise PersonRefused unless `actor` may change `person`'s identity."""
    if actor is None or not identity_editable_by(person=person, actor=actor):
        name = person.get_full_name() or person.username
        raise PersonRefused(IDENTITY_REFUSED.format(name=name), field="email")


@transaction.atomic
def person_save(
    *,
    council: Council,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    roles: Iterable[str],
    user: User | None = None,
    actor: User | None = None,
) -> User:
    """Add a person to a council (or change one already in it) with exactly `roles`.

    A new person gets no usable password: they set one from an invitation. Changing an
    existing person's name or email is refused (PersonRefused) unless `actor` may change
    their identity (see `identity_editable_by`); their roles in `council` may always change.
    """
    if user is None:
        user = User(username=username)
        user.set_unusable_password()
    elif (user.first_name, user.last_name, user.email.lower()) != (
        first_name,
        last_name,
        email.lower(),
    ):
        identity_check(person=user, actor=actor)
    user.first_name, user.last_name, user.email = first_name, last_name, email
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise PersonRefused(messages[0], field=field if field != "__all__" else None) from None
    user.save()
    wanted = {Role(role) for role in roles}
    Membership.objects.filter(council=council, user=user).exclude(role__in=wanted).delete()
    for role in wanted:
        Membership.objects.get_or_create(council=council, user=user, role=role)
    return user


def lock_council(council: Council) -> None:
    """Serialise reference numbers and duplicate checks within one council.

    Call inside a transaction. On PostgreSQL this locks the council's row; SQLite's IMMEDIATE
    transactions already serialise every writer.
    """
    Council.objects.select_for_update().filter(pk=council.pk).exists()


def next_number(model: type[CouncilOwned], council: Council) -> int:
    """The council's next reference number for `model` (which has a `number` field).

    Call after `lock_council` in the same transaction, so two people never get the same number.
    """
    last = model.objects.filter(council=council).aggregate(Max("number"))["number__max"]  # type: ignore[attr-defined]
    return (last or 0) + 1


# --- Imports a new council uses to bring in what it holds in spreadsheets (all or nothing) ---


class ImportRefused(ValueError):
    """The rows have at least one problem, so nothing was written; `errors` names each one
    as "Row N, Column: reason" (row 1 is the heading row, as a spreadsheet counts)."""

    def __init__(self, errors: Iterable[str]) -> None:
        self.errors = list(errors)
        count = len(self.errors)
        super().__init__(
            f"Nothing was imported: the file has {count} problem{'s' if count != 1 else ''}"
        )


@dataclass(frozen=True)
class AreaRow:
    directorate: str
    assistant_director: str
    service_area: str
    monthly_capacity_hours: Decimal
    new: bool


@dataclass(frozen=True)
class PersonRow:
    username: str
    first_name: str
    last_name: str
    email: str
    roles: tuple[str, ...]


AREA_COLUMNS = (
    "Directorate or AD area",
    "Assistant director",
    "Service area",
    "Monthly capacity (hours)",
)
PEOPLE_COLUMNS = ("Username", "First name", "Last name", "Email address", "Roles")


def _table(
    rows: Sequence[Sequence[str]], columns: Sequence[str], optional: set[str]
) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """The data rows of `rows` as {column: text}, found by heading, with the header's problems."""
    numbered = [(n, [str(c or "").strip() for c in row]) for n, row in enumerate(rows, 1)]
    numbered = [(n, row) for n, row in numbered if any(row)]
    if not numbered:
        return [], ["The file is empty"]
    header_row, header = numbered[0]
    positions = {text.lower(): i for i, text in enumerate(header)}
    missing = [c for c in columns if c.lower() not in positions and c not in optional]
    if missing:
        return [], [
            f"Row {header_row}, {', '.join(missing)}: Missing column. The first row must be "
            f"the headings: {', '.join(columns)}"
        ]
    if len(numbered) == 1:
        return [], ["The file has headings but no rows"]
    data = []
    for number, row in numbered[1:]:
        cells = {}
        for column in columns:
            position = positions.get(column.lower())
            cells[column] = row[position] if position is not None and position < len(row) else ""
        data.append((number, cells))
    return data, []


def _check_areas(council: Council, rows: Sequence[Sequence[str]]) -> list[AreaRow]:
    data, errors = _table(rows, AREA_COLUMNS, {"Assistant director"})
    existing = {
        a.lower() for a in ServiceArea.objects.for_council(council).values_list("name", flat=True)
    }
    seen: dict[str, int] = {}
    found = []
    for number, cells in data:
        directorate, area = cells["Directorate or AD area"], cells["Service area"]
        for column, text in (("Directorate or AD area", directorate), ("Service area", area)):
            if not text:
                errors.append(f"Row {number}, {column}: Enter the {column[0].lower() + column[1:]}")
            elif len(text) > 200:
                errors.append(f"Row {number}, {column}: Must be 200 characters or fewer")
        if area and area.lower() in seen:
            errors.append(
                f'Row {number}, Service area: "{area}" is already on row {seen[area.lower()]}'
            )
        seen.setdefault(area.lower(), number)
        capacity_text = cells["Monthly capacity (hours)"].replace(",", "")
        capacity = Decimal(0)
        try:
            capacity = Decimal(capacity_text)
            if not capacity.is_finite() or capacity < 0 or capacity >= 10_000_000:
                raise InvalidOperation
            if capacity != capacity.quantize(Decimal("0.1")):
                errors.append(
                    f"Row {number}, Monthly capacity (hours): Enter hours with no more than "
                    "1 decimal place"
                )
        except InvalidOperation:
            errors.append(
                f'Row {number}, Monthly capacity (hours): "{capacity_text}" is not a number '
                "of hours: enter 0 or more, for example 60"
            )
        found.append(
            AreaRow(
                directorate,
                cells["Assistant director"][:200],
                area,
                capacity,
                area.lower() not in existing,
            )
        )
    if errors:
        raise ImportRefused(errors)
    return found


@transaction.atomic
def service_areas_import(
    *, council: Council, rows: Sequence[Sequence[str]], check_only: bool = False
) -> list[AreaRow]:
    """Add (or update, by name) the council's directorates and service areas with their monthly
    capacity from rows headed AREA_COLUMNS. All or nothing: ImportRefused names every bad row.
    With `check_only` nothing is written (the preview)."""
    lock_council(council)
    found = _check_areas(council, rows)
    if check_only:
        return found
    for row in found:
        directorate = Directorate.objects.for_council(council).filter(
            name__iexact=row.directorate
        ).first() or Directorate(council=council, name=row.directorate)
        if row.assistant_director:
            directorate.assistant_director = row.assistant_director
        council_record_save(council=council, record=directorate)
        area = ServiceArea.objects.for_council(council).filter(
            name__iexact=row.service_area
        ).first() or ServiceArea(council=council, name=row.service_area)
        area.directorate = directorate
        area.monthly_capacity_hours = row.monthly_capacity_hours
        council_record_save(council=council, record=area)
    return found


def _role_of(text: str) -> str | None:
    wanted = " ".join(text.lower().replace("_", " ").split())
    for role in Role:
        if wanted in (role.value.replace("_", " "), str(role.label).lower()):
            return role.value
    return None


def _check_people(rows: Sequence[Sequence[str]]) -> list[PersonRow]:
    data, errors = _table(rows, PEOPLE_COLUMNS, set())
    seen: dict[str, int] = {}
    # Sign-in does not tell "Alex.Smith" from "alex.smith" for people, so neither may the file.
    taken = set(
        User.objects.annotate(lowered=Lower("username"))
        .filter(lowered__in=[cells["Username"].lower() for _, cells in data])
        .values_list("lowered", flat=True)
    )
    found = []
    for number, cells in data:
        for column in PEOPLE_COLUMNS:
            if not cells[column]:
                errors.append(f"Row {number}, {column}: Enter the {column[0].lower() + column[1:]}")
        username = cells["Username"]
        if username.lower() in taken:
            errors.append(f'Row {number}, Username: "{username}" is already taken: choose another')
        elif username and username.lower() in seen:
            errors.append(
                f'Row {number}, Username: "{username}" is already on row {seen[username.lower()]}'
            )
        elif username:
            try:
                User(username=username).clean_fields(
                    exclude=["password", "first_name", "last_name", "email"]
                )
            except ValidationError:
                errors.append(f"Row {number}, Username: Use only letters, numbers and @ . + - _")
        seen.setdefault(username.lower(), number)
        if cells["Email address"]:
            try:
                validate_email(cells["Email address"])
            except ValidationError:
                errors.append(
                    f"Row {number}, Email address: Enter an email address in the correct "
                    "format, like name@example.gov.uk"
                )
        roles = []
        for text in filter(None, (part.strip() for part in cells["Roles"].split(";"))):
            role = _role_of(text)
            if role is None:
                errors.append(
                    f'Row {number}, Roles: "{text}" is not a role: use '
                    + ", ".join(str(r.label) for r in Role)
                )
            else:
                roles.append(role)
        found.append(
            PersonRow(
                username,
                cells["First name"][:150],
                cells["Last name"][:150],
                cells["Email address"],
                tuple(dict.fromkeys(roles)),
            )
        )
    if errors:
        raise ImportRefused(errors)
    return found


@transaction.atomic
def people_import(
    *, council: Council, rows: Sequence[Sequence[str]], check_only: bool = False
) -> list[tuple[PersonRow, User | None]]:
    """Add new people with their roles (several separated by ";") from rows headed
    PEOPLE_COLUMNS. All or nothing: ImportRefused names every bad row. Each person added has
    no usable password until they follow an invitation. With `check_only` nothing is written."""
    lock_council(council)
    found = _check_people(rows)
    if check_only:
        return [(row, None) for row in found]
    return [
        (
            row,
            person_save(
                council=council,
                username=row.username,
                first_name=row.first_name,
                last_name=row.last_name,
                email=row.email,
                roles=row.roles,
            ),
        )
        for row in found
    ]
