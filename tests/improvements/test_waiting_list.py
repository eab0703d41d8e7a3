"""The waiting list page: the seed's columns, in score order for each pathway, filtered,
paginated and downloadable, for the right people in the right council only."""

import csv
import html
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from civicp3.improvements.lifecycle import Status
from civicp3.improvements.models import ImprovementRequest
from civicp3.improvements.worklist import HEADERS
from civicp3.organisation.models import Directorate, ServiceArea
from tests.improvements.conftest import SEED_ROWS, make_request

pytestmark = pytest.mark.django_db

URL = reverse("improvement-waiting-list")


def export_url(fmt):
    return reverse("improvement-waiting-list-export", kwargs={"fmt": fmt})


def row_headers(body: str) -> list[str]:
    """The process impacted of each row, in the order a person reads them."""
    pattern = r'<th scope="row"[^>]*>\s*<a class="govuk-link" href="[^"]+">([^<]+)</a>'
    return [html.unescape(text) for text in re.findall(pattern, body)]


def seed_order():
    return [
        row["Process Impacted"]
        for pathway in ("PIP", "QW", "GBC")
        for row in SEED_ROWS
        if row["Pathway"] == pathway
    ]


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_it_lists_each_pathway_in_score_order_with_the_seeds_columns(seeded):
    client = seeded.client_for("improvement_team")
    first = client.get(URL)
    second = client.get(URL, {"page": 2})
    body = first.content.decode()
    assert first.status_code == 200
    assert row_headers(body) + row_headers(second.content.decode()) == seed_order()
    assert "<strong>26 requests</strong>" in body
    assert "Fully managed (PIP): 7 requests</caption>" in body
    assert "Supported quick win (QW): 10 requests</caption>" in body
    assert "Self-serve by a green belt champion (GBC) (continued): 9 requests" in (
        second.content.decode()
    )
    headers = re.findall(r'<th scope="col" class="govuk-table__header[^"]*">([^<]+)</th>', body)
    assert headers[:8] == [
        "Score",
        "Process impacted",
        "AD area",
        "Service area",
        "Problem statement: what is the issue?",
        "What we require",
        "Form required?",
        "Pathway",
    ]
    assert "<caption" in body


def test_a_newly_scored_request_lands_in_its_place_by_score(seeded):
    make_request(
        seeded.a,
        Status.SCORED,
        process_impacted="Garden waste renewals",
        score=Decimal("46"),
        pathway="PIP",
    )
    body = seeded.client_for("pmo").get(URL).content.decode()
    order = row_headers(body)
    assert order.index("Garden waste renewals") == 3  # after 67, 65 and 49; before 44
    assert "Scored</strong>" in body


def test_it_leaves_off_requests_not_scored_or_already_started(seeded):
    make_request(seeded.a, Status.SUBMITTED, process_impacted="Not scored yet")
    make_request(
        seeded.a, Status.IN_DELIVERY, process_impacted="Being delivered", score=Decimal("90")
    )
    body = seeded.client_for("pmo").get(URL).content.decode()
    assert "Not scored yet" not in body
    assert "Being delivered" not in body


def test_it_filters_by_pathway_ad_area_and_service_area(seeded):
    client = seeded.client_for("improvement_team")
    hannah = Directorate.objects.get(council=seeded.a, name="Hannah")
    health = ServiceArea.objects.get(council=seeded.a, name="Environmental Health")
    body = client.get(URL, {"pathway": "QW", "ad_area": hannah.pk}).content.decode()
    assert row_headers(body) == [
        "noise complaint",
        "Application for the review of a premises license",
        "Report a nuisance",
        "customer to contact us to raise noise nuisance report",
    ]
    assert "Fully managed (PIP):" not in body
    body = client.get(URL, {"service_area": health.pk}).content.decode()
    assert row_headers(body) == [
        "Food hygiene inspections and audit record",
        "Report a nuisance",
        "customer to contact us to raise noise nuisance report",
        "Export certificates",
    ]
    assert f'<option value="{health.pk}" selected>' in body


