"""Step 3: the programme of projects, its one steering structure and the dependencies between projects.

A programme has exactly one steering group (stuurgroep) with members, a chair and a programme manager;
project groups sit under it, and each project belongs to one of them (a project without a group is flagged).
A dependency says the successor needs the predecessor; the services refuse a dependency that would close a
cycle, under a lock on the programme so that two people adding edges at once cannot store a cycle together.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programmes.models import Action, LocalGovernment, Programme


class ProgrammeChildQuerySet(models.QuerySet):
    """Rows that reach their local government through `programme`."""

    def visible_to(self, user):
        """Rows of the programmes the user may see."""
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def editable_by(self, user):
        """Rows of the programmes the user leads as consultant."""
        return self.filter(programme__in=Programme.objects.editable_by(user))


class SteeringGroup(models.Model):
    """The one steering group of a programme: no parallel steering groups (no projectenguerrilla)."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="steering_group", verbose_name=_("traject")
    )
    name = models.CharField(_("naam"), max_length=150, default=_("Stuurgroep"))
    mandate = models.TextField(
        _("opdracht en bevoegdheden"),
        blank=True,
        help_text=_("Wat de stuurgroep beslist, hoe vaak ze samenkomt en aan wie ze rapporteert."),
    )
    # The chair and the programme manager are members of the local government, or a name when they have
    # no account (a mayor who never logs in).
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorzitter"),
    )
    chair_name = models.CharField(_("voorzitter (naam)"), max_length=150, blank=True)
    programme_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programmamanager"),
    )
    programme_manager_name = models.CharField(_("programmamanager (naam)"), max_length=150, blank=True)
    meeting_rhythm = models.CharField(_("vergaderritme"), max_length=150, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ProgrammeChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stuurgroep")
        verbose_name_plural = _("stuurgroepen")

    def __str__(self) -> str:
        return f"{self.name} – {self.programme}"

    @property
    def local_government(self) -> LocalGovernment:
        return self.programme.local_government


class SteeringMemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(group__in=SteeringGroup.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(group__in=SteeringGroup.objects.editable_by(user))


class SteeringMember(models.Model):
    group = models.ForeignKey(
        SteeringGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("stuurgroep")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    name = models.CharField(_("naam"), max_length=150, blank=True)
    function = models.CharField(
        _("functie"),
        max_length=150,
        help_text=_("Bijvoorbeeld burgemeester, voorzitter BCSD, algemeen directeur."),
    )
    position = models.PositiveIntegerField(default=0)

    objects = SteeringMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lid van de stuurgroep")
        verbose_name_plural = _("leden van de stuurgroep")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="steering_member_user_or_name"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return self.name


class ProjectGroup(models.Model):
    """A project group under the steering group; every project belongs to one."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="project_groups", verbose_name=_("traject")
    )
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("omschrijving"), blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trekker"),
    )
    lead_name = models.CharField(_("trekker (naam)"), max_length=150, blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    objects = ProgrammeChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("projectgroep")
        verbose_name_plural = _("projectgroepen")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="project_group_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorstel")
    PLANNED = "planned", _("Gepland")
    RUNNING = "running", _("Lopend")
    ON_HOLD = "on_hold", _("On hold")
    DONE = "done", _("Afgerond")
    STOPPED = "stopped", _("Stopgezet")


class Project(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="projects", verbose_name=_("traject")
    )
    group = models.ForeignKey(
        ProjectGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("projectgroep"),
        help_text=_("De plaats van het project in de stuurstructuur."),
    )
    title = models.CharField(_("titel"), max_length=200)
    goal = models.TextField(_("doel"), blank=True)
    scope = models.TextField(_("scope"), blank=True, help_text=_("Wat het project wel en niet omvat."))
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("projectleider"),
    )
    leader_name = models.CharField(_("projectleider (naam)"), max_length=150, blank=True)
    sponsor = models.CharField(
        _("opdrachtgever"), max_length=150, blank=True, help_text=_("Wie het project bestuurlijk draagt.")
    )
    planned_start = models.DateField(_("geplande start"))
    duration_weeks = models.PositiveSmallIntegerField(
        _("duur (weken)"), validators=[MinValueValidator(1), MaxValueValidator(520)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    budget = models.DecimalField(_("budget (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    quick_win = models.BooleanField(_("quick win"), default=False)
    # The plan actions this project carries out (of an approved plan version; versions are never deleted).
    actions = models.ManyToManyField(Action, blank=True, related_name="projects", verbose_name=_("acties"))
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgrammeChildQuerySet.as_manager()
    # Who changed what and when, with the plan actions of each version (projects.history shows it).
    history = HistoricalRecords(m2m_fields=[actions])

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projecten")
        ordering = ["planned_start", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "title"], name="project_title_once_per_programme"),
            models.CheckConstraint(condition=Q(duration_weeks__gte=1), name="project_duration_positive"),
            models.CheckConstraint(
                condition=Q(budget__gte=0) | Q(budget__isnull=True), name="project_budget_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.pk])

    @property
    def leader_display(self) -> str:
        if self.leader_id:
            return self.leader.get_full_name() or self.leader.get_username()
        return self.leader_name


class DependencyKind(models.TextChoices):
    FINISH_TO_START = "fs", _("Einde-start")
    START_TO_START = "ss", _("Start-start")
    FINISH_TO_FINISH = "ff", _("Einde-einde")


class Dependency(models.Model):
    """The successor needs the predecessor: with the kind and an optional lag in weeks."""

    # Denormalised so the lock and the cycle check read one programme's edges with one query.
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="dependencies", verbose_name=_("traject")
    )
    predecessor = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="successor_links", verbose_name=_("voorganger")
    )
    successor = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="predecessor_links", verbose_name=_("opvolger")
    )
    kind = models.CharField(
        _("soort"), max_length=2, choices=DependencyKind.choices, default=DependencyKind.FINISH_TO_START
    )
    lag_weeks = models.SmallIntegerField(
        _("wachttijd (weken)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(104)]
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgrammeChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afhankelijkheid")
        verbose_name_plural = _("afhankelijkheden")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="dependency_once"),
            models.CheckConstraint(condition=~Q(predecessor=F("successor")), name="dependency_not_on_itself"),
            models.CheckConstraint(
                condition=Q(lag_weeks__gte=0, lag_weeks__lte=104), name="dependency_lag_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
