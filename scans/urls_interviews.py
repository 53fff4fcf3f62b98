"""URLs of the scan's interviews pages (included by scans/urls.py): one <int:pk> per route, its meaning
decided by the prefix (scans/<pk>/ a scan, scans/vragen/ a guide question, scans/getuigen/ a witness,
scans/interviews/ an interview, scans/bevindingen/ a finding)."""

from django.urls import path

from .views import interviews as views

urlpatterns = [
    # the section's landing page and the interviews
    path("scans/<int:pk>/interviews/", views.interviews, name="interviews"),
    path("scans/<int:pk>/interviews/nieuw/", views.interview_add, name="interview_add"),
    path("scans/interviews/<int:pk>/", views.interview_record, name="interview_record"),
    path("scans/interviews/<int:pk>/antwoord/", views.interview_answer, name="interview_answer"),
    path("scans/interviews/<int:pk>/bewerken/", views.interview_edit, name="interview_edit"),
    path("scans/interviews/<int:pk>/verwijderen/", views.interview_delete, name="interview_delete"),
    # the interview guide of this scan
    path("scans/<int:pk>/leidraad/", views.guide, name="guide"),
    path("scans/<int:pk>/leidraad/nieuw/", views.question_add, name="question_add"),
    path("scans/vragen/<int:pk>/bewerken/", views.question_edit, name="question_edit"),
    path("scans/vragen/<int:pk>/verplaatsen/", views.question_move, name="question_move"),
    path("scans/vragen/<int:pk>/verwijderen/", views.question_delete, name="question_delete"),
    # key witnesses (personal data: consultants only)
    path("scans/<int:pk>/getuigen/", views.witnesses, name="witnesses"),
    path("scans/getuigen/<int:pk>/bewerken/", views.witness_edit, name="witness_edit"),
    path("scans/getuigen/<int:pk>/verwijderen/", views.witness_delete, name="witness_delete"),
    # findings: strengths and risks, some of them key findings
    path("scans/<int:pk>/bevindingen/", views.findings, name="findings"),
    path("scans/bevindingen/<int:pk>/bewerken/", views.finding_edit, name="finding_edit"),
    path("scans/bevindingen/<int:pk>/kern/", views.finding_toggle_key, name="finding_toggle_key"),
    path("scans/bevindingen/<int:pk>/verwijderen/", views.finding_delete, name="finding_delete"),
]
