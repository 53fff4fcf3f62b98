from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Beheersovereenkomst")

    def ready(self) -> None:
        from programmes.demo import register_demo
        from programmes.models import Step
        from programmes.steps import register_step_provider

        from . import progress
        from .demo import seed_agreements

        register_demo(seed_agreements)
        register_step_provider(Step.AGREEMENT, progress.provide, bulk=progress.load)
