"""The officers bench_load.py sends at the app: signed in, reading the busiest pages and the API.

Settings come from the environment that bench_load.py sets: LOAD_SESSION (a signed-in
session: signing in is slow on purpose, and is not what this measures), LOAD_TOKEN, and
LOAD_PROJECTS and LOAD_IMPROVEMENTS (how many of each exist, to pick pages).
"""

import os
import random

from locust import HttpUser, between, task

SESSION = os.environ["LOAD_SESSION"]
TOKEN = os.environ["LOAD_TOKEN"]
PROJECTS = int(os.environ["LOAD_PROJECTS"])
IMPROVEMENTS = int(os.environ["LOAD_IMPROVEMENTS"])
PAGE_SIZE = 25


class Officer(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", SESSION)

    @task(2)
    def home(self) -> None:
        self.client.get("/", name="home (dashboard)")

    @task(3)
    def waiting_list(self) -> None:
        page = random.randint(1, max(1, IMPROVEMENTS // PAGE_SIZE // 4))
        self.client.get(f"/improvements/waiting-list/?page={page}", name="waiting list")

    @task(3)
    def register(self) -> None:
        page = random.randint(1, max(1, PROJECTS // PAGE_SIZE))
        self.client.get(f"/projects/?page={page}", name="register")

    @task(2)
    def project(self) -> None:
        self.client.get(f"/projects/{random.randint(1, PROJECTS)}/", name="project page")

    @task(2)
    def api_list(self) -> None:
        page = random.randint(1, max(1, IMPROVEMENTS // 50))
        self.client.get(
            f"/api/improvements/?page={page}",
            headers={"Authorization": f"Bearer {TOKEN}"},
            name="API: improvements list",
        )
