"""Forms only parse and present; the rules live in services.py."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import LocalGovernment, Membership, Programme, Role, nis_code_validator

User = get_user_model()


_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def parse_belgian_decimal(text: str) -> Decimal:
    """A number as people type it in Belgium: "1,5", ",5", "12.500", "12.500,50", "1.234.567,89", "€ 12.500",
    "12 500,50", and "12500.5" (a dot not followed by exactly three digits cannot be a thousands dot, so it
    is a decimal point typed the other way). ValueError for anything else ("1.2.3", "12,500.50", "abc").
    A sign is parsed ("-5"); whether it is allowed is the field's business."""
    text = _SPACES.sub("", str(text))
    text = text.removeprefix("€").removesuffix("€").removeprefix("EUR").removesuffix("EUR")
    sign = ""
    if text[:1] in ("-", "−", "+"):
        sign = "-" if text[0] != "+" else ""
        text = text[1:].removeprefix("€")
    if re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?", text):
        text = text.replace(".", "")
    elif re.fullmatch(r"(?:[0-9]+(?:,[0-9]*)?|,[0-9]+)", text):
        pass
    elif re.fullmatch(r"[0-9]*\.[0-9]+", text):
        text = text.replace(".", ",")
    else:
        raise ValueError(text)
    try:
        return Decimal(sign + text.replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(text) from error


def format_belgian_decimal(value, *, places: int | None = 2) -> str:
    """1.234,56 (places=None: as many decimals as needed, "1,5"; no decimals for whole numbers)."""
    number = Decimal(value)
    if places is None:
        exponent = number.normalize().as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    sign = "-" if number < 0 else ""
    whole, _sep, decimals = f"{abs(number):.{places}f}".partition(".")
    return sign + f"{int(whole):,}".replace(",", ".") + ("," + decimals if decimals else "")


class BelgianDecimalField(forms.DecimalField):
    """A decimal in Belgian notation (parse_belgian_decimal), shown back as 1.234,56, whatever
    USE_THOUSAND_SEPARATOR or the active language says (Django's localized DecimalField reads "12.500" as
    12,5). Not negative unless min_value says otherwise. euro=True: an amount in euro, with messages about
    amounts and always two decimals shown; else a number ("1,5") with messages about numbers.
    Pass error_messages to word a message for the field at hand (e.g. "Een aantal VTE ...")."""

    def __init__(self, *, euro: bool = False, max_digits: int = 12, decimal_places: int = 2, **kwargs):
        self.euro = euro
        if euro:
            messages = {
                "required": _("Geef een bedrag in euro, bijvoorbeeld 12.500,50."),
                "invalid": _("Geef een bedrag in euro, bijvoorbeeld 12.500,50."),
                "min_value": _("Een bedrag kan niet negatief zijn. Geef 0 of meer."),
                "max_digits": _("Dat bedrag is te groot. Controleer het."),
                "max_whole_digits": _("Dat bedrag is te groot. Controleer het."),
            }
        else:
            messages = {
                "required": _("Geef een getal in, bijvoorbeeld 1,5."),
                "invalid": _("Geef een getal in, bijvoorbeeld 1,5."),
                "min_value": _("Een getal kan niet negatief zijn. Geef 0 of meer."),
                "max_digits": _("Dat getal is te groot. Controleer het."),
                "max_whole_digits": _("Dat getal is te groot. Controleer het."),
            }
        messages["max_decimal_places"] = _("Geef hoogstens twee cijfers na de komma.")
        messages.update(kwargs.pop("error_messages", None) or {})
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}),
        )
        super().__init__(
            max_digits=max_digits, decimal_places=decimal_places, error_messages=messages, **kwargs
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        text = str(value).strip()
        if not text:
            return None
        if len(text) > 40:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return parse_belgian_decimal(text)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        """A stored number in Belgian notation; what the user typed stays as typed."""
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_belgian_decimal(Decimal(str(value)), places=2 if self.euro else None)
        return value


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


def carry_stored_version(form, stored_version: int, field: str = "version") -> None:
    """After a refused stale save: the form keeps what was typed but now carries the stored version, so
    saving again (after a look at the differences) knowingly overwrites what the colleague saved."""
    form.data = form.data.copy()
    form.data[form.add_prefix(field)] = str(stored_version)
