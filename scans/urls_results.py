"""URLs of the scan's results pages (included by scans/urls.py)."""

from django.urls import path

from .views import results

urlpatterns = [
    path("scans/<int:pk>/resultaten/", results.results, name="results"),
    path("scans/<int:pk>/scenario/", results.confirm_scenario, name="confirm_scenario"),
    path("scans/<int:pk>/rapport/", results.report_pdf, name="report_pdf"),
    path("scans/<int:pk>/rapport.docx", results.report_docx_download, name="report_docx"),
]
