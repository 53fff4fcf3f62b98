"""URLs of the plan's workflow pages (included by programmes/plan/urls.py)."""

from django.urls import path

from . import views_workflow as views

urlpatterns: list = [
    path("plannen/<int:pk>/", views.overview, name="plan"),
    path("plannen/<int:pk>/nieuwe-versie/", views.new_version, name="plan_new_version"),
    path("plannen/<int:pk>/versies/", views.versions, name="plan_versions"),
    path("plannen/<int:pk>/vergelijken/", views.compare_versions, name="plan_compare"),
    path("plannen/versies/<int:pk>/", views.version_detail, name="plan_version"),
    path("plannen/versies/<int:pk>/indienen/", views.submit, name="plan_submit"),
    path("plannen/versies/<int:pk>/beslissen/", views.decide, name="plan_decide"),
    path("plannen/versies/<int:pk>/pdf/", views.pdf, name="plan_pdf"),
]
