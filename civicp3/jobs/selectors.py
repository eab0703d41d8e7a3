"""Reading jobs: a person sees the work they started, in their current council."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from civicp3.jobs.models import Job
from civicp3.organisation.models import Council


def jobs_in(council: Council) -> QuerySet[Job]:
    return Job.objects.for_council(council).select_related("started_by")  # type: ignore[attr-defined,no-any-return]


def jobs_for(council: Council, user: AbstractBaseUser) -> QuerySet[Job]:
    return Job.objects.for_council(council).filter(started_by=user).order_by("-created", "-id")  # type: ignore[attr-defined,no-any-return]
