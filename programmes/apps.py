from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Lokale besturen en trajecten")

    def ready(self) -> None:
        from .demo import register_demo
        from .plan.demo import seed_plans

        register_demo(seed_plans)
