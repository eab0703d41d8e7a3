"""Register exports at stable URLs that Power Query's Web connector refreshes with a token."""

import csv
import io

import openpyxl
import pytest
from django.test import Client

from civicp3.api.services import token_issue, token_revoke
from civicp3.portfolio.services import project_create

pytestmark = pytest.mark.django_db

REGISTER_CSV = "/projects/export/csv/"


@pytest.fixture
def tokens(org) -> dict[str, str]:  # type: ignore[no-untyped-def]
    project_create(council=org.a, title="Alpha's waste round")
    project_create(council=org.b, title="Beta's secret project")
    _, a = token_issue(council=org.a, user=org.people_a["pmo"], name="Power BI")
    _, b = token_issue(council=org.b, user=org.people_b["pmo"], name="Power BI")
    return {"a": a, "b": b}


def get(url: str, token: str | None = None):  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client().get(url, headers=headers)


def test_a_read_token_fetches_its_councils_register(tokens) -> None:
    response = get(REGISTER_CSV, tokens["a"])
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    titles = [row[1] for row in rows[1:]]
    assert titles == ["Alpha's waste round"]


def test_the_xlsx_export_reads_back_in_excel_form(tokens) -> None:
    response = get("/projects/export/xlsx/", tokens["a"])
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Alpha's waste round" in values
    assert "Beta's secret project" not in values


def test_another_councils_token_gets_only_that_council(tokens) -> None:
    body = get(REGISTER_CSV, tokens["b"]).content.decode("utf-8-sig")
    assert "Beta's secret project" in body
    assert "Alpha's waste round" not in body


def test_it_is_refused_without_a_token(tokens) -> None:
    response = get(REGISTER_CSV)
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_it_is_refused_with_a_bad_or_revoked_token(org, tokens) -> None:
    assert get(REGISTER_CSV, "cp3_not-a-token").status_code == 401
    record = org.people_a["pmo"].api_tokens.get()
    token_revoke(token=record, actor=org.people_a["pmo"])
    response = get(REGISTER_CSV, tokens["a"])
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="civicp3"'


def test_a_token_opens_exports_only_not_pages(tokens) -> None:
    response = get("/projects/", tokens["a"])
    assert response.status_code == 302


def test_the_token_carries_the_persons_roles(org, tokens) -> None:
    _, staff = token_issue(council=org.a, user=org.people_a["staff"], name="Excel")
    assert get(REGISTER_CSV, staff).status_code == 403
