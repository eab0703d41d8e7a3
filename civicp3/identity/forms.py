from django import forms

from civicp3.identity.models import IdentityProvider
from civicp3.lib.forms import GovukErrorsMixin


class IdentityProviderForm(GovukErrorsMixin, forms.ModelForm):
    issuer = forms.URLField(
        assume_scheme="https",
        max_length=300,
        help_text=IdentityProvider._meta.get_field("issuer").help_text,
    )
    client_secret = forms.CharField(
        label="Client secret",
        required=False,
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text="Stored encrypted. Leave blank to keep the secret already saved.",
    )

    class Meta:
        model = IdentityProvider
        fields = [
            "name",
            "issuer",
            "client_id",
            "client_secret",
            "client_secret_env",
            "allowed_domains",
            "enabled",
            "local_passwords_allowed",
        ]
        widgets = {"allowed_domains": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, object]:
        data = super().clean()
        has_secret = (
            data.get("client_secret")
            or data.get("client_secret_env")
            or self.instance.client_secret_encrypted
        )
        if not has_secret:
            self.add_error(
                "client_secret",
                "Enter the client secret, or the environment variable that holds it",
            )
        return data
