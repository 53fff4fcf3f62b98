"""Read-only admin for render jobs and downloads; the one action goes through the retry service."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import DownloadLog, RenderJob, RenderJobState
from .services import render_job_retry


@admin.register(RenderJob)
class RenderJobAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "state",
        "source_type",
        "source_id",
        "requested_by",
        "created_at",
        "attempts",
    ]
    list_filter = ["state", "kind", "source_type"]
    search_fields = ["title", "filename", "checksum", "task_id"]
    date_hierarchy = "created_at"
    list_select_related = ["source_type", "requested_by"]
    actions = ["retry_failed"]
    # The file is private media: no storage URL, only the download view that checks access.
    fields = [
        "title",
        "kind",
        "state",
        "error",
        "source_type",
        "source_id",
        "source_version",
        "filename",
        "download_link",
        "checksum",
        "size",
        "attempts",
        "task_id",
        "requested_by",
        "created_at",
        "started_at",
        "finished_at",
        "updated_at",
        "html_length",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("download"))
    def download_link(self, obj: RenderJob) -> str:
        if obj.state != RenderJobState.DONE:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("documents:job_download", args=[obj.pk]), obj.filename
        )

    @admin.display(description=_("lengte van de HTML (tekens)"))
    def html_length(self, obj: RenderJob) -> int:
        return len(obj.html)

    @admin.action(description=_("Mislukte opmaakopdrachten opnieuw proberen"))
    def retry_failed(self, request, queryset):
        done = 0
        for job in queryset.filter(state=RenderJobState.FAILED):
            try:
                render_job_retry(user=request.user, job=job)
            except (PermissionDenied, ValidationError):
                continue
            done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d opdracht opnieuw in de wachtrij.",
                "%(count)d opdrachten opnieuw in de wachtrij.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )


@admin.register(DownloadLog)
class DownloadLogAdmin(admin.ModelAdmin):
    list_display = ["downloaded_at", "user", "filename", "checksum", "job"]
    list_filter = ["downloaded_at"]
    search_fields = ["filename", "checksum", "user__username"]
    date_hierarchy = "downloaded_at"
    list_select_related = ["user", "job"]
    readonly_fields = ["job", "user", "downloaded_at", "checksum", "filename"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
