"""What every agreement page shares: scoped loading (404 outside the user's local governments), the
user's roles, and the context of the agreement pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from programmes.forms import pk_in_range
from programmes.models import Membership, Programme, Role

from ..models import Agreement, AgreementVersion, AnnexService, AnnexStaff, Article, Clause, ClauseVersion

State = AgreementVersion.State
_VERSION_RELATED = (
    "agreement__programme__local_government",
    "submitted_by",
    "approved_by",
    "adopted_by",
)


def load_programme(request, pk: int) -> Programme:
    return get_object_or_404(
        Programme.objects.visible_to(request.user).select_related("local_government"), pk=pk
    )


def load_agreement(request, pk: int) -> Agreement:
    return get_object_or_404(
        Agreement.objects.visible_to(request.user).select_related("programme__local_government"), pk=pk
    )


def load_version(request, pk: int) -> AgreementVersion:
    return get_object_or_404(
        AgreementVersion.objects.visible_to(request.user).select_related(*_VERSION_RELATED), pk=pk
    )


def load_article(request, pk: int) -> Article:
    return get_object_or_404(
        Article.objects.visible_to(request.user).select_related(
            *(f"version__{name}" for name in _VERSION_RELATED)
        ),
        pk=pk,
    )


def load_annex_service(request, pk: int) -> AnnexService:
    return get_object_or_404(
        AnnexService.objects.visible_to(request.user).select_related(
            "version__agreement__programme__local_government"
        ),
        pk=pk,
    )


def load_annex_staff(request, pk: int) -> AnnexStaff:
    return get_object_or_404(
        AnnexStaff.objects.visible_to(request.user).select_related(
            "version__agreement__programme__local_government"
        ),
        pk=pk,
    )


def load_clause(request, pk: int) -> Clause:
    return get_object_or_404(
        Clause.objects.visible_to(request.user).select_related("local_government", "based_on"), pk=pk
    )


def load_clause_version(request, pk: int) -> ClauseVersion:
    return get_object_or_404(
        ClauseVersion.objects.visible_to(request.user).select_related(
            "clause__local_government", "created_by"
        ),
        pk=pk,
    )


def user_roles(user, local_government) -> set[str]:
    """The user's roles in a local government, in one query (site admins hold them all)."""
    if user.is_superuser:
        return set(Role.values)
    return set(
        Membership.objects.filter(user=user, local_government=local_government).values_list("role", flat=True)
    )


def require_consultant(user, local_government) -> set[str]:
    roles = user_roles(user, local_government)
    if Role.CONSULTANT not in roles:
        raise PermissionDenied(
            _("Alleen een consultant van dit lokaal bestuur kan de overeenkomst wijzigen.")
        )
    return roles


def is_library_editor(user) -> bool:
    return user.is_superuser or Membership.objects.filter(user=user, role=Role.CONSULTANT).exists()


def require_library_editor(user) -> None:
    if not is_library_editor(user):
        raise PermissionDenied(_("Alleen consultants werken met de clausulebibliotheek."))


def scoped_pk(value) -> int | None:
    """A posted or queried primary key, or None; 404 for one that cannot exist."""
    if value is None or str(value).strip() == "":
        return None
    if not pk_in_range(value):
        raise Http404
    return int(str(value).strip())


def error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def version_flags(version: AgreementVersion, roles: set[str], user) -> dict:
    is_consultant = Role.CONSULTANT in roles
    is_approver = Role.APPROVER in roles
    return {
        "is_consultant": is_consultant,
        "is_approver": is_approver,
        "is_council": Role.COUNCIL_MEMBER in roles and not (is_consultant or is_approver),
        "can_edit": is_consultant and version.state == State.DRAFT,
    }


ARTICLE_URLS = ("detail", "edit", "move", "remove")


def add_article_links(items) -> None:
    """Each listed article's URLs, reversed once per name: a page may list hundreds of articles."""
    patterns = {name: reverse(f"agreements:article_{name}", args=[0]) for name in ARTICLE_URLS}
    for item in items:
        pk = item["article"].pk if isinstance(item, dict) else item.article.pk
        urls = {name: pattern.replace("/0/", f"/{pk}/", 1) for name, pattern in patterns.items()}
        if isinstance(item, dict):
            item["urls"] = urls
        else:
            item.urls = urls


def article_labels() -> dict[str, str]:
    """The words of every article's buttons, translated once per page instead of once per article."""
    return {
        "edit": _("Bewerken"),
        "up": _("Omhoog"),
        "down": _("Omlaag"),
        "remove": _("Verwijderen"),
        "missing": _("Nog zonder waarde:"),
        "library": _("Uit de bibliotheek, clausuleversie"),
        "saved": _("Opgeslagen."),
    }
