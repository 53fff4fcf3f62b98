"""Step 2: the target picture (streefbeeld) and the phased action plan, approved by the algemeen directeur.

A Plan belongs to one programme and holds numbered versions. The consultant edits the one open version
(draft, or submitted while it waits for the director); an approved version is frozen, and a later change
starts a new draft copied from it. Action status lives outside the versions (ActionUpdate, by the
action's stable key), so owners report progress without touching the approved plan.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .core import LocalGovernment, Programme


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans of the programmes the user may see."""
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(programme__in=Programme.objects.editable_by(user))


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class Plan(models.Model):
    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="plan")
    # The milestone feed is read by agenda apps, which cannot log in: a secret link, renewable.
    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("streefbeeld en actieplan")
        verbose_name_plural = _("streefbeelden en actieplannen")

    def __str__(self) -> str:
        return str(_("Streefbeeld en actieplan van %(programme)s") % {"programme": self.programme})

    @property
    def local_government(self) -> LocalGovernment:
        return self.programme.local_government


class PlanVersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(plan__in=Plan.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(plan__in=Plan.objects.editable_by(user))


class PlanVersion(models.Model):
    """One version of the target picture and action plan: submitted and approved as one whole."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Ontwerp")
        SUBMITTED = "submitted", _("Ingediend")
        APPROVED = "approved", _("Goedgekeurd")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.DRAFT)
    ambition = models.TextField(_("gedeelde ambitie"), blank=True)
    involved = models.TextField(_("betrokken personen en diensten"), blank=True)
    horizon = models.DateField(
        _("tijdshorizon"), null=True, blank=True, help_text=_("Tegen wanneer het streefbeeld bereikt is.")
    )
    patrimony = models.BooleanField(
        _("invalshoek patrimonium"), default=False, help_text=_("Neem ook de gebouwen en eigendommen mee.")
    )
    # Optimistic locking of the version's own fields: a save over a newer edit is refused.
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

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versie van het plan")
        verbose_name_plural = _("versies van het plan")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_once"),
            # At most one version is open for editing or waiting for approval.
            models.UniqueConstraint(
                fields=["plan"], condition=Q(state__in=["draft", "submitted"]), name="plan_one_open_version"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "submitted", "approved"]), name="plan_version_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(_("versie %(n)s") % {"n": self.number})

    @property
    def is_frozen(self) -> bool:
        return self.state == self.State.APPROVED


class PlanEvent(models.Model):
    """The history of a plan: who did what, when, with which comment."""

    class Kind(models.TextChoices):
        CREATED = "created", _("aangemaakt")
        SUBMITTED = "submitted", _("ingediend")
        APPROVED = "approved", _("goedgekeurd")
        REJECTED = "rejected", _("afgekeurd")
        NEW_VERSION = "new_version", _("nieuwe versie gestart")

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.version} {self.get_kind_display()}"


class VersionChildQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(version__in=PlanVersion.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(version__in=PlanVersion.objects.editable_by(user))


class Angle(models.TextChoices):
    """The angles of the analysis (invalshoeken); patrimony only when the version switches it on."""

    STRATEGIC = "strategic", _("Strategisch")
    FINANCIAL = "financial", _("Financieel")
    ORGANISATIONAL = "organisational", _("Organisatie en beheer")
    PATRIMONY = "patrimony", _("Patrimonium")


class IntendedResult(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="results")
    angle = models.CharField(_("invalshoek"), max_length=20, choices=Angle.choices)
    text = models.TextField(_("beoogd resultaat"))
    position = models.PositiveIntegerField(default=0)
    # Optimistic locking: an edit form carries the edit_version it was opened on (programmes/plan/stale.py).
    edit_version = models.PositiveIntegerField(default=1)

    objects = VersionChildQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class BalanceFactor(models.TextChoices):
    """Opportunities (kansen) and costs (kosten) of cooperation."""

    BETTER_SERVICE = "better_service", _("Betere dienstverlening")
    EFFICIENCY = "efficiency", _("Efficiëntiewinst")
    PROFESSIONALISATION = "professionalisation", _("Professionalisering")
    UNIFORMITY = "uniformity", _("Uniformiteit")
    UNCLEAR_STEERING = "unclear_steering", _("Onduidelijke aansturing")
    DISTANCE = "distance", _("Afstand")
    COORDINATION = "coordination", _("Coördinatiekost")
    LOSS_OF_IDENTITY = "loss_of_identity", _("Verlies van eigenheid")


OPPORTUNITIES = (
    BalanceFactor.BETTER_SERVICE,
    BalanceFactor.EFFICIENCY,
    BalanceFactor.PROFESSIONALISATION,
    BalanceFactor.UNIFORMITY,
)


class BalanceItem(models.Model):
    """One opportunity or cost of cooperation for a service or domain, weighted 1 (light) to 5 (heavy)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="balance_items")
    domain = models.CharField(_("dienst of domein"), max_length=100)
    factor = models.CharField(_("kans of kost"), max_length=20, choices=BalanceFactor.choices)
    weight = models.PositiveSmallIntegerField(
        _("gewicht"),
        validators=[
            MinValueValidator(1, message=_("Een gewicht ligt tussen 1 en 5.")),
            MaxValueValidator(5, message=_("Een gewicht ligt tussen 1 en 5.")),
        ],
    )
    note = models.TextField(_("toelichting"), blank=True)
    # Optimistic locking: an edit form carries the edit_version it was opened on (programmes/plan/stale.py).
    edit_version = models.PositiveIntegerField(default=1)

    objects = VersionChildQuerySet.as_manager()

    class Meta:
        ordering = ["domain", "factor", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=5), name="balance_weight_1_5"),
            models.UniqueConstraint(
                fields=["version", "domain", "factor"], name="balance_factor_once_per_domain"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.get_factor_display()}"

    @property
    def is_opportunity(self) -> bool:
        return self.factor in OPPORTUNITIES


