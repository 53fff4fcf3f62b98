"""The agreement page (the working version, or for council members the versions put before them), the
versions list, the comparison of two versions and the read-only page of one version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.models import Role

from .. import placeholders, services
from ..compare import compare
from ..document import agreement_content, download_log, latest_pdf_job
from ..forms import CouncilDecisionForm, DecisionForm, SubmitForm, VersionForm
from ..models import Agreement, AgreementEvent, AgreementVersion, ClauseVersion
from .core import (
    State,
    add_article_links,
    article_labels,
    error_messages,
    load_agreement,
    load_programme,
    load_version,
    scoped_pk,
    user_roles,
    version_flags,
)


@login_required
@require_http_methods(["GET", "POST"])
def programme_agreement(request, pk: int):
    """The programme's agreement; a consultant starts it here (POST) if there is none yet."""
    programme = load_programme(request, pk)
    existing = Agreement.objects.filter(programme=programme).first()
    if existing is not None:
        return redirect("agreements:agreement_detail", existing.pk)
    roles = user_roles(request.user, programme.local_government)
    if request.method == "POST":
        try:
            version = services.agreement_start(user=request.user, programme=programme)
        except ValidationError as error:
            error_messages(request, error)
            return redirect("agreements:programme_agreement", programme.pk)
        messages.success(
            request,
            _("De beheersovereenkomst is gestart (versie 1, ontwerp) met de verplichte clausules."),
        )
        return redirect("agreements:agreement_detail", version.agreement_id)
    return render(
        request,
        "agreements/start.html",
        {"programme": programme, "can_start": Role.CONSULTANT in roles},
    )


def placeholder_rows(version: AgreementVersion, content: dict | None = None) -> list[dict]:
    """Every placeholder the version uses or is offered: its label, the offered value with its source,
    the version's own value and what counts."""
    if content:
        offered, overrides, articles = content["offered"], content["overrides"], content["articles"]
    else:
        offered = placeholders.offered_values(version)
        overrides = placeholders.overrides_for(version)
        articles = list(version.articles.all())
    used: list[str] = placeholders.find(version.preamble or "")
    for article in articles:
        used += placeholders.find(article.text)
    keys = list(dict.fromkeys([*used, *offered.keys(), *overrides.keys()]))
    used_set = set(used)
    rows = []
    for key in keys:
        offer = offered.get(key)
        override = overrides.get(key, "")
        rows.append(
            {
                "key": key,
                "label": getattr(offer, "label", "") or placeholders.label(key),
                "offered": getattr(offer, "value", "") or "",
                "source": getattr(offer, "source", "") or "",
                "override": override,
                "value": override or (getattr(offer, "value", "") or ""),
                "used": key in used_set,
            }
        )
    rows.sort(key=lambda row: (not row["used"], row["value"] != "", row["key"]))
    return rows


def agreement_page_context(
    request, agreement: Agreement, *, version: AgreementVersion | None = None, **forms
) -> dict:
    programme = agreement.programme
    lg = programme.local_government
    roles = user_roles(request.user, lg)
    flags = version_flags(AgreementVersion(state=State.DRAFT), roles, request.user)
    visible_versions = list(
        AgreementVersion.objects.visible_to(request.user)
        .filter(agreement=agreement)
        .select_related("submitted_by", "approved_by", "adopted_by", "created_by")
        .order_by("-number")
    )
    if version is None:
        if flags["is_council"]:
            version = visible_versions[0] if visible_versions else None
        else:
            # The working version (the open draft or submitted one, else the newest), from the versions
            # already read: consultants and approvers see them all.
            open_ones = [v for v in visible_versions if v.state in (State.DRAFT, State.SUBMITTED)]
            version = (open_ones or visible_versions or [None])[0]
    context = {
        "agreement": agreement,
        "programme": programme,
        "local_government": lg,
        "versions": visible_versions,
        "version": version,
        "section": "agreement",
        **flags,
    }
    if version is None:
        return context
    version.agreement = agreement
    flags = version_flags(version, roles, request.user)
    content = agreement_content(version)
    items = [item for chapter in content["chapters"] for item in chapter.articles]
    add_article_links(items)
    if flags["can_edit"]:
        _mark_newer_clause_versions(items)
    is_consultant, is_approver = flags["is_consultant"], flags["is_approver"]
    own_submission = version.submitted_by_id == request.user.pk
    can_decide = is_approver and version.state == State.SUBMITTED and not own_submission
    adopted = next((v for v in visible_versions if v.state == State.ADOPTED), None)
    context.update(content)
    context.update(flags)
    context.update(
        {
            "problems": services.submission_problems(
                version,
                values=content["values"],
                articles=content["articles"],
                has_annex_services=bool(content["annex_services"]),
            )
            if version.state == State.DRAFT
            else [],
            "can_submit": is_consultant and version.state == State.DRAFT,
            "can_decide": can_decide,
            "own_submission": is_approver and version.state == State.SUBMITTED and own_submission,
            "can_record": is_consultant and version.state == State.APPROVED,
            "can_adopt": is_consultant
            and version.state == State.APPROVED
            and bool(version.council_decision_date and version.ocmw_decision_date),
            "can_new_version": is_consultant
            and version.state in (State.APPROVED, State.ADOPTED)
            and not any(v.state in (State.DRAFT, State.SUBMITTED) for v in visible_versions),
            "version_form": forms.get("version_form")
            or VersionForm(
                initial={
                    "title": version.title,
                    "start_date": version.start_date,
                    "preamble": version.preamble,
                    "edit_version": version.edit_version,
                }
            ),
            "submit_form": forms.get("submit_form") or SubmitForm(),
            "decision_form": forms.get("decision_form") or (DecisionForm() if can_decide else None),
            "council_form": forms.get("council_form") or CouncilDecisionForm(),
            "rejection": _last_rejection(version),
            "submission": _last_submission(version),
            "events": list(
                AgreementEvent.objects.filter(version__agreement=agreement)
                .select_related("user", "version")
                .order_by("-at", "-pk")[:50]
            )
            if not flags["is_council"]
            else [],
            "placeholder_rows": placeholder_rows(version, content) if is_consultant or is_approver else [],
            "pdf_job": latest_pdf_job(version, content["staff_update"]),
            "downloads": download_log(visible_versions)[:100] if is_consultant else [],
            "adopted_version": adopted,
            "labels": article_labels(),
        }
    )
    return context


