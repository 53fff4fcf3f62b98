"""The organisation scan (step 1): interviews with key witnesses, a staff survey, and the assessment of
each support service along the VVSG weighing framework. Every row reaches its LocalGovernment through
scan → programme → local_government.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programmes.models import LocalGovernment, Programme

SCORE_VALIDATORS = [
    MinValueValidator(1, message=_("Een score ligt tussen 1 en 5.")),
    MaxValueValidator(5, message=_("Een score ligt tussen 1 en 5.")),
]


def score_field(verbose_name, **kwargs):
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=SCORE_VALIDATORS, **kwargs
    )


def score_check(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 1, f"{field}__lte": 5}), name=name
    )


class Theme(models.TextChoices):
    """The five themes of the conversations with key witnesses."""

    STRENGTHS = "strengths", _("Sterktes van elke organisatie")
    SUPPORT = "support", _("Draagvlak voor samenwerking")
    DIRECTION = "direction", _("Gewenste richting")
    WORKING_METHODS = "working_methods", _("Verschillen in werkwijzen en processen")
    HOUSING = "housing", _("Huisvesting")


class Organisation(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    OCMW = "ocmw", _("OCMW")
    BOTH = "both", _("Beide")


class WitnessGroup(models.TextChoices):
    MANDATARY = "mandatary", _("Mandataris")
    GENERAL_DIRECTOR = "general_director", _("Algemeen directeur")
    MANAGEMENT_TEAM = "management_team", _("Managementteam")
    HEAD_OF_SERVICE = "head_of_service", _("Diensthoofd")
    STAFF = "staff", _("Medewerker")
    OTHER = "other", _("Andere")


class ScanQuerySet(models.QuerySet):
    def visible_to(self, user) -> ScanQuerySet:
        """Scans of the programmes the user may see."""
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def editable_by(self, user) -> ScanQuerySet:
        """Scans the user may change: consultants of that local government."""
        return self.filter(programme__in=Programme.objects.editable_by(user))


class Scan(models.Model):
    """The organisation scan of one programme."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Ontwerp")
        FINAL = "final", _("Afgerond")

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="scan", verbose_name=_("traject")
    )
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.DRAFT)
    # The advice on the scenario is computed from the scan; the consultant confirms or overrides it.
    confirmed_scenario = models.CharField(_("gekozen scenario"), max_length=20, blank=True)
    scenario_reason = models.TextField(_("motivering van de keuze"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ScanQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatiescan")
        verbose_name_plural = _("organisatiescans")
        constraints = [
            models.CheckConstraint(condition=Q(state__in=["draft", "final"]), name="scan_state_valid")
        ]

    def __str__(self) -> str:
        return str(_("Organisatiescan van %(programme)s") % {"programme": self.programme})

    @property
    def local_government(self) -> LocalGovernment:
        return self.programme.local_government


class ScanChildQuerySet(models.QuerySet):
    """Rows that belong to a scan: visible to whoever may see the scan."""

    def visible_to(self, user):
        return self.filter(scan__in=Scan.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(scan__in=Scan.objects.editable_by(user))


# --- Interviews -----------------------------------------------------------------------------------


class GuideQuestion(models.Model):
    """A question of the interview guide of one scan (the default guide is copied in at the start)."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="questions")
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    text = models.TextField(_("vraag"))
    asks_score = models.BooleanField(
        _("vraagt een score"),
        default=False,
        help_text=_("De getuige geeft ook een score van 1 (zwak) tot 5 (sterk)."),
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    version = models.PositiveIntegerField(default=1)

    objects = ScanChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("vraag uit de interviewleidraad")
        verbose_name_plural = _("interviewleidraad")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class WitnessQuerySet(ScanChildQuerySet):
    def visible_to(self, user):
        """Personal data of witnesses: only the consultants of that local government see it."""
        return self.editable_by(user)


class Witness(models.Model):
    """A key witness (bevoorrechte getuige). Personal data: only the consultants see names."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="witnesses")
    name = models.CharField(_("naam"), max_length=150)
    function = models.CharField(_("functie"), max_length=150)
    organisation = models.CharField(_("organisatie"), max_length=10, choices=Organisation.choices)
    group = models.CharField(_("groep"), max_length=20, choices=WitnessGroup.choices)
    consents_to_quote = models.BooleanField(
        _("mag met naam geciteerd worden"),
        default=False,
        help_text=_("Zonder toestemming verschijnt de getuige in rapporten enkel als groep."),
    )
    version = models.PositiveIntegerField(default=1)

    objects = WitnessQuerySet.as_manager()

    class Meta:
        verbose_name = _("bevoorrechte getuige")
        verbose_name_plural = _("bevoorrechte getuigen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def public_label(self) -> str:
        """How reports name this witness: by name only with consent, otherwise by group."""
        if self.consents_to_quote:
            return f"{self.name}, {self.function}"
        return str(
            _("%(group)s (%(organisation)s)")
            % {"group": self.get_group_display().lower(), "organisation": self.get_organisation_display()}
        )


class Interview(models.Model):
    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="interviews")
    witness = models.ForeignKey(
        Witness, on_delete=models.PROTECT, related_name="interviews", verbose_name=_("getuige")
    )
    held_on = models.DateField(_("datum"))
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("interviewer")
    )
    summary = models.TextField(_("algemene indruk"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScanChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.witness} ({self.held_on:%d/%m/%Y})"


class InterviewAnswer(models.Model):
    """Notes and, where the question asks for it, a score from 1 to 5."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(GuideQuestion, on_delete=models.CASCADE, related_name="answers")
    notes = models.TextField(_("notities"), blank=True)
    score = score_field(_("score"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "question"], name="interview_answer_once"),
            score_check("score", "interview_answer_score_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.interview} – {self.question}"


class Finding(models.Model):
    """A strength or a risk the consultant draws from the scan; key findings lead the report."""

    class Kind(models.TextChoices):
        STRENGTH = "strength", _("Sterkte")
        RISK = "risk", _("Risico")

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices, blank=True)
    text = models.TextField(_("bevinding"))
    quote = models.TextField(_("citaat"), blank=True)
    witness = models.ForeignKey(
        Witness, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("bron")
    )
    is_key = models.BooleanField(_("kernbevinding"), default=False)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    objects = ScanChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")
        ordering = ["-is_key", "position", "pk"]

    def __str__(self) -> str:
        return self.text


# --- Staff survey ---------------------------------------------------------------------------------


class Survey(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("In voorbereiding")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Afgesloten")

    scan = models.OneToOneField(Scan, on_delete=models.CASCADE, related_name="survey")
    title = models.CharField(_("titel"), max_length=200)
    introduction = models.TextField(_("inleiding voor de medewerkers"), blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ScanChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("personeelsbevraging")
        verbose_name_plural = _("personeelsbevragingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["draft", "open", "closed"]), name="survey_state_valid"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SurveyChildQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(survey__scan__in=Scan.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(survey__scan__in=Scan.objects.editable_by(user))


class InvitationQuerySet(SurveyChildQuerySet):
    def visible_to(self, user):
        """E-mail addresses of staff are personal data: only the consultants see them."""
        return self.editable_by(user)


class SurveyQuestion(models.Model):
    class Kind(models.TextChoices):
        SCORE = "score", _("Score van 1 tot 5")
        OPEN = "open", _("Open antwoord")

    class Topic(models.TextChoices):
        SUPPORT = "support", _("Draagvlak")
        WORRIES = "worries", _("Zorgen")
        IDEAS = "ideas", _("Ideeën")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    topic = models.CharField(_("onderwerp"), max_length=10, choices=Topic.choices)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("vraag"))
    position = models.PositiveIntegerField(default=0)

    objects = SurveyChildQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SurveyInvitation(models.Model):
    """One personal link. It knows whether its invitee answered, never what: answers are anonymous."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mailadres"))
    organisation = models.CharField(_("organisatie"), max_length=10, choices=Organisation.choices[:2])
    department = models.CharField(_("dienst"), max_length=100, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "email"], name="survey_invitation_once")]
        ordering = ["organisation", "department", "email"]

    def __str__(self) -> str:
        return self.email


