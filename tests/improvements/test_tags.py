"""Tags on improvements ("Covid-19 response", "Website"): set from the request's page, unique in
a council whatever their case, and refused with the field named when a name is bad."""

import pytest
from django.urls import reverse

from civicp3.improvements.models import ImprovementRequest, Tag
from civicp3.improvements.services import (
    ImportRejected,
    ImprovementError,
    improvement_set_tags,
    improvements_import,
)
from civicp3.improvements.worklist import HEADERS
from tests.improvements.conftest import make_request

pytestmark = pytest.mark.django_db


def tags_url(improvement):
    return reverse("improvement-tags", args=[f"{improvement.number:04d}"])


def test_the_team_sets_tags_from_the_page_and_sees_them_as_tags(org):
    improvement = make_request(org.a)
    client = org.client_for("improvement_team")
    page = client.get(improvement.get_absolute_url()).content.decode()
    assert 'name="tags"' in page
    assert "Separate tags with commas" in page
    response = client.post(
        tags_url(improvement), {"tags": " Covid-19 response ,  Website,website"}, follow=True
    )
    body = response.content.decode()
    assert "IMP-0001: tags saved" in body
    assert '<strong class="govuk-tag govuk-tag--grey">Covid-19 response</strong>' in body
    assert '<strong class="govuk-tag govuk-tag--grey">Website</strong>' in body
    assert "Tags set to: Covid-19 response, Website" in body
    assert sorted(improvement.tags.values_list("slug", flat=True)) == [
        "covid-19-response",
        "website",
    ]


def test_a_tag_is_found_whatever_its_case_in_the_same_council(org):
    first = make_request(org.a)
    second = make_request(org.a, process_impacted="Bulky waste")
    improvement_set_tags(improvement=first, names="Website", actor=None)
    improvement_set_tags(improvement=second, names=["WEBSITE", "Covid 19"], actor=None)
    assert Tag.objects.for_council(org.a).count() == 2
    assert [t.name for t in second.tags.all()] == ["Covid 19", "Website"]


def test_a_blank_field_removes_every_tag(org):
    improvement = make_request(org.a)
    improvement_set_tags(improvement=improvement, names="Website", actor=None)
    org.client_for("improvement_team").post(tags_url(improvement), {"tags": "  "})
    assert improvement.tags.count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Website,,Covid", "Enter a tag name between each pair of commas"),
        ("x" * 61, "must be 60 characters or fewer"),
    ],
)
def test_it_refuses_an_empty_or_over_long_name_beside_the_field(org, text, message):
    improvement = make_request(org.a)
    improvement_set_tags(improvement=improvement, names="Kept", actor=None)
    response = org.client_for("improvement_team").post(tags_url(improvement), {"tags": text})
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert 'id="id_tags-error"' in body
    assert [t.name for t in improvement.tags.all()] == ["Kept"]
    with pytest.raises(ImprovementError) as refused:
        improvement_set_tags(improvement=improvement, names=text, actor=None)
    assert refused.value.field == "tags"


def test_staff_and_the_auditor_may_not_set_tags(org):
    improvement = make_request(org.a)
    for role in ("staff", "auditor"):
        response = org.client_for(role).post(tags_url(improvement), {"tags": "Website"})
        assert response.status_code == 403
    assert improvement.tags.count() == 0
    page = org.client_for("auditor").get(improvement.get_absolute_url())
    assert page.status_code == 200
    assert 'name="tags"' not in page.content.decode()


def test_another_councils_user_gets_404_and_tags_stay_in_their_council(org):
    improvement = make_request(org.a)
    client = org.client_for("improvement_team", council="b")
    assert client.post(tags_url(improvement), {"tags": "Website"}).status_code == 404
    assert improvement.tags.count() == 0
    other = make_request(org.b)
    improvement_set_tags(improvement=other, names="Website", actor=None)
    improvement_set_tags(improvement=improvement, names="website", actor=None)
    assert improvement.tags.get().council == org.a
    assert Tag.objects.filter(name__iexact="website").count() == 2


def work_list(*tag_cells):
    rows = [[*HEADERS, "Tags"]]
    for index, cell in enumerate(tag_cells, start=1):
        rows.append(["", f"Process {index}", "", "", f"Problem {index}", "", "", "", cell])
    return rows


def test_an_import_takes_a_tags_column(org):
    Tag.objects.create(council=org.a, name="Website", slug="website")
    created = improvements_import(
        council=org.a, rows_or_file=work_list("Covid-19 response, website", ""), actor=None
    )
    assert [[t.name for t in i.tags.all()] for i in created] == [
        ["Covid-19 response", "Website"],
        [],
    ]
    assert Tag.objects.for_council(org.a).count() == 2


def test_an_import_with_a_bad_tags_cell_names_it_and_writes_nothing(org):
    with pytest.raises(ImportRejected) as refused:
        improvements_import(
            council=org.a, rows_or_file=work_list("Website", "Website,,Covid"), actor=None
        )
    assert [str(e) for e in refused.value.errors] == [
        "Row 3, Tags: Enter a tag name between each pair of commas"
    ]
    assert ImprovementRequest.objects.for_council(org.a).count() == 0
    assert Tag.objects.count() == 0
