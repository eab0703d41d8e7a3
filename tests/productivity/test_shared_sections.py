"""A county-wide section: written once by its owner council, read-only in the plans using it."""

import pytest
from django.utils.html import escape

from civicp3.productivity import services
from civicp3.productivity.defaults import return_templates_create
from civicp3.productivity.documents import plan_document
from civicp3.productivity.models import Plan, SharedSection


@pytest.fixture
def section(org) -> SharedSection:  # type: ignore[no-untyped-def]
    response = org.client_for("pmo").post(
        "/productivity-plan/shared-sections/new/",
        {
            "title": "County barriers",
            "text": "- SEND high-needs deficit",
            "shared_with": [org.b.pk],
        },
    )
    assert response.status_code == 302
    return SharedSection.objects.get(council=org.a)


@pytest.fixture
def plan_b(org) -> Plan:  # type: ignore[no-untyped-def]
    template = return_templates_create(org.b)
    return services.plan_create(council=org.b, template=template, title="Beta plan")


def test_another_council_uses_the_section_read_only(org, section, plan_b) -> None:  # type: ignore[no-untyped-def]
    client_b = org.client_for("pmo", council="b")
    barriers = plan_b.template.themes.get(order=4)
    response = client_b.post(
        f"/productivity-plan/{plan_b.pk}/shared-sections/",
        {"theme": barriers.pk, "section": section.pk},
    )
    assert response.status_code == 302
    text = plan_document(plan_b).text()
    assert "County barriers: a section shared by Alpha District Council." in text
    assert "• SEND high-needs deficit" in text

    edit = client_b.get(f"/productivity-plan/{plan_b.pk}/edit/").content.decode()
    assert "It is read only here" in edit
    assert f'name="theme_{barriers.pk}"' not in edit
    client_b.post(
        f"/productivity-plan/{plan_b.pk}/edit/", {"foreword": "", f"theme_{barriers.pk}": "Mine"}
    )
    assert "Mine" not in plan_document(plan_b).text()
    assert client_b.get(f"/productivity-plan/shared-sections/{section.pk}/edit/").status_code == 404
    listing = client_b.get("/productivity-plan/shared-sections/").content.decode()
    assert "Written by Alpha District Council (read only)" in listing
    assert "<li>SEND high-needs deficit</li>" in listing

    # The owner edits it once; the other council's plan shows the new words.
    org.client_for("pmo").post(
        f"/productivity-plan/shared-sections/{section.pk}/edit/",
        {"title": "County barriers", "text": "- Funding certainty", "shared_with": [org.b.pk]},
    )
    assert "• Funding certainty" in plan_document(plan_b).text()


def test_a_section_not_shared_with_the_council_is_refused(org, plan_b) -> None:  # type: ignore[no-untyped-def]
    private = services.shared_section_save(
        council=org.a, title="Alpha only", text="Ours", shared_with=[]
    )
    theme = plan_b.template.themes.get(order=4)
    with pytest.raises(services.PlanError, match="not shared with your council"):
        services.shared_section_use(plan=plan_b, theme_id=theme.pk, section=private)
    response = org.client_for("pmo", council="b").post(
        f"/productivity-plan/{plan_b.pk}/shared-sections/",
        {"theme": theme.pk, "section": private.pk},
    )
    assert "Select a valid choice" in response.content.decode()


def test_a_section_another_councils_plan_uses_stays_shared_with_them(org, section, plan_b) -> None:  # type: ignore[no-untyped-def]
    """Issue 25, M7: unsharing would leave Beta's plan showing Alpha's later edits live."""
    barriers = plan_b.template.themes.get(order=4)
    services.shared_section_use(plan=plan_b, theme_id=barriers.pk, section=section)
    owner = org.client_for("pmo")
    response = owner.post(
        f"/productivity-plan/shared-sections/{section.pk}/edit/",
        {"title": "County barriers", "text": "- Alpha only now"},
    )
    assert response.status_code == 200
    assert (
        escape(
            'Beta Borough Council\'s plan "Beta plan" uses this section: '
            "keep sharing it with Beta Borough Council until they stop using it"
        )
        in response.content.decode()
    )
    section.refresh_from_db()
    assert section.text == "- SEND high-needs deficit"  # nothing of the refused change kept
    assert list(section.shared_with.all()) == [org.b]
    assert "• Alpha only now" not in plan_document(plan_b).text()

    # Once Beta's plan has its own text again, Alpha may stop sharing it.
    services.shared_section_use(plan=plan_b, theme_id=barriers.pk, section=None)
    response = owner.post(
        f"/productivity-plan/shared-sections/{section.pk}/edit/",
        {"title": "County barriers", "text": "- Alpha only now"},
    )
    assert response.status_code == 302
    assert not section.shared_with.exists()
    assert "Alpha only now" not in plan_document(plan_b).text()