def _mark_newer_clause_versions(items) -> None:
    """item.newer: the number of a newer text of the article's clause in the library (one query), so the
    consultant sees that the library moved on; the article itself keeps the text it was written with."""
    clause_ids = {item.article.clause_version.clause_id for item in items if item.article.clause_version_id}
    if not clause_ids:
        return
    newest = dict(
        ClauseVersion.objects.filter(clause_id__in=clause_ids)
        .values("clause_id")
        .annotate(n=Max("number"))
        .values_list("clause_id", "n")
    )
    for item in items:
        used = item.article.clause_version if item.article.clause_version_id else None
        if used is not None and newest.get(used.clause_id, 0) > used.number:
            item.newer = newest[used.clause_id]


def _last_submission(version: AgreementVersion) -> AgreementEvent | None:
    """The submission the algemeen directeur decides on, with the consultant's comment."""
    if version.state != State.SUBMITTED:
        return None
    return (
        version.events.filter(kind=AgreementEvent.Kind.SUBMITTED)
        .select_related("user")
        .order_by("-at", "-pk")
        .first()
    )


def _last_rejection(version: AgreementVersion) -> AgreementEvent | None:
    if version.state != State.DRAFT:
        return None
    event = (
        version.events.filter(kind__in=[AgreementEvent.Kind.SUBMITTED, AgreementEvent.Kind.REJECTED])
        .select_related("user")
        .order_by("-at", "-pk")
        .first()
    )
    return event if event is not None and event.kind == AgreementEvent.Kind.REJECTED else None


@login_required
@require_GET
def agreement_detail(request, pk: int):
    agreement = load_agreement(request, pk)
    context = agreement_page_context(request, agreement)
    return render(request, "agreements/agreement.html", context)


@login_required
@require_POST
def new_version(request, pk: int):
    agreement = load_agreement(request, pk)
    try:
        version = services.agreement_new_version(user=request.user, agreement=agreement)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(
            request,
            _("Versie %(n)s is gestart als ontwerp. Na uw wijzigingen dient u ze opnieuw in.")
            % {"n": version.number},
        )
    return redirect("agreements:agreement_detail", agreement.pk)


@login_required
@require_GET
def versions(request, pk: int):
    agreement = load_agreement(request, pk)
    version_list = list(
        AgreementVersion.objects.visible_to(request.user)
        .filter(agreement=agreement)
        .select_related("created_by", "submitted_by", "approved_by", "adopted_by")
        .order_by("-number")
    )
    roles = user_roles(request.user, agreement.programme.local_government)
    return render(
        request,
        "agreements/versions.html",
        {
            "agreement": agreement,
            "programme": agreement.programme,
            "versions": version_list,
            "default_a": version_list[1].pk if len(version_list) > 1 else None,
            "default_b": version_list[0].pk if version_list else None,
            "tab_version": version_list[0] if version_list else None,
            "section": "versions",
            **version_flags(version_list[0] if version_list else AgreementVersion(), roles, request.user),
        },
    )


@login_required
@require_GET
def compare_versions(request, pk: int):
    agreement = load_agreement(request, pk)
    visible = AgreementVersion.objects.visible_to(request.user).filter(agreement=agreement)
    version_list = list(visible.order_by("-number"))
    if not version_list:
        return redirect("agreements:agreement_detail", agreement.pk)
    a_pk, b_pk = scoped_pk(request.GET.get("a")), scoped_pk(request.GET.get("b"))
    right = get_object_or_404(visible, pk=b_pk) if b_pk else version_list[0]
    if a_pk:
        left = get_object_or_404(visible, pk=a_pk)
    else:
        left = next((v for v in version_list if v.number < right.number), right)
    comparison = compare(left, right)
    roles = user_roles(request.user, agreement.programme.local_government)
    return render(
        request,
        "agreements/compare.html",
        {
            "agreement": agreement,
            "programme": agreement.programme,
            "versions": version_list,
            "left": left,
            "right": right,
            "comparison": comparison,
            "tab_version": right,
            "section": "versions",
            **version_flags(right, roles, request.user),
        },
    )


@login_required
@require_GET
def version_detail(request, pk: int):
    """One version as the council reads it: the rendered agreement, its decisions and the downloads."""
    version = load_version(request, pk)
    agreement = version.agreement
    roles = user_roles(request.user, agreement.programme.local_government)
    content = agreement_content(version)
    context = {
        "agreement": agreement,
        "programme": agreement.programme,
        **content,
        **version_flags(version, roles, request.user),
        "pdf_job": latest_pdf_job(version, content["staff_update"]),
        "section": "versions",
        "events": list(version.events.select_related("user"))
        if Role.COUNCIL_MEMBER not in roles or len(roles) > 1
        else [],
    }
    return render(request, "agreements/version_detail.html", context)
