"""`civicp3 create_council`: the operator starts a new council and invites its administrator."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicp3.onboarding import services
from civicp3.organisation.models import Council


class Command(BaseCommand):
    help = (
        "Create a council and its first council administrator, and email the administrator "
        "an invitation link to set a password and start onboarding."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="For example, Maldon District Council")
        parser.add_argument("--slug", required=True, help="Short name for addresses, e.g. maldon")
        parser.add_argument("--admin-email", required=True)
        parser.add_argument(
            "--admin-username", help="Defaults to the part of the email before the @"
        )
        parser.add_argument("--kind", default=Council.Kind.DISTRICT, choices=Council.Kind.values)
        parser.add_argument(
            "--site-url",
            default=settings.SITE_URL,
            help="The address people use to reach Civic P3, for the invitation link "
            "(default: the SITE_URL setting)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["admin_email"]
        username = options["admin_username"] or email.split("@")[0]
        try:
            council, admin = services.council_create(
                name=options["name"],
                slug=options["slug"],
                kind=options["kind"],
                admin_email=email,
                admin_username=username,
            )
        except services.OnboardingError as error:
            raise CommandError(error.message) from error
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        services.invitation_send(user=admin, council=council, base_url=options["site_url"])
        self.stdout.write(
            f"Created {council.name} and its council administrator {admin.username}; "
            f"an invitation has been sent to {email}"
        )