class SurveyResponse(models.Model):
    """An anonymous response: its group, never its invitation."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    organisation = models.CharField(max_length=10, choices=Organisation.choices[:2])
    department = models.CharField(max_length=100, blank=True)
    submitted_on = models.DateField()  # the day only: a time would let a consultant match it to an invitation

    def __str__(self) -> str:
        return f"{self.get_organisation_display()} {self.department}".strip()


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    score = score_field(_("score"))
    text = models.TextField(_("antwoord"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once"),
            score_check("score", "survey_answer_score_1_5"),
        ]

    def __str__(self) -> str:
        return str(self.question)


# --- Support services along the VVSG weighing framework -------------------------------------------


class OrganisationForm(models.TextChoices):
    """The forms of organisation of a service, from light to heavy (VVSG)."""

    NEW_PROCESSES = "new_processes", _("Eigen werking met nieuwe processen")
    AD_HOC = "ad_hoc", _("Ad-hocsamenwerking")
    STRUCTURED = "structured", _("Gestructureerde samenwerking zonder integratie")
    INTEGRATION = "integration", _("Feitelijke integratie")
    FORMAL_TRANSFER = "formal_transfer", _("Formele overdracht")
    AUTONOMOUS_AGENCY = "autonomous_agency", _("Extern verzelfstandigd agentschap")
    INTERMUNICIPAL = "intermunicipal", _("Intergemeentelijke dienst")
    OUTSOURCING = "outsourcing", _("Uitbesteding aan een private partner")


class WorkingMethods(models.TextChoices):
    SAME = "same", _("Dezelfde werkwijze")
    DIFFERENT = "different", _("Verschillende werkwijze")
    GEMEENTE_ONLY = "gemeente_only", _("Enkel bij de gemeente")
    OCMW_ONLY = "ocmw_only", _("Enkel bij het OCMW")


class SupportService(models.Model):
    """One support service, the object of one VVSG analysis."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("dienst"), max_length=100)
    position = models.PositiveIntegerField(default=0)
    working_methods = models.CharField(
        _("werkwijze gemeente en OCMW"), max_length=20, choices=WorkingMethods.choices, blank=True
    )
    working_methods_note = models.TextField(_("toelichting bij de werkwijze"), blank=True)
    total_scenario = models.CharField(
        _("totaalscenario"), max_length=20, choices=OrganisationForm.choices, blank=True
    )
    total_scenario_note = models.TextField(_("toelichting bij het totaalscenario"), blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ScanChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("ondersteunende dienst")
        verbose_name_plural = _("ondersteunende diensten")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["scan", "name"], name="support_service_name_once")]

    def __str__(self) -> str:
        return self.name


class ProductQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(service__scan__in=Scan.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(service__scan__in=Scan.objects.editable_by(user))


class ServiceProduct(models.Model):
    """A product or service the support service delivers (VVSG steps 2 to 4 and 7)."""

    service = models.ForeignKey(SupportService, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("product of dienstverlening"), max_length=150)
    users = models.CharField(_("gebruikers"), max_length=200, blank=True)
    fte_gemeente = models.DecimalField(_("VTE gemeente"), max_digits=6, decimal_places=2, default=0)
    fte_ocmw = models.DecimalField(_("VTE OCMW"), max_digits=6, decimal_places=2, default=0)
    running_costs = models.DecimalField(
        _("werkingskosten per jaar (€)"), max_digits=12, decimal_places=2, default=0
    )
    outsourced = models.CharField(_("uitbesteed"), max_length=200, blank=True)
    current_quality_providers = score_field(_("huidige kwaliteit volgens de leveranciers"))
    current_quality_users = score_field(_("huidige kwaliteit volgens de gebruikers"))
    desired_quality_providers = score_field(_("gewenste kwaliteit volgens de leveranciers"))
    desired_quality_users = score_field(_("gewenste kwaliteit volgens de gebruikers"))
    quality_note = models.TextField(_("toelichting bij de kwaliteit"), blank=True)
    decision = models.CharField(_("beslissing"), max_length=20, choices=OrganisationForm.choices, blank=True)
    decision_note = models.TextField(_("motivering van de beslissing"), blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        ordering = ["position", "pk"]
        constraints = [
            score_check("current_quality_providers", "product_cq_providers_1_5"),
            score_check("current_quality_users", "product_cq_users_1_5"),
            score_check("desired_quality_providers", "product_dq_providers_1_5"),
            score_check("desired_quality_users", "product_dq_users_1_5"),
            models.CheckConstraint(
                condition=Q(fte_gemeente__gte=0) & Q(fte_ocmw__gte=0), name="product_fte_positive"
            ),
            models.CheckConstraint(condition=Q(running_costs__gte=0), name="product_costs_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Precondition(models.TextChoices):
    MET = "met", _("Voldaan")
    NOT_MET = "not_met", _("Niet voldaan")
    TO_CHECK = "to_check", _("Na te gaan")


class HypothesisQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(product__service__scan__in=Scan.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(product__service__scan__in=Scan.objects.editable_by(user))


class Hypothesis(models.Model):
    """A hypothesis for a product (VVSG step 5), tested against the three preconditions (step 6)."""

    product = models.ForeignKey(ServiceProduct, on_delete=models.CASCADE, related_name="hypotheses")
    form = models.CharField(_("organisatievorm"), max_length=20, choices=OrganisationForm.choices)
    description = models.TextField(_("beschrijving"), blank=True)
    legal = models.CharField(
        _("juridisch"), max_length=10, choices=Precondition.choices, default=Precondition.TO_CHECK
    )
    legal_reason = models.TextField(_("reden (juridisch)"), blank=True)
    process = models.CharField(
        _("procesmatig"), max_length=10, choices=Precondition.choices, default=Precondition.TO_CHECK
    )
    process_reason = models.TextField(_("reden (procesmatig)"), blank=True)
    governance = models.CharField(
        _("bestuurlijk"), max_length=10, choices=Precondition.choices, default=Precondition.TO_CHECK
    )
    governance_reason = models.TextField(_("reden (bestuurlijk)"), blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = HypothesisQuerySet.as_manager()

    class Meta:
        verbose_name = _("hypothese")
        verbose_name_plural = _("hypothesen")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "form"], name="hypothesis_form_once_per_product")
        ]

    def __str__(self) -> str:
        return self.get_form_display()
