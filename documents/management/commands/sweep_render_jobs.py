"""Re-enqueue render jobs left queued or running too long: the sweep, for cron instead of Celery beat."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from documents.services import render_jobs_sweep


class Command(BaseCommand):
    help = "Re-enqueue render jobs left queued or running past their limit (a lost message, a killed worker)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queued-after",
            type=int,
            default=None,
            help="seconds queued before re-enqueueing (default: setting)",
        )
        parser.add_argument(
            "--running-after",
            type=int,
            default=None,
            help="seconds running before re-enqueueing (default: setting)",
        )

    def handle(self, *args, queued_after=None, running_after=None, **options):
        ids = render_jobs_sweep(
            queued_after=None if queued_after is None else timedelta(seconds=queued_after),
            running_after=None if running_after is None else timedelta(seconds=running_after),
        )
        if options["verbosity"] >= 1:
            self.stdout.write(f"{len(ids)} render job(s) re-enqueued" + (f": {ids}" if ids else ""))
