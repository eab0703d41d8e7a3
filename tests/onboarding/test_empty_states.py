"""A council that has only just started: every list says what it is for and how to fill it."""

from html import unescape

import pytest

pytestmark = pytest.mark.django_db

# (who looks, the list page, what its empty state must say)
EMPTY_LISTS = [
    (
        "improvement_team",
        "/improvements/waiting-list/",
        "The waiting list holds improvement requests the improvement team has scored",
    ),
    ("improvement_team", "/improvements/waiting-list/", "Import a work list"),
    (
        "green_belt_champion",
        "/improvements/self-serve/",
        "once the improvement team chooses the self-serve (GBC) pathway",
    ),
    ("improvement_team", "/improvements/workshops/", "Record each green belt champions' workshop"),
    ("improvement_team", "/improvements/training/", "No training cohorts recorded yet."),
    ("pmo", "/risks/service/", "No risks yet. Add each risk with its likelihood and impact"),
    ("pmo", "/risks/corporate/", "high scores are escalated to the corporate risk register"),
    ("board_member", "/decisions/", "Each decision of the CLT governance board"),
    ("pmo", "/jobs/", "You have not started any background work in this council yet."),
    ("pmo", "/search/?q=nothing-like-this", "Try fewer words, a reference such as IMP-0012"),
    ("council_admin", "/settings/priorities/", "There are no corporate priorities yet."),
    (
        "council_admin",
        "/onboarding/priorities/",
        "There are no corporate priorities yet. Add each priority from your corporate plan.",
    ),
    (
        "council_admin",
        "/onboarding/work-list/",
        "There are no improvement requests yet. Import your work list below.",
    ),
]


@pytest.mark.parametrize(("role", "url", "text"), EMPTY_LISTS)
def test_an_empty_list_explains_itself(org, role, url, text) -> None:
    response = org.client_for(role).get(url)
    assert response.status_code == 200
    assert text in unescape(response.content.decode())
