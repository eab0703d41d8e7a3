"""The Redis-backed task queue: documented in docs/scaling.md, tested only where it exists.

Nothing here can run it yet: this machine has no Redis server, `django-tasks-rq` (the RQ backend
for Django Tasks) is not a dependency, and `TASKS` in settings.py chooses only between the
database queue and running tasks in the request. The test says which of these is missing.
"""

import importlib.util
import shutil

import pytest
from django.db import connection


def missing() -> list[str]:
    reasons = []
    if shutil.which("redis-server") is None:
        reasons.append("no Redis server (redis-server) on this machine")
    if importlib.util.find_spec("django_tasks_rq") is None:
        reasons.append("django-tasks-rq is not installed")
    if connection.vendor != "postgresql":
        reasons.append("scale-out runs on PostgreSQL")
    return reasons


@pytest.mark.skipif(bool(missing()), reason="; ".join(missing()) or "Redis is present")
def test_the_redis_queue_is_not_yet_selectable_by_configuration():
    # Reached only where Redis and django-tasks-rq are both installed: then settings.py must
    # learn to choose the RQ backend (TASKS_BACKEND) before the scale-out test can use it.
    pytest.fail("Redis is available: wire TASKS_BACKEND into settings.py (docs/scaling.md)")
