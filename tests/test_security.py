"""Headers and settings that keep the service safe."""

import os
import subprocess
import sys

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_sends_a_content_security_policy_without_unsafe_inline(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_the_inline_script_carries_the_nonce(client):
    response = client.get(reverse("login"))
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_it_refuses_a_post_without_a_csrf_token(org):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(org.people_a["council_admin"])
    response = client.post(reverse("settings-add", kwargs={"kind": "priorities"}), {"name": "X"})
    assert response.status_code == 403


def production_settings(**env):
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
        "settings.SECURE_HSTS_SECONDS, settings.DEBUG, "
        "settings.STORAGES['staticfiles']['BACKEND']]))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "civicp3.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_defaults_to_safe_production_settings():
    result = production_settings(SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '[true, true, 31536000, false, "whitenoise.storage.CompressedManifestStaticFilesStorage"]'
    )


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = production_settings()
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_it_rejects_a_malformed_boolean():
    result = production_settings(SECRET_KEY="x" * 50, DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_error_pages_use_the_service_style(org):
    response = org.client_for("pmo").get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert "govuk-header" in body
