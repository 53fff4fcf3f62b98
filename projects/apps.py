from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Programma van projecten")

    def ready(self) -> None:
        from programmes.demo import register_demo
        from programmes.models import Step
        from programmes.steps import register_step_provider

        from . import progress
        from .demo import seed_projects

        register_demo(seed_projects)
        register_step_provider(Step.PROGRAMME, progress.provide, bulk=progress.load)
