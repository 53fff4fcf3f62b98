"""The admin shows jobs and downloads read-only; its one action goes through the retry service."""

from __future__ import annotations

import pytest
from django.urls import reverse

from documents.models import DownloadLog, RenderJob, RenderJobState
from documents.services import download_log_record

pytestmark = pytest.mark.django_db


def test_admin_pages_render(admin_client, done_job, consultant_a):
    download_log_record(user=consultant_a, job=done_job)
    for url in (
        reverse("admin:documents_renderjob_changelist"),
        reverse("admin:documents_renderjob_change", args=[done_job.pk]),
        reverse("admin:documents_downloadlog_changelist"),
        reverse("admin:documents_downloadlog_change", args=[DownloadLog.objects.get().pk]),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    detail = admin_client.get(
        reverse("admin:documents_renderjob_change", args=[done_job.pk])
    ).content.decode()
    assert reverse("documents:job_download", args=[done_job.pk]) in detail  # never a media URL
    assert admin_client.get(reverse("admin:documents_renderjob_add")).status_code == 403


def test_admin_action_retries_failed_jobs(admin_client, done_job, django_capture_on_commit_callbacks):
    RenderJob.objects.filter(pk=done_job.pk).update(state=RenderJobState.FAILED, error="x")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:documents_renderjob_changelist"),
            {"action": "retry_failed", "_selected_action": [done_job.pk]},
        )
    assert response.status_code == 302
    done_job.refresh_from_db()
    assert done_job.state == RenderJobState.DONE
