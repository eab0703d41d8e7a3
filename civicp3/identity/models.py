"""A council's OpenID Connect identity provider (Entra ID, usually) and the people it signs in.

The client secret is never stored in clear: it is either encrypted with a key derived from
SECRET_KEY (`client_secret_encrypted`) or read from the environment variable the administrator
names (`client_secret_env`), so a deployment can keep it out of the database altogether.
"""

import base64
import hashlib
import os

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from civicp3.organisation.models import CouncilOwned

__all__ = ["IdentityProvider", "SignInIdentity"]


def _fernet() -> Fernet:
    digest = hashlib.sha256(f"civicp3.identity:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


class IdentityProvider(CouncilOwned):
    name = models.CharField(
        "provider name",
        max_length=60,
        default="Microsoft",
        help_text="Shown on the button: “Sign in with Microsoft”.",
    )
    issuer = models.URLField(
        max_length=300,
        help_text=(
            "For Entra ID, https://login.microsoftonline.com/TENANT-ID/v2.0 "
            "(your directory (tenant) ID in place of TENANT-ID)."
        ),
    )
    client_id = models.CharField("application (client) ID", max_length=200)
    client_secret_encrypted = models.TextField(blank=True, editable=False)
    client_secret_env = models.CharField(
        "environment variable holding the client secret",
        max_length=100,
        blank=True,
        help_text="Leave blank to store the secret in Civic P3, encrypted.",
    )
    allowed_domains = models.TextField(
        "allowed e-mail domains",
        blank=True,
        help_text=(
            "One a line, for example maldon.gov.uk. People from these domains who have not been "
            "added get an account with no roles the first time they sign in."
        ),
    )
    enabled = models.BooleanField("show the sign-in button", default=True)
    local_passwords_allowed = models.BooleanField(
        "people may also sign in with a Civic P3 password", default=True
    )
    history = HistoricalRecords(excluded_fields=["client_secret_encrypted"])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council"], name="identity_provider_one_per_council")
        ]

    def __str__(self) -> str:
        return f"{self.name} for {self.council}"

    @property
    def domains(self) -> frozenset[str]:
        return frozenset(
            line.strip().lower().lstrip("@") for line in self.allowed_domains.splitlines()
        ) - {""}

    @property
    def client_secret(self) -> str:
        if self.client_secret_env:
            return os.environ.get(self.client_secret_env, "")
        if not self.client_secret_encrypted:
            return ""
        try:
            return _fernet().decrypt(self.client_secret_encrypted.encode()).decode()
        except InvalidToken:
            return ""  # SECRET_KEY changed: the administrator enters the secret again

    def set_client_secret(self, secret: str) -> None:
        self.client_secret_encrypted = _fernet().encrypt(secret.encode()).decode()


class SignInIdentity(CouncilOwned):
    """A person's account at a council's identity provider (issuer and subject), once linked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_identities"
    )
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    email = models.EmailField()
    created = models.DateTimeField(auto_now_add=True)
    last_sign_in = models.DateTimeField()

    class Meta:
        ordering = ["-last_sign_in"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "issuer", "subject"], name="sign_in_identity_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} at {self.issuer}"
