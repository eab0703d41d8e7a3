"""The service-areas and people imports: all or nothing, every bad row named."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from civicp3.organisation.models import Directorate, Membership, ServiceArea
from civicp3.organisation.services import (
    AREA_COLUMNS,
    PEOPLE_COLUMNS,
    ImportRefused,
    people_import,
    service_areas_import,
)

pytestmark = pytest.mark.django_db


def test_service_areas_import_adds_directorates_and_areas_and_updates_by_name(org) -> None:
    rows = [
        list(AREA_COLUMNS),
        ["Hannah", "Hannah Smith", "Cemeteries", "40"],
        ["Hannah", "", "A Waste", "75.5"],
    ]
    preview = service_areas_import(council=org.a, rows=rows, check_only=True)
    assert [(r.service_area, r.new) for r in preview] == [("Cemeteries", True), ("A Waste", True)]
    assert not ServiceArea.objects.filter(name="Cemeteries").exists()

    service_areas_import(council=org.a, rows=rows)
    cemeteries = ServiceArea.objects.get(council=org.a, name="Cemeteries")
    assert cemeteries.directorate.name == "Hannah"
    assert cemeteries.directorate.assistant_director == "Hannah Smith"
    assert ServiceArea.objects.get(council=org.a, name="A Waste").monthly_capacity_hours == Decimal(
        "75.5"
    )
    service_areas_import(council=org.a, rows=[rows[0], ["Hannah", "", "Cemeteries", "10"]])
    assert ServiceArea.objects.get(council=org.a, name="Cemeteries").monthly_capacity_hours == 10
    assert not ServiceArea.objects.filter(council=org.b, name="Cemeteries").exists()


def test_a_bad_service_areas_file_names_every_bad_row_and_imports_nothing(org) -> None:
    rows = [
        list(AREA_COLUMNS),
        ["Hannah", "", "Cemeteries", "40"],
        ["", "", "Licensing", "lots"],
        ["Sue", "", "Cemeteries", "-1"],
        ["Sue", "", "Events", "2.25"],
    ]
    with pytest.raises(ImportRefused) as refused:
        service_areas_import(council=org.a, rows=rows)
    assert refused.value.errors == [
        "Row 3, Directorate or AD area: Enter the directorate or AD area",
        'Row 3, Monthly capacity (hours): "lots" is not a number of hours: enter 0 or more, '
        "for example 60",
        'Row 4, Service area: "Cemeteries" is already on row 2',
        'Row 4, Monthly capacity (hours): "-1" is not a number of hours: enter 0 or more, '
        "for example 60",
        "Row 5, Monthly capacity (hours): Enter hours with no more than 1 decimal place",
    ]
    assert not Directorate.objects.filter(name__in=["Hannah", "Sue"]).exists()


def test_a_file_without_the_headings_says_which_are_missing(org) -> None:
    with pytest.raises(ImportRefused) as refused:
        service_areas_import(council=org.a, rows=[["Name", "Hours"], ["Waste", "3"]])
    assert refused.value.errors[0].startswith(
        "Row 1, Directorate or AD area, Service area, Monthly capacity (hours): Missing column"
    )
    with pytest.raises(ImportRefused) as refused:
        service_areas_import(council=org.a, rows=[])
    assert refused.value.errors == ["The file is empty"]
    with pytest.raises(ImportRefused) as refused:
        people_import(council=org.a, rows=[list(PEOPLE_COLUMNS)])
    assert refused.value.errors == ["The file has headings but no rows"]


def test_people_import_adds_people_with_roles_and_no_password(org) -> None:
    rows = [
        list(PEOPLE_COLUMNS),
        ["jbloggs", "Joe", "Bloggs", "joe@example.gov.uk", "Project manager; sponsor"],
    ]
    assert people_import(council=org.a, rows=rows, check_only=True)[0][1] is None
    assert not User.objects.filter(username="jbloggs").exists()
    [(_row, user)] = people_import(council=org.a, rows=rows)
    assert user is not None
    assert not user.has_usable_password()
    assert set(
        Membership.objects.filter(user=user, council=org.a).values_list("role", flat=True)
    ) == {
        "project_manager",
        "sponsor",
    }


def test_a_username_that_differs_only_in_case_from_a_taken_one_is_refused(org) -> None:
    rows = [list(PEOPLE_COLUMNS), ["PMO", "Pat", "Morgan", "pat@example.gov.uk", "PMO"]]
    with pytest.raises(ImportRefused) as refused:
        people_import(council=org.a, rows=rows)
    assert refused.value.errors == ['Row 2, Username: "PMO" is already taken: choose another']
    assert not User.objects.filter(username="PMO").exists()


def test_a_bad_people_file_names_every_bad_row_and_adds_nobody(org) -> None:
    rows = [
        list(PEOPLE_COLUMNS),
        ["newone", "New", "One", "new@example.gov.uk", "PMO"],
        ["pmo", "Taken", "Name", "pmo@example.gov.uk", "PMO"],
        ["NEWONE", "Twice", "Over", "not-an-email", "Wizard"],
        ["bad name!", "", "Person", "p@example.gov.uk", "Auditor"],
    ]
    with pytest.raises(ImportRefused) as refused:
        people_import(council=org.a, rows=rows)
    errors = refused.value.errors
    assert 'Row 3, Username: "pmo" is already taken: choose another' in errors
    assert 'Row 4, Username: "NEWONE" is already on row 2' in errors
    assert (
        "Row 4, Email address: Enter an email address in the correct format, "
        "like name@example.gov.uk" in errors
    )
    assert any(
        e.startswith('Row 4, Roles: "Wizard" is not a role: use Member of staff') for e in errors
    )
    assert "Row 5, First name: Enter the first name" in errors
    assert "Row 5, Username: Use only letters, numbers and @ . + - _" in errors
    assert not User.objects.filter(username__iexact="newone").exists()
