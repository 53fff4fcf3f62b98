"""The clause library: by category with the mandatory ones marked; a clause with its versions, a new
version, an adapted copy for a local government; the local governments' copies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.forms import apply_service_errors
from programmes.models import LocalGovernment

from .. import services
from ..forms import AdaptForm, ClauseForm, ClauseVersionForm
from ..models import Clause, ClauseCategory, ClauseVersion
from .core import error_messages, load_clause, load_clause_version, require_library_editor


@login_required
@require_GET
def library(request):
    require_library_editor(request.user)
    visible_lgs = set(LocalGovernment.objects.visible_to(request.user).values_list("pk", flat=True))
    clauses = list(
        Clause.objects.visible_to(request.user)
        .filter(archived=False)
        .select_related("local_government")
        .annotate(n_versions=Count("versions"), latest_number=Max("versions__number"))
        .order_by("category", "position", "pk")
    )
    copies_by_original: dict[int, list[Clause]] = {}
    for clause in clauses:
        if clause.based_on_id and clause.local_government_id in visible_lgs:
            copies_by_original.setdefault(clause.based_on_id, []).append(clause)
    labels = dict(ClauseCategory.choices)
    groups = []
    for key in ClauseCategory.values:
        items = [
            {"clause": c, "copies": copies_by_original.get(c.pk, [])}
            for c in clauses
            if c.category == key and c.local_government_id is None
        ]
        own = [c for c in clauses if c.category == key and c.local_government_id and not c.based_on_id]
        groups.append({"category": key, "label": labels[key], "items": items, "own": own})
    return render(
        request,
        "agreements/library.html",
        {
            "groups": groups,
            "n_clauses": sum(len(g["items"]) for g in groups),
            "n_mandatory": sum(1 for g in groups for i in g["items"] if i["clause"].mandatory),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def clause_create(request):
    require_library_editor(request.user)
    form = ClauseForm(request.POST or None, initial={"category": request.GET.get("categorie")})
    if request.method == "POST" and form.is_valid():
        try:
            clause = services.clause_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("De clausule “%(title)s” staat in de bibliotheek.") % {"title": clause.title}
            )
            return redirect("agreements:clause_detail", clause.pk)
    return render(request, "agreements/clause_form.html", {"form": form})


def _clause_context(request, clause: Clause, *, version_form=None, adapt_form=None) -> dict:
    versions = list(clause.versions.select_related("created_by").order_by("-number"))
    latest = versions[0] if versions else None
    copies = list(
        Clause.objects.visible_to(request.user)
        .filter(based_on=clause, local_government__isnull=False)
        .select_related("local_government")
        .prefetch_related(Prefetch("versions", queryset=ClauseVersion.objects.order_by("-number")))
    )
    return {
        "clause": clause,
        "versions": versions,
        "latest": latest,
        "copies": copies,
        "version_form": version_form
        or ClauseVersionForm(
            initial={
                "title": latest.title if latest else clause.title,
                "text": latest.text if latest else "",
                "expected_number": latest.number if latest else 0,
            }
        ),
        "adapt_form": adapt_form or AdaptForm(user=request.user),
        "n_uses": clause.versions.aggregate(n=Count("articles"))["n"] or 0,
    }


@login_required
@require_GET
def clause_detail(request, pk: int):
    clause = load_clause(request, pk)
    require_library_editor(request.user)
    return render(request, "agreements/clause_detail.html", _clause_context(request, clause))


@login_required
@require_POST
def clause_version_add(request, pk: int):
    clause = load_clause(request, pk)
    require_library_editor(request.user)
    form = ClauseVersionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            version = services.clause_version_add(
                user=request.user,
                clause=clause,
                title=data["title"],
                text=data["text"],
                change_note=data["change_note"],
                expected_number=data["expected_number"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Versie %(n)s van de clausule is opgeslagen. Bestaande overeenkomsten houden hun tekst; "
                    "nieuwe artikels gebruiken deze versie."
                )
                % {"n": version.number},
            )
            return redirect("agreements:clause_detail", clause.pk)
    return render(
        request, "agreements/clause_detail.html", _clause_context(request, clause, version_form=form)
    )


@login_required
@require_POST
def clause_adapt(request, pk: int):
    clause = load_clause(request, pk)
    require_library_editor(request.user)
    form = AdaptForm(request.POST, user=request.user)
    if form.is_valid():
        lg = form.cleaned_data["local_government"]
        existing = Clause.objects.filter(based_on=clause, local_government=lg).first()
        if existing is not None:
            messages.info(request, _("%(lg)s heeft al een eigen versie van deze clausule.") % {"lg": lg.name})
            return redirect("agreements:clause_detail", existing.pk)
        try:
            copy = services.clause_adapt(user=request.user, clause=clause, local_government=lg)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("De clausule is gekopieerd voor %(lg)s. Pas de tekst hier aan met een nieuwe versie.")
                % {"lg": lg.name},
            )
            return redirect("agreements:clause_detail", copy.pk)
    return render(request, "agreements/clause_detail.html", _clause_context(request, clause, adapt_form=form))


@login_required
@require_POST
def clause_archive(request, pk: int):
    clause = load_clause(request, pk)
    require_library_editor(request.user)
    try:
        services.clause_archive(user=request.user, clause=clause)
    except ValidationError as error:
        error_messages(request, error)
        return redirect("agreements:clause_detail", clause.pk)
    messages.success(
        request,
        _("“%(title)s” is gearchiveerd: nieuwe overeenkomsten bieden ze niet meer aan.")
        % {"title": clause.title},
    )
    return redirect("agreements:library")


@login_required
@require_GET
def clause_version_detail(request, pk: int):
    version = load_clause_version(request, pk)
    require_library_editor(request.user)
    return render(
        request,
        "agreements/clause_version.html",
        {"clause": version.clause, "clause_version": version},
    )
