from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from programmes import views as programme_views

admin.site.site_header = _("Tandem – beheer")
admin.site.site_title = _("Tandem – beheer")
admin.site.index_title = _("Beheer van lokale besturen, gebruikers en trajecten")

urlpatterns = [
    path("", include("programmes.urls")),
    path("", include("scans.urls")),
    path("", include("projects.urls")),
    path("", include("agreements.urls")),
    path("account/", include("programmes.account_urls")),
    path("documenten/", include("documents.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("toegankelijkheid/", programme_views.accessibility_statement, name="accessibility"),
    path("beheer/", admin.site.urls),
]

handler400 = "programmes.views.bad_request"
handler403 = "programmes.views.permission_denied"
handler404 = "programmes.views.page_not_found"
handler500 = "programmes.views.server_error"
