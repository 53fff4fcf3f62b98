"""Step 4: the beheersovereenkomst (management agreement) between gemeente and OCMW.

The clause library holds clauses with numbered versions: the consultancy-wide library
(local_government empty) and, per local government, adapted copies (based_on the original). An agreement
version copies the text of each clause version it uses into its own articles, so a later change to the
library never alters an agreement. Agreement versions move draft → submitted → approved (for the council
agenda, by the algemeen directeur) → adopted (after both councils decided); an adopted version is frozen and
a later change is a new version with its own decisions.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programmes.models import LocalGovernment, Programme


class ClauseCategory(models.TextChoices):
    """The chapters of an agreement, in the order they appear in it."""

    PURPOSE = "purpose", _("Doel en visie")
    LEGAL_FRAME = "legal_frame", _("Juridisch kader")
    GENERAL = "general", _("Algemene afspraken")
    SERVICE_WORKING_METHOD = "service_method", _("Per dienst: werkwijze")
    SERVICE_EMPLOYER_AUTHORITY = "service_employer", _("Per dienst: werkgeversgezag")
    SERVICE_FUNCTIONAL_AUTHORITY = "service_functional", _("Per dienst: functioneel gezag")
    SERVICE_LOCATION = "service_location", _("Per dienst: locatie")
    SERVICE_FINANCING = "service_financing", _("Per dienst: financiering")
    STAFF = "staff", _("Terbeschikkingstelling van personeel")
    COST_ALLOCATION = "cost_allocation", _("Kostenverdeling")
    INFORMATION_SECURITY = "infosec", _("Informatieveiligheid en privacy")
    EVALUATION = "evaluation", _("Evaluatie en wijziging")
    DURATION = "duration", _("Duur en beëindiging")
    DISPUTES = "disputes", _("Geschillen")


CATEGORY_ORDER = {value: index for index, value in enumerate(ClauseCategory.values)}


class ClauseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The consultancy-wide library and the adapted copies of the local governments the user may see."""
        return self.filter(
            Q(local_government__isnull=True)
            | Q(local_government__in=LocalGovernment.objects.visible_to(user))
        )

    def library(self):
        return self.filter(local_government__isnull=True)


