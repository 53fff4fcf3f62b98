from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Lokale besturen en trajecten")

    def ready(self) -> None:
        from .demo import register_demo
        from .models import Step
        from .plan import progress as plan_progress
        from .plan.demo import seed_plans
        from .steps import register_step_provider

        register_demo(seed_plans)
        register_step_provider(Step.TARGET_PICTURE, plan_progress.provide, bulk=plan_progress.load)
