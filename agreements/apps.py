from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Beheersovereenkomst")

    def ready(self) -> None:
        from programmes.demo import register_demo

        from .demo import seed_agreements

        register_demo(seed_agreements)
