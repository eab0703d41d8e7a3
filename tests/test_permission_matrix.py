"""The role table (organisation/roles.py) drives these tests over every view.

Every view must either be public on purpose (listed below, or marked `@public_view(reason)`)
or be guarded by `@council_view(action)`, whose action is in the table; a new view without
either fails here.
"""

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from civicp3.api.api import api
from civicp3.api.services import token_issue
from civicp3.improvements.services import improvement_raise
from civicp3.organisation.roles import ACTION_ROLES, READ_ACTIONS, READ_ONLY_ROLES, Role, can
from civicp3.portfolio.services import project_create

PUBLIC = {"login", "logout", "healthz"}


def all_views(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # Django admin: staff-only by its own checks
            if entry.namespace == "api":
                continue  # the API's operations are checked below, one by one
            yield from all_views(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield entry.name, prefix + str(entry.pattern), entry.callback


def test_every_view_is_public_on_purpose_or_guarded_by_the_role_table():
    unguarded = []
    for name, route, view in all_views():
        action = getattr(view, "council_action", None)
        if name in PUBLIC or getattr(view, "public_reason", None):
            continue
        if action is None or action not in ACTION_ROLES:
            unguarded.append(f"{name} ({route})")
    assert unguarded == [], f"Views without an entry in the role table: {unguarded}"


def test_the_auditor_and_councillors_may_take_no_action_that_changes_a_record():
    assert set(ACTION_ROLES) >= READ_ACTIONS
    changing = {
        action: sorted(role.value for role in roles & READ_ONLY_ROLES)
        for action, roles in ACTION_ROLES.items()
        if action not in READ_ACTIONS and roles & READ_ONLY_ROLES
    }
    assert changing == {}


def argless_get_views():
    return [
        (name, view.council_action)
        for name, route, view in all_views()
        if name not in PUBLIC
        and not getattr(view, "public_reason", None)
        and "<" not in route
        and name != "council-switch"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_each_role_gets_exactly_what_the_table_allows(org, role):
    client = org.client_for(role.value)
    for name, action in argless_get_views():
        status = client.get(reverse(name)).status_code
        expected = 200 if can({role.value}, action) else 403
        assert status == expected, f"{role.value} on {name} ({action}): {status}"


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_sign_in_from_every_guarded_view(client):
    for name, _action in argless_get_views():
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name


def api_operations():
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield method, f"/api{prefix}{path}", operation.view_func


def test_every_api_operation_is_guarded_by_the_role_table():
    unguarded = [
        f"{method} {path}"
        for method, path, view in api_operations()
        if getattr(view, "council_action", None) not in ACTION_ROLES
    ]
    assert unguarded == [], f"API operations without an entry in the role table: {unguarded}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_each_role_gets_exactly_what_the_table_allows_through_the_api(org, client, role):
    _token, raw = token_issue(council=org.a, user=org.people_a[role.value], name="matrix")
    headers = {"Authorization": f"Bearer {raw}"}
    for method, path, view in api_operations():
        if method != "GET" or "{" in path:
            continue
        status = client.get(path, headers=headers).status_code
        expected = 200 if can({role.value}, view.council_action) else 403
        assert status == expected, f"{role.value} on GET {path}: {status}"


def row_counts() -> dict[str, int]:
    return {
        model._meta.db_table: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_reading_a_page_writes_nothing(org, role):
    """A first visit, by anyone (an auditor included), leaves no row and no history behind:
    a council's configuration is made with the council, and pages only read it."""
    client = org.client_for(role.value)
    improvement = improvement_raise(council=org.a, process_impacted="Bins", problem_statement="Y")
    project = project_create(council=org.a, title="Customer portal")
    pages = [reverse(name) for name, _action in argless_get_views()] + [
        reverse(name, args=[improvement.reference.removeprefix("IMP-")])
        for name in ("improvement-score", "improvement-pathway", "improvement-feasibility")
    ]
    pages += [
        reverse(name, args=[project.number]) for name in ("project-threshold", "project-prioritise")
    ]
    before = row_counts()
    for page in pages:
        assert client.get(page).status_code in (200, 403), page
    assert row_counts() == before
