"""URLs of step 4. One <int:pk> per route, under a prefix naming its model:
trajecten/<pk>/overeenkomst/... is a Programme, overeenkomsten/<pk>/ an Agreement,
overeenkomsten/versies/<pk>/
an AgreementVersion, overeenkomsten/artikels/<pk>/ an Article, overeenkomsten/bijlagen/diensten/<pk>/ an
AnnexService, overeenkomsten/bijlagen/personeel/<pk>/ an AnnexStaff, clausules/<pk>/ a Clause,
clausules/versies/<pk>/ a ClauseVersion."""

from django.urls import path

from .views import agreement, annexes, downloads, drafting, library, workflow

app_name = "agreements"

urlpatterns = [
    # The programme's agreement (started here by a consultant).
    path("trajecten/<int:pk>/overeenkomst/", agreement.programme_agreement, name="programme_agreement"),
    # The agreement: the working version, versions, comparison.
    path("overeenkomsten/<int:pk>/", agreement.agreement_detail, name="agreement_detail"),
    path("overeenkomsten/<int:pk>/versies/", agreement.versions, name="versions"),
    path("overeenkomsten/<int:pk>/vergelijken/", agreement.compare_versions, name="compare"),
    path("overeenkomsten/<int:pk>/nieuwe-versie/", agreement.new_version, name="new_version"),
    # One version: reading, drafting, workflow, documents, annexes.
    path("overeenkomsten/versies/<int:pk>/", agreement.version_detail, name="version_detail"),
    path("overeenkomsten/versies/<int:pk>/bewerken/", drafting.version_edit, name="version_edit"),
    path("overeenkomsten/versies/<int:pk>/artikels/nieuw/", drafting.article_add, name="article_add"),
    path("overeenkomsten/versies/<int:pk>/bibliotheek/", drafting.library_add, name="library_add"),
    path("overeenkomsten/versies/<int:pk>/plaatshouders/", drafting.placeholder_values, name="placeholders"),
    path("overeenkomsten/versies/<int:pk>/voorbeeld/", drafting.preview, name="preview"),
    path("overeenkomsten/versies/<int:pk>/indienen/", workflow.submit, name="submit"),
    path("overeenkomsten/versies/<int:pk>/beslissen/", workflow.decide, name="decide"),
    path(
        "overeenkomsten/versies/<int:pk>/raadsbeslissing/", workflow.record_decision, name="record_decision"
    ),
    path("overeenkomsten/versies/<int:pk>/vaststellen/", workflow.adopt, name="adopt"),
    path("overeenkomsten/versies/<int:pk>/pdf/", downloads.pdf, name="pdf"),
    path("overeenkomsten/versies/<int:pk>/word/", downloads.docx, name="docx"),
    path("overeenkomsten/versies/<int:pk>/bijlagen/", annexes.annexes, name="annexes"),
    path(
        "overeenkomsten/versies/<int:pk>/bijlagen/diensten/nieuw/",
        annexes.service_add,
        name="annex_service_add",
    ),
    path(
        "overeenkomsten/versies/<int:pk>/bijlagen/personeel/nieuw/", annexes.staff_add, name="annex_staff_add"
    ),
    # Articles.
    path("overeenkomsten/artikels/<int:pk>/", drafting.article_detail, name="article_detail"),
    path("overeenkomsten/artikels/<int:pk>/bewerken/", drafting.article_edit, name="article_edit"),
    path("overeenkomsten/artikels/<int:pk>/verplaatsen/", drafting.article_move, name="article_move"),
    path("overeenkomsten/artikels/<int:pk>/verwijderen/", drafting.article_remove, name="article_remove"),
    # Annex rows.
    path(
        "overeenkomsten/bijlagen/diensten/<int:pk>/bewerken/", annexes.service_edit, name="annex_service_edit"
    ),
    path(
        "overeenkomsten/bijlagen/diensten/<int:pk>/verwijderen/",
        annexes.service_remove,
        name="annex_service_remove",
    ),
    path("overeenkomsten/bijlagen/personeel/<int:pk>/bewerken/", annexes.staff_edit, name="annex_staff_edit"),
    path(
        "overeenkomsten/bijlagen/personeel/<int:pk>/schrappen/",
        annexes.staff_college_remove,
        name="annex_staff_college_remove",
    ),
    path(
        "overeenkomsten/bijlagen/personeel/<int:pk>/verwijderen/",
        annexes.staff_remove,
        name="annex_staff_remove",
    ),
    # The clause library.
    path("clausules/", library.library, name="library"),
    path("clausules/nieuw/", library.clause_create, name="clause_create"),
    path("clausules/<int:pk>/", library.clause_detail, name="clause_detail"),
    path("clausules/<int:pk>/nieuwe-versie/", library.clause_version_add, name="clause_version_add"),
    path("clausules/<int:pk>/aanpassen/", library.clause_adapt, name="clause_adapt"),
    path("clausules/<int:pk>/archiveren/", library.clause_archive, name="clause_archive"),
    path("clausules/versies/<int:pk>/", library.clause_version_detail, name="clause_version_detail"),
]
