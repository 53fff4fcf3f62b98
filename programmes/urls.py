from django.urls import path

from . import views
from .plan import urls as plan_urls

app_name = "programmes"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("trajecten/nieuw/", views.programme_create, name="programme_create"),
    path("trajecten/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("trajecten/<int:pk>/bewerken/", views.programme_edit, name="programme_edit"),
    path("trajecten/<int:pk>/samenvatting/", views.programme_summary_request, name="programme_summary"),
    path("besturen/", views.local_government_list, name="local_government_list"),
    path("besturen/nieuw/", views.local_government_create, name="local_government_create"),
    path("besturen/<int:pk>/", views.local_government_detail, name="local_government_detail"),
    path("besturen/<int:pk>/uitnodigen/", views.membership_invite, name="membership_invite"),
    *plan_urls.urlpatterns,
]
