"""The role guides: each is in docs/guides with the pictures it shows, and the same guide is a
page in the app, linked from each role's home page."""

import pytest

from civicp3.guides import content
from civicp3.organisation.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("guide", content.GUIDES, ids=lambda g: g.slug)
def test_every_picture_a_guide_shows_exists_and_every_step_has_one(guide) -> None:
    page = content.page(guide)
    assert page.title
    assert len(page.sections) >= 3
    for name in page.images:
        assert (content.guides_dir() / "images" / name).is_file(), name
    assert all(any(isinstance(block, content.Figure) for block in s.blocks) for s in page.sections)


def test_every_role_that_works_in_the_app_has_a_guide() -> None:
    covered = set().union(*(guide.roles for guide in content.GUIDES))
    assert covered >= set(Role) - {Role.COUNCILLOR, Role.AUDITOR}
    assert (content.guides_dir() / "README.md").read_text().count("](") == len(content.GUIDES)


def test_a_guide_page_shows_its_steps_and_pictures(org) -> None:
    client = org.client_for("pmo")
    page = client.get("/guides/pmo-officer/").content.decode()
    assert '<h1 class="govuk-heading-l">Civic P3 for PMO officers</h1>' in page
    assert '<h2 class="govuk-heading-m" id="step-2">2. Keep the P3 register</h2>' in page
    assert 'src="/guides/images/pmo-officer-register.png"' in page
    assert "Gold, Silver or Bronze" in page
    picture = client.get("/guides/images/pmo-officer-register.png")
    assert picture["Content-Type"] == "image/png"
    assert b"".join(picture.streaming_content).startswith(b"\x89PNG")


def test_the_index_lists_every_guide_and_points_to_yours(org) -> None:
    page = org.client_for("green_belt_champion").get("/guides/").content.decode()
    for guide in content.GUIDES:
        assert f'href="/guides/{guide.slug}/"' in page
    assert "the guide for the improvement team and green belt champions" in page


@pytest.mark.parametrize(
    ("role", "slug"),
    [
        ("pmo", "pmo-officer"),
        ("project_manager", "project-manager"),
        ("board_member", "sponsor-and-board-member"),
        ("improvement_team", "improvement-team"),
        ("staff", "service-manager"),
        ("council_admin", "council-administrator"),
    ],
)
def test_each_roles_home_page_links_to_its_guide(org, role, slug) -> None:
    page = org.client_for(role).get("/").content.decode()
    assert f'href="/guides/{slug}/"' in page


def test_only_guide_pictures_are_served_and_only_to_people_signed_in(org, client) -> None:
    admin = org.client_for("council_admin")
    assert admin.get("/guides/images/..%2Fpmo-officer.md").status_code == 404
    assert admin.get("/guides/images/missing.png").status_code == 404
    assert admin.get("/guides/no-such-guide/").status_code == 404
    assert client.get("/guides/").status_code == 302
