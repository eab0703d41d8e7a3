"""Load: a large council served by gunicorn on loopback, driven by locust (headless).

Run by `make bench` inside a throw-away PostgreSQL (scripts/with-postgres sets DATABASE_URL):
  scripts/with-postgres .venv/bin/python bench/bench_load.py [--users 20] [--duration 60]
Generates the council (5,000 projects, 20,000 improvement requests, 50,000 risks, plans with
100,000 tasks: bench/load_data.py), starts gunicorn with the production settings, drives a bounded
load on the dashboard, the waiting list, the register, a project page and an API list, and
prints p50/p95/p99 latency and errors for each, against the targets (p95 < 300 ms, no errors).
"""

from __future__ import annotations

import argparse
import csv
import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGET_P95_MS = 300.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "civicp3"), *args], env=env, check=True, cwd=ROOT)


def wait_until_up(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer at {url} within {timeout:.0f} s")


def sign_in(url: str, username: str, password: str) -> str:
    """Sign in once through the real form; the load shares the session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{url}/sign-in/") as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        raise SystemExit("No CSRF token on the sign-in page")
    form = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
    ).encode()
    request = urllib.request.Request(
        f"{url}/sign-in/", data=form, headers={"Referer": f"{url}/sign-in/"}
    )
    with opener.open(request) as response:
        if response.url.rstrip("/").endswith("sign-in"):
            raise SystemExit("Signing in failed")
    session = next((c.value for c in jar if c.name == "sessionid"), None)
    if session is None:
        raise SystemExit("Signing in set no session cookie")
    return session


def report(stats_csv: Path) -> bool:
    rows = list(csv.DictReader(stats_csv.open()))
    print(f"{'page':<28}{'requests':>9}{'errors':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}")
    ok = True
    for row in rows:
        name = row["Name"]
        requests, errors = int(row["Request Count"]), int(row["Failure Count"])
        p50, p95, p99 = (float(row[k]) for k in ("50%", "95%", "99%"))
        print(f"{name:<28}{requests:>9}{errors:>8}{p50:>8.0f}{p95:>8.0f}{p99:>8.0f}")
        if name == "Aggregated":
            ok = errors == 0 and p95 < TARGET_P95_MS
    verdict = "meets" if ok else "MISSES"
    print(f"Target: p95 under {TARGET_P95_MS:.0f} ms and no errors overall — {verdict} it")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("bench_load: needs PostgreSQL; run it under scripts/with-postgres (make bench does)")
        return
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: the browser-side cookie protections would drop the session.
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "DATABASE_CONN_MAX_AGE": "60",
        "AXES_FAILURE_LIMIT": "1000",
    }
    with tempfile.TemporaryDirectory() as folder:
        env["STATIC_ROOT"] = str(Path(folder) / "static")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        started = time.perf_counter()
        generated = subprocess.run(
            [str(BIN / "python"), str(ROOT / "bench" / "load_data.py")],
            env=env,
            check=False,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if generated.returncode:
            raise SystemExit(f"Generating the council failed:\n{generated.stderr}")
        print(generated.stdout.strip())
        print(f"Generated in {time.perf_counter() - started:.1f} s")
        facts = dict(line.split("=", 1) for line in generated.stdout.splitlines() if "=" in line)
        env.update({f"LOAD_{k.upper()}": v for k, v in facts.items()})

        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "civicp3.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            wait_until_up(url)
            env["LOAD_SESSION"] = sign_in(url, facts["user"], facts["password"])
            prefix = Path(folder) / "load"
            locust = subprocess.run(
                [
                    str(BIN / "locust"),
                    "-f",
                    str(ROOT / "bench" / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.users),
                    "--run-time",
                    f"{args.duration}s",
                    "--host",
                    url,
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "ERROR",
                ],
                env=env,
                cwd=ROOT,
                check=False,
                capture_output=True,
                text=True,
            )
            if not Path(f"{prefix}_stats.csv").exists():
                raise SystemExit(f"locust failed:\n{locust.stderr}")
            print(
                f"{args.users} users for {args.duration} s against gunicorn "
                f"({args.workers} workers, {os.cpu_count()} cores) on PostgreSQL:"
            )
            report(Path(f"{prefix}_stats.csv"))
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