class FinancialKind(models.TextChoices):
    EFFICIENCY_GAIN = "efficiency_gain", _("Verwachte efficiëntiewinst")
    JOINT_INVESTMENT = "joint_investment", _("Gezamenlijke investering")


class FinancialLine(models.Model):
    """The financial angle: an expected efficiency gain or a joint investment in euro for one year."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="financial_lines")
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2019), MaxValueValidator(2100)]
    )
    kind = models.CharField(_("soort"), max_length=20, choices=FinancialKind.choices)
    description = models.CharField(_("omschrijving"), max_length=200)
    amount = models.DecimalField(_("bedrag (€)"), max_digits=12, decimal_places=2)
    # Optimistic locking: an edit form carries the edit_version it was opened on (programmes/plan/stale.py).
    edit_version = models.PositiveIntegerField(default=1)

    objects = VersionChildQuerySet.as_manager()

    class Meta:
        ordering = ["year", "kind", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="financial_amount_positive")]

    def __str__(self) -> str:
        return self.description


class Phase(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("fase"), max_length=150)
    description = models.TextField(_("omschrijving"), blank=True)
    position = models.PositiveIntegerField(default=0)
    # Optimistic locking: an edit form carries the edit_version it was opened on (programmes/plan/stale.py).
    edit_version = models.PositiveIntegerField(default=1)

    objects = VersionChildQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class ActionKind(models.TextChoices):
    ACTION = "action", _("Actie")
    PROJECT_STRUCTURE = "project_structure", _("Projectstructuur")
    CHANGE_MANAGEMENT = "change_management", _("Veranderingsmanagement")
    COMMUNICATION = "communication", _("Communicatie")
    FOLLOW_UP = "follow_up", _("Opvolging")


class ActionStatus(models.TextChoices):
    TODO = "todo", _("Nog te starten")
    IN_PROGRESS = "in_progress", _("Bezig")
    DONE = "done", _("Afgerond")
    BLOCKED = "blocked", _("Geblokkeerd")


class Action(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="actions")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="actions", verbose_name=_("fase"))
    # The same action keeps its key in every version, so its status updates follow it.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=ActionKind.choices, default=ActionKind.ACTION)
    owner_name = models.CharField(_("trekker"), max_length=150, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trekker in Tandem"),
        help_text=_("Een gebruiker van dit lokaal bestuur die de stand van de actie bijwerkt."),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("einde"))
    is_milestone = models.BooleanField(_("mijlpaal"), default=False)
    is_quick_win = models.BooleanField(_("quick win"), default=False)
    planned_status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.TODO
    )
    position = models.PositiveIntegerField(default=0)
    # Optimistic locking: an edit form carries the edit_version it was opened on (programmes/plan/stale.py).
    edit_version = models.PositiveIntegerField(default=1)

    objects = VersionChildQuerySet.as_manager()

    class Meta:
        ordering = ["phase__position", "position", "start", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="action_end_after_start"),
            models.UniqueConstraint(fields=["version", "key"], name="action_key_once_per_version"),
        ]

    def __str__(self) -> str:
        return self.title


class ActionUpdateQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(plan__in=Plan.objects.visible_to(user))


class ActionUpdate(models.Model):
    """An owner's status update on an action, kept across versions by the action's key."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="action_updates")
    action_key = models.UUIDField(db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    note = models.TextField(_("toelichting"), blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = ActionUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.at:%d/%m/%Y})"
