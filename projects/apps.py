from importlib.util import find_spec

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Programma van projecten")

    def ready(self) -> None:
        from programmes.demo import register_demo

        from .demo import seed_projects

        register_demo(seed_projects)
        if find_spec("projects.progress") is not None:  # the programme page's step 3 progress (UI side)
            from programmes.models import Step
            from programmes.steps import register_step_provider

            from . import progress

            register_step_provider(Step.PROGRAMME, progress.provide, bulk=getattr(progress, "load", None))
