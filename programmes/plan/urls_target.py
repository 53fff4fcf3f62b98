"""URLs of the plan's target pages (included by programmes/plan/urls.py): the target picture, the
intended results, the financial angle and the opportunities against the costs."""

from django.urls import path

from . import views_target as v

urlpatterns: list = [
    path("plannen/<int:pk>/streefbeeld/", v.plan_target, name="plan_target"),
    path("plannen/versies/<int:pk>/streefbeeld/", v.target_edit, name="plan_target_edit"),
    path("plannen/versies/<int:pk>/resultaten/nieuw/", v.result_add, name="plan_result_add"),
    path("plannen/resultaten/<int:pk>/bewerken/", v.result_edit, name="plan_result_edit"),
    path("plannen/resultaten/<int:pk>/verwijderen/", v.result_delete, name="plan_result_delete"),
    path("plannen/versies/<int:pk>/financieel/nieuw/", v.financial_add, name="plan_financial_add"),
    path("plannen/financieel/<int:pk>/bewerken/", v.financial_edit, name="plan_financial_edit"),
    path("plannen/financieel/<int:pk>/verwijderen/", v.financial_delete, name="plan_financial_delete"),
    path("plannen/<int:pk>/afweging/", v.plan_balance, name="plan_balance"),
    path("plannen/versies/<int:pk>/afweging/nieuw/", v.balance_add, name="plan_balance_add"),
    path("plannen/afwegingen/<int:pk>/bewerken/", v.balance_edit, name="plan_balance_edit"),
    path("plannen/afwegingen/<int:pk>/verwijderen/", v.balance_delete, name="plan_balance_delete"),
]
