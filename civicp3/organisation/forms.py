from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.models import AbstractBaseUser, User
from django.contrib.auth.validators import UnicodeUsernameValidator

from civicp3.identity.selectors import password_refusal
from civicp3.lib.forms import GovukErrorsMixin
from civicp3.organisation.models import (
    Board,
    BoardMember,
    CorporatePriority,
    Council,
    CouncilOwned,
    Directorate,
    ServiceArea,
    WageRate,
)
from civicp3.organisation.roles import Role


class CouncilModelForm(GovukErrorsMixin, forms.ModelForm):
    """A form for a council-owned record.

    It limits every choice of another council-owned record to the current council, and checks
    the record's unique constraints including its council, so a duplicate name is a form
    error rather than a database error.
    """

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.council = council
        self.instance.council = council
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, CouncilOwned):
                field.queryset = queryset.filter(council=council)  # type: ignore[attr-defined]

    def _get_validation_exclusions(self) -> set[str]:
        return super()._get_validation_exclusions() - {"council"}


class CouncilDetailsForm(GovukErrorsMixin, forms.ModelForm):
    class Meta:
        model = Council
        fields = [
            "name",
            "kind",
            "working_day_hours",
            "on_cost_percent",
            "corporate_plan_title",
            "corporate_plan_start_year",
            "corporate_plan_end_year",
        ]
        labels = {"kind": "Type of council"}
        help_texts = {
            "working_day_hours": "Used to turn hours saved into working days, for example 7.5.",
            "corporate_plan_title": "For example, Corporate Plan 2023 to 2027.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "working_day_hours": forms.NumberInput(attrs={"data-width": "4", "step": "0.25"}),
            "on_cost_percent": forms.NumberInput(attrs={"data-width": "4", "step": "0.01"}),
            "corporate_plan_start_year": forms.NumberInput(attrs={"data-width": "4"}),
            "corporate_plan_end_year": forms.NumberInput(attrs={"data-width": "4"}),
        }

    def clean(self) -> dict[str, object]:
        data = super().clean()
        start, end = data.get("corporate_plan_start_year"), data.get("corporate_plan_end_year")
        if start and end and end < start:
            self.add_error(
                "corporate_plan_end_year",
                "The corporate plan's last year must be the same as or after its first year",
            )
        return data


class DirectorateForm(CouncilModelForm):
    class Meta:
        model = Directorate
        fields = ["name", "assistant_director"]
        labels = {"name": "Name of the directorate or AD area"}
        help_texts = {"assistant_director": "The assistant director accountable for this area."}


class ServiceAreaForm(CouncilModelForm):
    class Meta:
        model = ServiceArea
        fields = ["name", "directorate", "monthly_capacity_hours"]
        labels = {"directorate": "Directorate or AD area"}
        widgets = {
            "monthly_capacity_hours": forms.NumberInput(attrs={"data-width": "5", "step": "0.5"})
        }


class CorporatePriorityForm(CouncilModelForm):
    class Meta:
        model = CorporatePriority
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class BoardForm(CouncilModelForm):
    class Meta:
        model = Board
        fields = ["name", "kind", "meets"]
        labels = {"kind": "Type of board"}
        widgets = {"kind": forms.RadioSelect}


class BoardMemberForm(CouncilModelForm):
    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, council=council, **kwargs)
        user_field = self.fields["user"]
        user_field.queryset = (  # type: ignore[attr-defined]
            User.objects.filter(memberships__council=council)
            .distinct()
            .order_by("last_name", "username")
        )
        user_field.label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]

    class Meta:
        model = BoardMember
        fields = ["board", "user", "position"]
        labels = {"user": "Person"}


class WageRateForm(CouncilModelForm):
    class Meta:
        model = WageRate
        fields = ["grade", "hourly_cost"]
        labels = {"grade": "Pay grade"}
        help_texts = {"hourly_cost": "Pay per hour before on-costs, in pounds, for example 18.50."}
        widgets = {"hourly_cost": forms.NumberInput(attrs={"data-width": "5", "step": "0.01"})}


class PersonForm(GovukErrorsMixin, forms.Form):
    username = forms.CharField(
        max_length=150,
        help_text="What they type to sign in, for example jsmith.",
        validators=[UnicodeUsernameValidator()],
    )
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(label="Email address")
    roles = forms.MultipleChoiceField(
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"required": "Select at least one role"},
    )

    def __init__(self, *args: object, editing: User | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.editing = editing
        if editing is not None:
            self.fields["username"].disabled = True

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        taken = User.objects.filter(username__iexact=username)
        if self.editing is not None:
            taken = taken.exclude(pk=self.editing.pk)
        if taken.exists():
            raise forms.ValidationError("That username is already taken: choose another")
        return username


class OwnPasswordChangeForm(GovukErrorsMixin, PasswordChangeForm):
    """Django's password change (old password, new one twice, the password validators)."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Enter your current password correctly",
    }


class SignInForm(GovukErrorsMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive",
        "inactive": "This account is inactive: ask your council's administrator",
    }

    def confirm_login_allowed(self, user: AbstractBaseUser) -> None:
        super().confirm_login_allowed(user)
        refusal = password_refusal(user)
        if refusal:
            raise forms.ValidationError(refusal, code="sso_only")
