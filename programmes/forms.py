"""Forms only parse and present; the rules live in services.py."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import LocalGovernment, Membership, Programme, Role, nis_code_validator

User = get_user_model()


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, **kwargs):
        super().__init__(
            format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/jjjj"), "inputmode": "numeric"}, **kwargs
        )


class CrispyMixin:
    """Crispy helper without a form tag: templates write their own <form> with its buttons."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


MAX_PK = 2**63 - 1


def pk_in_range(value) -> bool:
    """Whether a posted primary key can be looked up (empty is fine): ASCII digits within 64 bits."""
    text = str(value).strip()
    # isascii: "²".isdigit() is True, but int("²") fails
    return not text or (text.isascii() and text.isdigit() and int(text) <= MAX_PK)


def apply_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError onto the form, beside the field it concerns (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SafeModelChoiceField(forms.ModelChoiceField):
    """A primary key beyond 64 bits is an invalid choice (SQLite would raise OverflowError on it)."""

    def to_python(self, value):
        if value not in self.empty_values and not pk_in_range(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ConsultantChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username

    def _check_values(self, value):
        for pk in value:
            if not pk_in_range(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class ProgrammeForm(CrispyMixin, forms.Form):
    local_government = SafeModelChoiceField(
        label=_("Lokaal bestuur"),
        queryset=LocalGovernment.objects.none(),
        empty_label=_("Kies een lokaal bestuur"),
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(
        label=_("Opdracht en aanleiding"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    start_date = forms.DateField(
        label=_("Startdatum"),
        widget=DateInput(),
        help_text=_("Bijvoorbeeld 01/09/2026."),
        error_messages={
            "invalid": _("Geef een geldige datum in de vorm dd/mm/jjjj, bijvoorbeeld 01/09/2026.")
        },
    )
    scenario = forms.ChoiceField(
        label=_("Samenwerkingsscenario"),
        required=False,
        choices=[("", _("Nog niet gekozen"))] + list(Programme._meta.get_field("scenario").choices),
        help_text=Programme._meta.get_field("scenario").help_text,
    )
    step = forms.TypedChoiceField(
        label=_("Huidige stap"), coerce=int, choices=Programme._meta.get_field("step").choices
    )
    consultants = ConsultantChoiceField(
        label=_("Begeleidende consultants"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, local_government: LocalGovernment | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Choice fields are scoped to the user's own local governments.
        self.fields["local_government"].queryset = LocalGovernment.objects.with_role(user, Role.CONSULTANT)
        lg = local_government or self._chosen_local_government()
        if local_government is not None:
            del self.fields["local_government"]
        consultant_ids = Membership.objects.filter(role=Role.CONSULTANT)
        if lg is not None:
            consultant_ids = consultant_ids.filter(local_government=lg)
        else:
            consultant_ids = consultant_ids.filter(
                local_government__in=LocalGovernment.objects.with_role(user, Role.CONSULTANT)
            )
        self.fields["consultants"].queryset = User.objects.filter(
            pk__in=consultant_ids.values("user_id")
        ).order_by("first_name", "last_name")

    def _chosen_local_government(self) -> LocalGovernment | None:
        pk = self.data.get("local_government") if self.is_bound else self.initial.get("local_government")
        if hasattr(pk, "pk"):
            return pk
        try:
            if not pk or not pk_in_range(pk):
                return None
            return self.fields["local_government"].queryset.filter(pk=int(pk)).first()
        except (TypeError, ValueError):
            return None


class LocalGovernmentForm(CrispyMixin, forms.ModelForm):
    # Wider than the column so that "440-21" gets the format message, not a length message.
    nis_code = forms.CharField(
        label=LocalGovernment._meta.get_field("nis_code").verbose_name.capitalize(),
        help_text=LocalGovernment._meta.get_field("nis_code").help_text,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = LocalGovernment
        fields = ["name", "nis_code", "province", "gemeente_name", "ocmw_name"]

    def clean_nis_code(self) -> str:
        value = self.cleaned_data["nis_code"].strip()
        nis_code_validator(value)
        return value


class InvitationForm(CrispyMixin, forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Familienaam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=150,  # it becomes the username, which holds 150 characters
        error_messages={
            "invalid": _("Geef een geldig e-mailadres, bijvoorbeeld an.peeters@geel.be."),
            "max_length": _("Een e-mailadres van meer dan 150 tekens kan niet als gebruikersnaam dienen."),
        },
    )
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, widget=forms.RadioSelect)
