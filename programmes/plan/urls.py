"""URLs of step 2. One <int:pk> per route, under a prefix naming its model: plannen/<pk>/ is a Plan,
plannen/versies/<pk>/ a PlanVersion, plannen/resultaten/<pk>/ an IntendedResult, plannen/afwegingen/<pk>/
a BalanceItem, plannen/financieel/<pk>/ a FinancialLine, plannen/fasen/<pk>/ a Phase, plannen/acties/<pk>/
an Action. The milestone feed is a secret token under agenda/."""

from django.urls import path

from . import urls_actions, urls_target, urls_workflow
from .views_core import start

urlpatterns = [
    path("trajecten/<int:pk>/plan/", start, name="plan_start"),
    *urls_workflow.urlpatterns,
    *urls_target.urlpatterns,
    *urls_actions.urlpatterns,
]
