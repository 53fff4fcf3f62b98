"""Settings of the documents app, each with a default, read when used (so override_settings works).

DOCUMENTS_RENDER_TIME_LIMIT        hard time limit of one render task, seconds (120)
DOCUMENTS_RENDER_SOFT_TIME_LIMIT   soft time limit: the job fails with a message, seconds (100)
DOCUMENTS_RENDER_MAX_ATTEMPTS      claims of one job before the sweep gives up and marks it failed (5)
DOCUMENTS_SWEEP_QUEUED_AFTER       a job queued this long (since updated_at) is re-enqueued, seconds (120)
DOCUMENTS_SWEEP_RUNNING_AFTER      a job running this long is re-enqueued, seconds (time limit + 30)
DOCUMENTS_PDF_BASE_URL             base URL of the HTML given to WeasyPrint ("https://tandem.invalid/");
                                   only <base>/static/... under it is ever read, from disk, never the network
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings


def render_time_limit() -> int:
    return int(getattr(settings, "DOCUMENTS_RENDER_TIME_LIMIT", 120))


def render_soft_time_limit() -> int:
    return int(getattr(settings, "DOCUMENTS_RENDER_SOFT_TIME_LIMIT", 100))


def render_max_attempts() -> int:
    return int(getattr(settings, "DOCUMENTS_RENDER_MAX_ATTEMPTS", 5))


def sweep_queued_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "DOCUMENTS_SWEEP_QUEUED_AFTER", 120)))


def sweep_running_after() -> timedelta:
    # Past the hard time limit the worker that claimed the job is certainly gone (killed or lost).
    default = render_time_limit() + 30
    return timedelta(seconds=int(getattr(settings, "DOCUMENTS_SWEEP_RUNNING_AFTER", default)))


def pdf_base_url() -> str:
    return str(getattr(settings, "DOCUMENTS_PDF_BASE_URL", "https://tandem.invalid/"))
