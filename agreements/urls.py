"""URLs of step 4. One <int:pk> per route, under a prefix naming its model:
trajecten/<pk>/overeenkomst/... is a Programme, overeenkomsten/<pk>/ an Agreement,
overeenkomsten/versies/<pk>/
an AgreementVersion, overeenkomsten/artikels/<pk>/ an Article, overeenkomsten/bijlagen/diensten/<pk>/ an
AnnexService, overeenkomsten/bijlagen/personeel/<pk>/ an AnnexStaff, clausules/<pk>/ a Clause,
clausules/versies/<pk>/ a ClauseVersion."""

from django.urls import path  # noqa: F401

app_name = "agreements"

urlpatterns: list = []
