"""URLs of the survey pages (included by scans/urls.py); the public personal link: bevraging/<token>/."""

from django.urls import path

from .views import survey

urlpatterns = [
    path("scans/<int:pk>/bevraging/", survey.survey, name="survey"),
    path("scans/<int:pk>/bevraging/bewerken/", survey.survey_edit, name="survey_edit"),
    path("scans/<int:pk>/bevraging/vragen/nieuw/", survey.question_add, name="survey_question_add"),
    path("scans/bevraging/vragen/<int:pk>/bewerken/", survey.question_edit, name="survey_question_edit"),
    path(
        "scans/bevraging/vragen/<int:pk>/verwijderen/", survey.question_delete, name="survey_question_delete"
    ),
    path("scans/<int:pk>/bevraging/uitnodigen/", survey.invite, name="survey_invite"),
    path(
        "scans/uitnodigingen/<int:pk>/verwijderen/", survey.invitation_delete, name="survey_invitation_delete"
    ),
    path("scans/<int:pk>/bevraging/openen/", survey.survey_open, name="survey_open"),
    path("scans/<int:pk>/bevraging/herinneren/", survey.survey_remind, name="survey_remind"),
    path("scans/<int:pk>/bevraging/afsluiten/", survey.survey_close, name="survey_close"),
    path("scans/<int:pk>/bevraging/resultaten/", survey.results, name="survey_results"),
    path("bevraging/<str:token>/", survey.respond, name="survey_respond"),
]
