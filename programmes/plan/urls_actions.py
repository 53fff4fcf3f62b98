"""URLs of the plan's actions pages (included by programmes/plan/urls.py)."""

from django.urls import path

from . import views_actions as views

urlpatterns: list = [
    path("plannen/<int:pk>/actieplan/", views.plan_actions, name="plan_actions"),
    path("plannen/<int:pk>/acties.xlsx", views.export_xlsx, name="plan_actions_xlsx"),
    path("plannen/<int:pk>/opvolging/", views.follow_up, name="plan_follow_up"),
    path("plannen/<int:pk>/agenda-vernieuwen/", views.feed_renew, name="plan_feed_renew"),
    path("plannen/versies/<int:pk>/fasen/nieuw/", views.phase_add, name="plan_phase_add"),
    path("plannen/fasen/<int:pk>/bewerken/", views.phase_edit, name="plan_phase_edit"),
    path("plannen/fasen/<int:pk>/verwijderen/", views.phase_delete, name="plan_phase_delete"),
    path("plannen/fasen/<int:pk>/verplaatsen/", views.phase_move, name="plan_phase_move"),
    path("plannen/fasen/<int:pk>/acties/nieuw/", views.action_add, name="plan_action_add"),
    path("plannen/acties/<int:pk>/bewerken/", views.action_edit, name="plan_action_edit"),
    path("plannen/acties/<int:pk>/verwijderen/", views.action_delete, name="plan_action_delete"),
    path("plannen/acties/<int:pk>/stand/", views.action_update, name="plan_action_update"),
    path("agenda/<str:token>.ics", views.calendar, name="plan_calendar"),
]
