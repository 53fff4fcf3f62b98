"""Local governments, memberships with roles, and programmes (trajectories): the root of the domain."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

nis_code_validator = RegexValidator(
    regex=r"^[0-9]{5}$",
    message=_("Een NIS-code bestaat uit precies 5 cijfers, bijvoorbeeld 44021."),
    code="nis_format",
)


class Province(models.TextChoices):
    ANTWERPEN = "antwerpen", _("Antwerpen")
    LIMBURG = "limburg", _("Limburg")
    OOST_VLAANDEREN = "oost-vlaanderen", _("Oost-Vlaanderen")
    VLAAMS_BRABANT = "vlaams-brabant", _("Vlaams-Brabant")
    WEST_VLAANDEREN = "west-vlaanderen", _("West-Vlaanderen")


# The first digit of a Flemish NIS code tells the province (Vlaams-Brabant: 23 and 24).
NIS_PREFIXES = {
    Province.ANTWERPEN: ("1",),
    Province.VLAAMS_BRABANT: ("23", "24"),
    Province.WEST_VLAANDEREN: ("3",),
    Province.OOST_VLAANDEREN: ("4",),
    Province.LIMBURG: ("7",),
}


class Role(models.TextChoices):
    CONSULTANT = "consultant", _("Consultant")
    APPROVER = "approver", _("Algemeen directeur (goedkeurder)")
    COUNCIL_MEMBER = "council_member", _("Raadslid")


class Scenario(models.TextChoices):
    """The four scenarios of cooperation (Politeia), from light to programmatic."""

    INFORMAL = "informal", _("Informeel")
    PROJECT_BASED = "project_based", _("Projectmatig")
    PRAGMATIC = "pragmatic", _("Pragmatisch met projectbeheer")
    PROGRAMMATIC = "programmatic", _("Programmatorisch")


class Step(models.IntegerChoices):
    SCAN = 1, _("Organisatiescan")
    TARGET_PICTURE = 2, _("Streefbeeld en actieplan")
    PROGRAMME = 3, _("Programma van projecten")
    AGREEMENT = 4, _("Beheersovereenkomst")


class LocalGovernmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> LocalGovernmentQuerySet:
        """The local governments in which the user holds a membership (site admins: all)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(memberships__user=user)

    def with_role(self, user, *roles: str) -> LocalGovernmentQuerySet:
        """The local governments in which the user holds one of these roles."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(memberships__user=user, memberships__role__in=roles)


class LocalGovernment(models.Model):
    """A lokaal bestuur: one gemeente and one OCMW with the same council and one algemeen directeur."""

    name = models.CharField(_("naam"), max_length=120, help_text=_("Bijvoorbeeld: Lokaal bestuur Geel"))
    nis_code = models.CharField(
        _("NIS-code"),
        max_length=5,
        unique=True,
        validators=[nis_code_validator],
        help_text=_("De 5 cijfers van de gemeente, bijvoorbeeld 13008 voor Geel."),
        error_messages={"unique": _("Er bestaat al een lokaal bestuur met deze NIS-code.")},
    )
    gemeente_name = models.CharField(_("naam van de gemeente"), max_length=120)
    ocmw_name = models.CharField(_("naam van het OCMW"), max_length=120)
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    history = HistoricalRecords()
    objects = LocalGovernmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("lokaal bestuur")
        verbose_name_plural = _("lokale besturen")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(nis_code__regex=r"^[0-9]{5}$"), name="lg_nis_code_5_digits"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:local_government_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        prefixes = NIS_PREFIXES.get(self.province)
        if prefixes and self.nis_code and len(self.nis_code) == 5 and not self.nis_code.startswith(prefixes):
            raise ValidationError(
                {
                    "nis_code": _("NIS-code %(code)s hoort niet bij de provincie %(province)s.")
                    % {"code": self.nis_code, "province": self.get_province_display()}
                }
            )


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user) -> MembershipQuerySet:
        """Memberships of the local governments the user belongs to."""
        return self.filter(local_government__in=LocalGovernment.objects.visible_to(user))


class Membership(models.Model):
    """A user's role in one local government; it decides what the user may see and do there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("gebruiker"),
    )
    local_government = models.ForeignKey(
        LocalGovernment,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("lokaal bestuur"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    created_at = models.DateTimeField(_("sinds"), auto_now_add=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["local_government", "role", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "local_government"], name="membership_one_role_per_lg"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.local_government}"


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user) -> ProgrammeQuerySet:
        """Programmes of the local governments the user belongs to, whatever the role."""
        return self.filter(local_government__in=LocalGovernment.objects.visible_to(user))

    def editable_by(self, user) -> ProgrammeQuerySet:
        """Programmes the user may change: consultants of that local government."""
        return self.filter(local_government__in=LocalGovernment.objects.with_role(user, Role.CONSULTANT))


class Programme(models.Model):
    """The trajectory of one local government through the four steps."""

    local_government = models.ForeignKey(
        LocalGovernment, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("lokaal bestuur")
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(
        _("opdracht en aanleiding"),
        blank=True,
        help_text=_("Waarom dit traject, en wat het bestuur ervan verwacht."),
    )
    start_date = models.DateField(_("startdatum"))
    scenario = models.CharField(
        _("samenwerkingsscenario"),
        max_length=20,
        choices=Scenario.choices,
        blank=True,
        help_text=_("Leeg zolang de organisatiescan nog geen keuze onderbouwt."),
    )
    step = models.PositiveSmallIntegerField(_("huidige stap"), choices=Step.choices, default=Step.SCAN)
    consultants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="led_programmes", verbose_name=_("begeleidende consultants")
    )
    # Optimistic locking: every change bumps the version; a form saved over a newer one is refused.
    version = models.PositiveIntegerField(_("versie"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[consultants])
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(step__gte=1, step__lte=4), name="programme_step_1_to_4"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme_detail", args=[self.pk])