class Clause(models.Model):
    """A clause of the library; its text lives in numbered ClauseVersions."""

    # Empty: the consultancy-wide library. Set: that local government's adapted copy (based_on the original).
    local_government = models.ForeignKey(
        LocalGovernment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="clauses",
        verbose_name=_("lokaal bestuur"),
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adaptations",
        verbose_name=_("aangepast van"),
    )
    category = models.CharField(_("categorie"), max_length=20, choices=ClauseCategory.choices)
    title = models.CharField(_("titel"), max_length=200)
    mandatory = models.BooleanField(_("verplicht"), default=False)
    guidance = models.TextField(
        _("toelichting voor de consultant"),
        blank=True,
        help_text=_("Wanneer en hoe u deze clausule gebruikt."),
    )
    position = models.PositiveIntegerField(default=0)
    archived = models.BooleanField(_("gearchiveerd"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClauseQuerySet.as_manager()

    class Meta:
        verbose_name = _("clausule")
        verbose_name_plural = _("clausules")
        ordering = ["category", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_government", "based_on"],
                condition=Q(local_government__isnull=False, based_on__isnull=False),
                name="clause_one_adaptation_per_local_government",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ClauseVersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(clause__in=Clause.objects.visible_to(user))


class ClauseVersion(models.Model):
    """One text of a clause; never changed once written (a change is a new number)."""

    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(
        _("tekst"),
        help_text=_(
            "Met plaatshouders zoals {{ gemeente }}, {{ ocmw }}, {{ algemeen_directeur }}, {{ startdatum }}."
        ),
    )
    change_note = models.CharField(_("wat er veranderde"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClauseVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versie van een clausule")
        verbose_name_plural = _("versies van clausules")
        ordering = ["clause", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["clause", "number"], name="clause_version_number_once"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(programme__in=Programme.objects.editable_by(user))


class Agreement(models.Model):
    """The beheersovereenkomst of one programme, with its numbered versions."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="agreement")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("beheersovereenkomst")
        verbose_name_plural = _("beheersovereenkomsten")

    def __str__(self) -> str:
        return str(_("Beheersovereenkomst van %(programme)s") % {"programme": self.programme})

    def get_absolute_url(self) -> str:
        return reverse("agreements:agreement_detail", args=[self.pk])

    @property
    def local_government(self) -> LocalGovernment:
        return self.programme.local_government


class AgreementVersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Versions the user may see: council members only those put before the council or adopted."""
        from programmes.models import Role

        visible = self.filter(agreement__in=Agreement.objects.visible_to(user))
        readers = LocalGovernment.objects.with_role(user, Role.CONSULTANT, Role.APPROVER)
        return visible.filter(
            Q(agreement__programme__local_government__in=readers)
            | Q(state__in=[AgreementVersion.State.APPROVED, AgreementVersion.State.ADOPTED])
        )

    def editable_by(self, user):
        return self.filter(agreement__in=Agreement.objects.editable_by(user))


class AgreementVersion(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Ontwerp")
        SUBMITTED = "submitted", _("Ingediend")
        APPROVED = "approved", _("Goedgekeurd voor de raad")
        ADOPTED = "adopted", _("Vastgesteld")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.DRAFT)
    title = models.CharField(_("titel"), max_length=250)
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    preamble = models.TextField(_("aanhef"), blank=True)
    # Optimistic locking of the version's own fields and its article list.
    edit_version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approval_comment = models.TextField(blank=True)
    # The two council decisions (same people, two separate decisions, art. 41 and 196 §2 of the decree).
    council_decision_date = models.DateField(_("beslissing gemeenteraad: datum"), null=True, blank=True)
    council_decision_number = models.CharField(
        _("beslissing gemeenteraad: nummer"), max_length=50, blank=True
    )
    ocmw_decision_date = models.DateField(_("beslissing OCMW-raad: datum"), null=True, blank=True)
    ocmw_decision_number = models.CharField(_("beslissing OCMW-raad: nummer"), max_length=50, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    adopted_at = models.DateTimeField(null=True, blank=True)

    objects = AgreementVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versie van de beheersovereenkomst")
        verbose_name_plural = _("versies van de beheersovereenkomst")
        ordering = ["agreement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_number_once"),
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(state__in=["draft", "submitted"]),
                name="agreement_one_open_version",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "submitted", "approved", "adopted"]),
                name="agreement_version_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} – v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:version_detail", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.state in (self.State.APPROVED, self.State.ADOPTED)


class AgreementChildQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(version__in=AgreementVersion.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(version__in=AgreementVersion.objects.editable_by(user))


class AgreementEvent(models.Model):
    """The history of a version: who did what, when, with which comment."""

    class Kind(models.TextChoices):
        CREATED = "created", _("aangemaakt")
        SUBMITTED = "submitted", _("ingediend")
        APPROVED = "approved", _("goedgekeurd voor de raad")
        REJECTED = "rejected", _("afgewezen")
        COUNCIL_DECISION = "council", _("beslissing gemeenteraad geregistreerd")
        OCMW_DECISION = "ocmw", _("beslissing OCMW-raad geregistreerd")
        ADOPTED = "adopted", _("vastgesteld")
        NEW_VERSION = "new_version", _("nieuwe versie gestart")
        STAFF_LIST = "staff_list", _("personeelslijst bijgewerkt door het college")

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)
    # A change of the staff list of an adopted version (STAFF_LIST): the college decision that allows it.
    decision_date = models.DateField(_("collegebeslissing: datum"), null=True, blank=True)
    decision_reference = models.CharField(_("collegebeslissing: kenmerk"), max_length=50, blank=True)

    objects = AgreementChildQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.version} {self.get_kind_display()}"


class Article(models.Model):
    """An article of one agreement version: the clause's text copied and adapted for this agreement."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="articles")
    clause_version = models.ForeignKey(
        ClauseVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("uit de bibliotheek"),
    )
    category = models.CharField(_("categorie"), max_length=20, choices=ClauseCategory.choices)
    # For the per-service categories: which shared service the article is about (from the scan's decisions).
    service = models.CharField(_("dienst"), max_length=150, blank=True)
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"))
    position = models.PositiveIntegerField(default=0)
    edit_version = models.PositiveIntegerField(default=1)

    objects = AgreementChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikels")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class PlaceholderValue(models.Model):
    """The value of a placeholder in one version (gemeente, ocmw, ... are offered from the programme)."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="values")
    key = models.SlugField(_("plaatshouder"), max_length=60, allow_unicode=False)
    value = models.TextField(_("waarde"), blank=True)

    objects = AgreementChildQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="placeholder_once_per_version")
        ]

    def __str__(self) -> str:
        return f"{{{{ {self.key} }}}} = {self.value}"


class AnnexService(models.Model):
    """Annex: a shared service and its cost allocation key between gemeente and OCMW."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="annex_services")
    service = models.CharField(_("dienst"), max_length=150)
    provider = models.CharField(
        _("dienstverlenende partij"),
        max_length=10,
        choices=[("gemeente", _("Gemeente")), ("ocmw", _("OCMW"))],
        default="gemeente",
    )
    gemeente_share = models.DecimalField(
        _("aandeel gemeente (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    allocation_basis = models.CharField(
        _("verdeelsleutel"),
        max_length=200,
        help_text=_("Bijvoorbeeld: aantal VTE, aantal pc's, oppervlakte."),
    )
    note = models.TextField(_("toelichting"), blank=True)
    position = models.PositiveIntegerField(default=0)
    edit_version = models.PositiveIntegerField(default=1)

    objects = AgreementChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("dienst in bijlage")
        verbose_name_plural = _("diensten in bijlage")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(gemeente_share__gte=0, gemeente_share__lte=100), name="annex_share_0_100"
            ),
        ]

    def __str__(self) -> str:
        return self.service

    @property
    def ocmw_share(self):
        return 100 - self.gemeente_share


class AnnexStaff(models.Model):
    """Annex: the staff made available (the council may let the college keep this list up to date)."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="annex_staff")
    name = models.CharField(_("naam"), max_length=150)
    function = models.CharField(_("functie"), max_length=150)
    employer = models.CharField(
        _("werkgever"), max_length=10, choices=[("gemeente", _("Gemeente")), ("ocmw", _("OCMW"))]
    )
    service = models.CharField(_("ingezet bij dienst"), max_length=150)
    fte = models.DecimalField(
        _("VTE"), max_digits=4, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(1)]
    )
    since = models.DateField(_("ter beschikking sinds"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    edit_version = models.PositiveIntegerField(default=1)

    objects = AgreementChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("personeelslid ter beschikking")
        verbose_name_plural = _("personeel ter beschikking")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(fte__gte=0, fte__lte=1), name="annex_staff_fte_0_1"),
        ]

    def __str__(self) -> str:
        return self.name
