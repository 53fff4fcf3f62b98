"""Render jobs (HTML in, PDF out) and the log of their downloads.

Who may see a job is decided by its source object: the source model's default manager has a
`visible_to(user)` queryset method (the project's tenancy convention). This app imports no other app.
"""

from __future__ import annotations

import math
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def render_job_upload_to(instance: RenderJob, filename: str) -> str:
    """A generated name under MEDIA_ROOT (private storage): documents/<yyyy>/<mm>/<uuid>.pdf."""
    now = timezone.now()
    return f"documents/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.pdf"


def visible_sources(model: type[models.Model], user) -> models.QuerySet:
    """The rows of a source model the user may see, through its manager's visible_to(user)."""
    visible_to = getattr(model._default_manager, "visible_to", None)
    if visible_to is None:
        raise ImproperlyConfigured(
            f"{model._meta.label} has no visible_to(user) on its default manager: "
            "documents cannot decide who may see its render jobs."
        )
    return visible_to(user)


def user_can_access(user, job: RenderJob) -> bool:
    """Whether the user may see this job: they can see its source object."""
    if user is None or not user.is_authenticated:
        return False
    model = job.source_type.model_class()
    if model is None:  # the source model no longer exists
        return False
    return visible_sources(model, user).filter(pk=job.source_id).exists()


class RenderJobState(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class RenderJobQuerySet(models.QuerySet):
    def for_source(self, obj: models.Model) -> RenderJobQuerySet:
        """The jobs rendered from this source object (any kind, any version)."""
        return self.filter(source_type=ContentType.objects.get_for_model(obj), source_id=obj.pk)

    def visible_to(self, user) -> RenderJobQuerySet:
        """Jobs whose source object the user may see (one subquery per source model in use)."""
        if user is None or not user.is_authenticated:
            return self.none()
        condition = Q(pk__in=[])
        type_ids = self.order_by().values_list("source_type_id", flat=True).distinct()
        for source_type in ContentType.objects.filter(pk__in=list(type_ids)):
            model = source_type.model_class()
            if model is None:
                continue
            condition |= Q(source_type=source_type, source_id__in=visible_sources(model, user).values("pk"))
        return self.filter(condition)

    def pending(self) -> RenderJobQuerySet:
        return self.filter(state__in=[RenderJobState.QUEUED, RenderJobState.RUNNING])


class RenderJob(models.Model):
    """One rendering of one version of a source object. The database is the truth; the queue only signals."""

    State = RenderJobState

    kind = models.CharField(_("soort"), max_length=50, help_text=_("Bijvoorbeeld: programme_summary"))
    title = models.CharField(_("titel"), max_length=200)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("soort bron")
    )
    source_id = models.PositiveBigIntegerField(_("id van de bron"))
    source = GenericForeignKey("source_type", "source_id")
    source_version = models.CharField(
        _("versie van de bron"), max_length=64, help_text=_("Standaard de SHA-256 van de HTML.")
    )
    html = models.TextField(
        _("HTML"), help_text=_("Precies wat wordt opgemaakt, zodat een nieuwe poging hetzelfde oplevert.")
    )
    filename = models.CharField(_("bestandsnaam"), max_length=200)
    state = models.CharField(
        _("toestand"), max_length=10, choices=RenderJobState.choices, default=RenderJobState.QUEUED
    )
    file = models.FileField(_("bestand"), upload_to=render_job_upload_to, max_length=255, blank=True)
    checksum = models.CharField(_("controlegetal (SHA-256)"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("grootte in bytes"), null=True, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    task_id = models.CharField(_("taak-id"), max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = RenderJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("opmaakopdracht")
        verbose_name_plural = _("opmaakopdrachten")
        ordering = ["-created_at"]
        constraints = [
            # Source first: the same index serves for_source(obj).
            models.UniqueConstraint(
                fields=["source_type", "source_id", "kind", "source_version"],
                name="renderjob_one_per_source_version",
            ),
            models.CheckConstraint(
                condition=Q(state__in=RenderJobState.values), name="renderjob_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["state", "updated_at"], name="renderjob_state_updated_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_state_display()})"

    @property
    def is_pending(self) -> bool:
        return self.state in (RenderJobState.QUEUED, RenderJobState.RUNNING)

    @property
    def size_kb(self) -> int | None:
        return None if self.size is None else max(1, math.ceil(self.size / 1024))

    @property
    def checksum_short(self) -> str:
        return self.checksum[:12]


class DownloadLog(models.Model):
    """Who downloaded which file of a job, and when (a read log: one row per download)."""

    job = models.ForeignKey(
        RenderJob, on_delete=models.PROTECT, related_name="downloads", verbose_name=_("opmaakopdracht")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    downloaded_at = models.DateTimeField(_("gedownload op"), default=timezone.now, db_index=True)
    checksum = models.CharField(_("controlegetal (SHA-256)"), max_length=64)
    filename = models.CharField(_("bestandsnaam"), max_length=200)

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["-downloaded_at"]

    def __str__(self) -> str:
        return f"{self.filename} – {self.user} – {self.downloaded_at:%d/%m/%Y %H:%M}"
