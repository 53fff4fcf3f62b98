from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScansConfig(AppConfig):
    name = "scans"
    verbose_name = _("Organisatiescan")

    def ready(self) -> None:
        from programmes.demo import register_demo
        from programmes.models import Step
        from programmes.steps import register_step_provider

        from . import progress
        from .demo import seed_scans

        register_step_provider(Step.SCAN, progress.provide, bulk=progress.load)
        register_demo(seed_scans)
