"""Every change onboarding makes: a council and its configuration, its first administrator,
step progress, files waiting to be imported, invitations and plan imports."""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from civicp3.delivery import exchange
from civicp3.delivery import services as delivery
from civicp3.delivery.models import Plan
from civicp3.engagement.services import engagement_settings_create
from civicp3.improvements.services import improvement_settings_create
from civicp3.jobs.models import Job
from civicp3.lib.errors import DomainError
from civicp3.onboarding.models import PendingUpload, StepProgress
from civicp3.organisation.models import Council
from civicp3.organisation.roles import Role
from civicp3.organisation.services import PersonRefused, identity_check, person_save
from civicp3.performance.defaults import channel_costs_create
from civicp3.portfolio.defaults import portfolio_settings_create
from civicp3.portfolio.models import Project
from civicp3.productivity.defaults import committee_templates_create, return_templates_create
from civicp3.toolkit.services import checklist_items_create, risk_matrix_settings_create

# Everything a council is configured with, from the seeds, made when the council is made so
# that pages only ever read it (a first visit writes nothing). Each is idempotent and never
# overwrites what the council has changed.
CONFIGURATION = (
    improvement_settings_create,
    portfolio_settings_create,
    channel_costs_create,
    risk_matrix_settings_create,
    checklist_items_create,
    return_templates_create,
    committee_templates_create,
    engagement_settings_create,
)


class OnboardingError(DomainError):
    """A change onboarding refuses; the message is shown in the error summary."""


@transaction.atomic
def step_mark(*, council: Council, step: str, completed: bool) -> StepProgress:
    progress, _ = StepProgress.objects.get_or_create(council=council, step=step)
    if completed and not progress.completed:
        progress.completed = True
        progress.save()
    return progress


@transaction.atomic
def upload_keep(
    *,
    council: Council,
    step: str,
    name: str,
    data: bytes,
    actor: AbstractBaseUser | None,
    project: Project | None = None,
) -> PendingUpload:
    """Keep a file that passed its checks until the person confirms the import."""
    PendingUpload.objects.filter(council=council, step=step).delete()
    return PendingUpload.objects.create(
        council=council,
        step=step,
        name=name[:255],
        data=data,
        project=project,
        uploaded_by=actor if isinstance(actor, User) else None,
    )


@transaction.atomic
def upload_importing(*, upload: PendingUpload, job: Job) -> None:
    """Record the job importing a kept file, so it is not imported, replaced or cancelled twice."""
    if upload.council_id != job.council_id:
        raise OnboardingError("The import belongs to another council")
    PendingUpload.objects.filter(pk=upload.pk).update(job=job)
    upload.job = job


@transaction.atomic
def upload_discard(*, council: Council, step: str) -> None:
    PendingUpload.objects.filter(council=council, step=step).delete()


@transaction.atomic
def council_configure(council: Council) -> None:
    """Give the council whatever of the seeds' configuration it lacks; never overwrites edits."""
    for create in CONFIGURATION:
        create(council)


@transaction.atomic
def defaults_apply(*, council: Council) -> None:
    """Start from the seed council's technical matrix, pathway decision tree, feasibility
    questions, key criteria, prioritisation criteria and tiers. Never overwrites edits."""
    council_configure(council)
    step_mark(council=council, step="scoring", completed=False)


def invitation_link(user: User, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("onboarding-invitation", kwargs={"uidb64": uid, "token": token})
    return base_url.rstrip("/") + path


def invitation_send(*, user: User, council: Council, base_url: str) -> None:
    """E-mail the person a link to set their password; it works once, until it expires."""
    days = max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1)
    send_mail(
        subject=f"You have been invited to Civic P3 for {council.name}",
        message=(
            f"Hello {user.get_full_name() or user.username},\n\n"
            f"You have been given access to Civic P3, {council.name}'s system for projects, "
            "programmes, portfolios and improvements.\n\n"
            f"Your username is: {user.username}\n\n"
            f"Set your password here (the link works once, for {days} days):\n"
            f"{invitation_link(user, base_url)}\n\n"
            "If you were not expecting this, you can ignore this email.\n"
        ),
        from_email=None,
        recipient_list=[user.email],
    )


def invitation_resend(*, user: User, council: Council, actor: User, base_url: str) -> None:
    """Send a person who has not yet set a password a fresh invitation. A set-password link
    is a password change, so it is refused (OnboardingError) to anyone who may not change
    the person's identity: the address it goes to is only one an authorised person set."""
    name = user.get_full_name() or user.username
    if user.has_usable_password():
        raise OnboardingError(f"{name} has already set a password")
    try:
        identity_check(person=user, actor=actor)
    except PersonRefused as error:
        raise OnboardingError(error.message) from None
    invitation_send(user=user, council=council, base_url=base_url)


@transaction.atomic
def council_create(
    *, name: str, slug: str, kind: str, admin_email: str, admin_username: str
) -> tuple[Council, User]:
    """A new council and its first council administrator (who has no password yet)."""
    if Council.objects.filter(slug=slug).exists() or Council.objects.filter(name=name).exists():
        raise OnboardingError(f'A council called "{name}" or with slug "{slug}" already exists')
    if User.objects.filter(username=admin_username).exists():
        raise OnboardingError(f'The username "{admin_username}" is already taken')
    council = Council(name=name, slug=slug, kind=kind)
    council.full_clean()
    council.save()
    council_configure(council)
    admin = person_save(
        council=council,
        username=admin_username,
        first_name="",
        last_name="",
        email=admin_email,
        roles=[Role.COUNCIL_ADMIN],
    )
    return council, admin


@transaction.atomic
def plan_import(
    *, project: Project, data: bytes, actor: AbstractBaseUser | None
) -> tuple[Plan, int]:
    """Replace the project's plan (making one if it has none) with an MSPDI file's tasks.
    All or nothing: OnboardingError says why a file is refused."""
    try:
        imported = exchange.read_mspdi_upload(data)
        plan = Plan.objects.filter(project=project).first()
        if plan is None:
            plan = delivery.plan_create(
                project=project,
                start=date.fromisoformat(imported.data["start"]),
                actor=actor,
            )
        delivery.plan_replace(plan=plan, imported=imported, actor=actor)
    except exchange.ImportProblem as error:
        raise OnboardingError("; ".join(error.errors)) from error
    except delivery.DeliveryError as error:
        raise OnboardingError(error.message) from error
    return plan, len(imported.data["tasks"])