def test_it_says_when_nothing_matches(seeded):
    cheryl = Directorate.objects.get(council=seeded.a, name="Cheryl")
    body = (
        seeded.client_for("pmo").get(URL, {"pathway": "GBC", "ad_area": cheryl.pk}).content.decode()
    )
    assert "No requests on the waiting list match these filters." in body
    assert "Download as CSV" not in body


def test_it_shows_an_error_summary_for_a_bad_filter_not_a_500(seeded):
    theirs = ServiceArea.objects.get(council=seeded.b)
    response = seeded.client_for("pmo").get(
        URL, {"service_area": theirs.pk, "pathway": "nonsense", "page": "x"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert 'href="#id_service_area">Select one of the options in the list' in body
    assert 'href="#id_pathway">Select one of the options in the list' in body
    assert "<title>Error: " in body


def test_pagination_keeps_the_filters(seeded):
    body = seeded.client_for("pmo").get(URL).content.decode()
    assert 'href="?page=2"' in body
    for number in range(30):
        make_request(
            seeded.a,
            Status.WAITING_LIST,
            process_impacted=f"Extra {number}",
            score=Decimal("1"),
            pathway="QW",
        )
    body = seeded.client_for("pmo").get(URL, {"pathway": "QW"}).content.decode()
    assert 'href="?pathway=QW&amp;page=2"' in body


def test_it_exports_csv_in_the_seeds_layout_and_order(seeded):
    client = seeded.client_for("auditor")
    response = client.get(export_url("csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="waiting-list-alpha-' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == list(HEADERS)
    assert [row[1] for row in rows[1:]] == seed_order()
    with open(
        "civicp3/demo_data/maldon-improvement-worklist-2024.csv", newline="", encoding="utf-8"
    ) as handle:
        seed = list(csv.reader(handle))
    assert rows[1] == seed[1]
    assert sorted(rows) == sorted(seed)


def test_it_exports_the_filtered_list_as_xlsx(seeded):
    client = seeded.client_for("improvement_team")
    response = client.get(export_url("xlsx"), {"pathway": "PIP", "page": "2"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == list(HEADERS)
    assert len(rows) == 1 + 7
    assert rows[1][:4] == [67, "Contact us form and process", "Sue", "CSA / ALL STAFF"]
    assert rows[-1][1] == "council tax - change of tenant's pathway and form"


def test_an_export_never_turns_text_into_a_formula(seeded):
    make_request(
        seeded.a,
        Status.WAITING_LIST,
        process_impacted='=HYPERLINK("http://evil.example","click")',
        score=Decimal("99"),
        pathway="PIP",
    )
    client = seeded.client_for("pmo")
    assert read_csv(client.get(export_url("csv")))[1][1].startswith("'=HYPERLINK")
    workbook = load_workbook(io.BytesIO(client.get(export_url("xlsx")).content))
    cell = workbook.active["B2"]
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")


def test_an_unknown_export_format_is_404(seeded):
    assert seeded.client_for("pmo").get(export_url("pdf")).status_code == 404


def test_a_person_of_another_council_sees_none_of_its_requests(seeded):
    client = seeded.client_for("improvement_team", council="b")
    body = client.get(URL).content.decode()
    assert "There are no scored requests on the waiting list yet." in body
    assert "Contact us form and process" not in body
    assert read_csv(client.get(export_url("csv"))) == [list(HEADERS)]


@pytest.mark.parametrize(
    "role", ["improvement_team", "green_belt_champion", "pmo", "board_member", "auditor"]
)
def test_it_shows_the_list_to_the_people_who_work_it(seeded, role):
    response = seeded.client_for(role).get(URL)
    assert response.status_code == 200
    assert 'href="/improvements/waiting-list/"' in response.content.decode()  # navigation


@pytest.mark.parametrize("role", ["staff", "councillor", "project_manager"])
def test_it_refuses_other_roles(seeded, role):
    client = seeded.client_for(role)
    assert client.get(URL).status_code == 403
    assert client.get(export_url("csv")).status_code == 403
    assert "Waiting list" not in client.get(reverse("home")).content.decode()


def test_it_asks_a_visitor_to_sign_in(client, seeded):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert ImprovementRequest.objects.filter(council=seeded.a).count() == 26
