"""The scan's URLs. Objects are addressed by their own primary key under their own prefix
(scans/<pk>/ for a scan, scans/interviews/<pk>/ for an interview, ...), each loaded through its
visible_to(); the public survey link is a token under bevraging/."""

from django.urls import path

from . import urls_interviews, urls_results, urls_survey, urls_vvsg
from .views import core

app_name = "scans"

urlpatterns = [
    path("trajecten/<int:pk>/scan/", core.start, name="start"),
    path("scans/<int:pk>/", core.overview, name="overview"),
    path("scans/<int:pk>/afronden/", core.finalise, name="finalise"),
    path("scans/<int:pk>/heropenen/", core.reopen, name="reopen"),
    *urls_interviews.urlpatterns,
    *urls_survey.urlpatterns,
    *urls_vvsg.urlpatterns,
    *urls_results.urlpatterns,
]
