"""Real processes against the test's PostgreSQL database: gunicorn app servers, task workers,
and a cookie-keeping HTTP client that signs in through the real form.

Every helper that starts a process is a context manager that stops it (and waits for it) on
the way out, so a failing test leaves nothing running.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import User
from django.db import connection

from civicp3.delivery.services import ImportedPlan, plan_create, plan_replace
from civicp3.organisation.models import Council
from civicp3.portfolio.models import Project
from civicp3.portfolio.services import project_create
from tests.api.conftest import PLAN  # A(5) -> B(3 to 8 days): a forecast that varies
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# One secret shared by every app server: a session signed by one is honoured by the others.
SECRET_KEY = "scale-out-test-shared-secret-key-0123456789-abcdefghijklmnop"


def project_with_plan(council: Council, title: str = "Customer portal replacement") -> Project:
    project = project_create(council=council, title=title)
    plan = plan_create(project=project, start=date.fromisoformat(PLAN["start"]))
    plan_replace(plan=plan, imported=ImportedPlan(PLAN))
    return project


def real_password(user: User) -> None:
    """Give `user` PASSWORD under the servers' hasher (the tests' fast MD5 is not theirs)."""
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.save(update_fields=["password"])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def process_env(**extra: str) -> dict[str, str]:
    """The environment of a process that uses this test's database and the database task queue."""
    db = connection.settings_dict
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TASKS_IMMEDIATE", "TASKS_BACKEND", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DEBUG="1",
        SECRET_KEY=SECRET_KEY,
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        LOG_LEVEL="ERROR",
        **extra,
    )
    return env


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@contextlib.contextmanager
def app_server(**env: str) -> Iterator[str]:
    """A gunicorn app server on a free loopback port (`env` added to its environment)."""
    port = free_port()
    command = [str(BIN / "gunicorn"), "civicp3.wsgi", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--workers", "1", "--log-level", "warning"], env=process_env(**env), cwd=ROOT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start at {url}") from None
                time.sleep(0.1)
        yield url
    finally:
        stop(server)


@contextlib.contextmanager
def task_worker(worker_id: str) -> Iterator[subprocess.Popen[bytes]]:
    """A `civicp3 db_worker` polling the database queue every tenth of a second."""
    options = ["--no-reload", "--no-startup-delay", "--interval", "0.1", "--verbosity", "0"]
    worker = subprocess.Popen(
        [str(BIN / "civicp3"), "db_worker", *options, "--worker-id", worker_id],
        env=process_env(),
        cwd=ROOT,
    )
    try:
        yield worker
    finally:
        stop(worker)


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A throw-away Redis on a free loopback port, keeping nothing on disk; yields its URL."""
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1"]
    server = subprocess.Popen(
        [*command, "--save", "", "--appendonly", "no", "--loglevel", "warning"], cwd=ROOT
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {port}") from None
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(server)


@contextlib.contextmanager
def rq_worker(name: str, redis_url: str) -> Iterator[subprocess.Popen[bytes]]:
    """A `civicp3 rqworker` on the Redis queue at `redis_url`, running Django Tasks' jobs."""
    options = ["--job-class", "django_tasks_rq.Job", "--name", name, "--verbosity", "0"]
    worker = subprocess.Popen(
        [str(BIN / "civicp3"), "rqworker", *options, "default"],
        env=process_env(TASKS_BACKEND="rq", REDIS_URL=redis_url),
        cwd=ROOT,
    )
    try:
        yield worker
    finally:
        stop(worker)


@dataclass
class Page:
    url: str
    html: str


class Visitor:
    """Someone with a browser's cookie jar: the cookies go to every server on 127.0.0.1."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> Page:
        with self.opener.open(url, timeout=30) as response:
            return Page(response.url, response.read().decode())

    def submit(self, url: str, fields: dict[str, str]) -> Page:
        """Fetch the form at `url` and post `fields` to it with the page's CSRF token."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(url).html)
        assert token is not None, f"no CSRF token on {url}"
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token.group(1)}).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        with self.opener.open(request, timeout=30) as response:
            return Page(response.url, response.read().decode())

    def start_forecast(self, server: str, project: Project, seed: int) -> str:
        """Start a forecast through the real form on `server`; returns its page's path."""
        url = f"{server}/projects/{project.number}/forecast/"
        page = self.submit(url, {"iterations": "20000", "seed": str(seed)})
        found = re.search(r"https?://[^/]+(/.*/forecast/\d+/)$", page.url)
        assert found, f"starting a forecast on {server} went to {page.url}"
        return found.group(1)

    def wait_for_finish(self, url: str, timeout: float = 30) -> str:
        """Poll a forecast's page until it has finished (or failed); returns the page."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            html = self.get(url).html
            if "Finish date percentiles" in html or "could not run" in html:
                return html
            time.sleep(0.2)
        raise AssertionError(f"{url} still not finished after {timeout:.0f} s")

    def sign_in(self, server: str, username: str) -> None:
        page = self.submit(f"{server}/sign-in/", {"username": username, "password": PASSWORD})
        assert "/sign-in/" not in page.url, f"signing in as {username} failed"

    @property
    def session(self) -> str | None:
        return next((c.value for c in self.jar if c.name == "sessionid"), None)
