"""Drafting a version: its title, start date and preamble; the articles (inline edit with htmx, move,
remove, add from the library or write one's own); the placeholder values; the live preview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from programmes.forms import apply_service_errors, carry_stored_version, pk_in_range
from programmes.services import StaleEditError

from .. import placeholders, services
from ..forms import ArticleAddForm, ArticleForm, LibraryAddForm, VersionForm
from ..models import CATEGORY_ORDER, AgreementVersion, Article, Clause, ClauseCategory
from .core import (
    State,
    add_article_links,
    article_labels,
    error_messages,
    load_article,
    load_version,
    require_consultant,
    user_roles,
    version_flags,
)

PER_SERVICE = {
    ClauseCategory.SERVICE_WORKING_METHOD,
    ClauseCategory.SERVICE_EMPLOYER_AUTHORITY,
    ClauseCategory.SERVICE_FUNCTIONAL_AUTHORITY,
    ClauseCategory.SERVICE_LOCATION,
    ClauseCategory.SERVICE_FINANCING,
}


def _agreement_url(version: AgreementVersion, anchor: str = "") -> str:
    url = reverse("agreements:agreement_detail", args=[version.agreement_id])
    return f"{url}#{anchor}" if anchor else url


def _editable(request, version: AgreementVersion) -> HttpResponse | None:
    """403 for anyone but a consultant; back to the page with a message when the version is not a draft."""
    require_consultant(request.user, version.agreement.programme.local_government)
    if version.state != State.DRAFT:
        messages.warning(
            request,
            _("Versie %(n)s ligt vast (%(state)s). Start een nieuwe versie om iets te wijzigen.")
            % {"n": version.number, "state": version.get_state_display().lower()},
        )
        return redirect(_agreement_url(version))
    return None


def stale_context(error: ValidationError) -> dict:
    changes = [
        (getattr(c, "label", ""), getattr(c, "theirs", ""), getattr(c, "yours", ""))
        if not isinstance(c, tuple)
        else c
        for c in getattr(error, "changes", []) or []
    ]
    return {"message": " ".join(error.messages), "changes": changes}


def keep_stale(form, error: ValidationError, edit_version: int) -> dict:
    """After a refused stale edit: the "Intussen gewijzigd" context, and the form keeps what was typed but
    now carries the stored edit version (so saving again knowingly overwrites)."""
    carry_stored_version(form, edit_version, "edit_version")
    return stale_context(error)


def draft_context(version: AgreementVersion, **extra) -> dict:
    """The context every page of a draft's editing shares (only consultants reach these pages)."""
    return {
        "version": version,
        "agreement": version.agreement,
        "programme": version.agreement.programme,
        "is_consultant": True,
        **extra,
    }


def _services_of(version: AgreementVersion) -> list[str]:
    """The shared services a per-service clause can be about: the annex's, then those decided in the scan."""
    names = [s.service for s in version.annex_services.all()]
    offered = placeholders.offered_values(version).get("diensten")
    for name in getattr(offered, "items", ()) or ():
        if name and name not in names:
            names.append(name)
    return names


def _placeholder_help(version: AgreementVersion) -> list[dict]:
    """The known placeholders and those this version uses, with their value, for the writer's aside."""
    from .agreement import placeholder_rows

    return [row for row in placeholder_rows(version) if row["key"] != placeholders.SERVICE_KEY]


# --- Title, start date, preamble ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def version_edit(request, pk: int):
    version = load_version(request, pk)
    if response := _editable(request, version):
        return response
    initial = {
        "title": version.title,
        "start_date": version.start_date,
        "preamble": version.preamble,
        "edit_version": version.edit_version,
    }
    form = VersionForm(request.POST or None, initial=initial)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.version_update(
                user=request.user,
                version=version,
                expected_edit_version=data.get("edit_version"),
                title=data["title"],
                start_date=data["start_date"],
                preamble=data["preamble"],
            )
        except StaleEditError as error:
            stale = keep_stale(form, error, AgreementVersion.objects.get(pk=version.pk).edit_version)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De titel, startdatum en aanhef zijn opgeslagen."))
            return redirect(_agreement_url(version))
    return render(
        request,
        "agreements/version_form.html",
        draft_context(
            version,
            form=form,
            stale=stale,
            back_url=_agreement_url(version),
            placeholder_help=_placeholder_help(version),
        ),
    )


# --- Articles ---------------------------------------------------------------------------------------


def _article_item(
    article: Article, version: AgreementVersion, values: dict[str, str] | None = None, articles=None
) -> dict:
    """The rendered article as the agreement page shows it (its number counted in the version)."""
    values = placeholders.values_for(version) if values is None else values
    articles = list(version.articles.all()) if articles is None else articles
    ordered = sorted(articles, key=lambda a: (CATEGORY_ORDER.get(a.category, 99), a.position, a.pk))
    position = next((n for n, a in enumerate(ordered, start=1) if a.pk == article.pk), None)
    label = _("Artikel %(n)s") % {"n": position} if position else ""
    number = label.rsplit(" ", 1)[-1]
    item = {
        "article": article,
        "number": number,
        "label": label,
        "html": placeholders.render_html(article.text, values),
        "anchor": f"artikel-{number}",
        "missing": [key for key in placeholders.find(article.text) if not values.get(key)],
    }
    add_article_links([item])
    return item


def _article_response(request, article: Article, *, saved: bool = False):
    version = article.version
    roles = user_roles(request.user, version.agreement.programme.local_government)
    values = placeholders.values_for(version)
    articles = list(version.articles.all())
    context = {
        "item": _article_item(article, version, values, articles),
        "version": version,
        "saved": saved,
        "labels": article_labels(),
        **version_flags(version, roles, request.user),
    }
    if saved:
        context["problems"] = services.submission_problems(version, values=values, articles=articles)
        context["oob_problems"] = True
    return render(request, "agreements/partials/article.html", context)


@login_required
@require_http_methods(["GET"])
def article_detail(request, pk: int):
    """The article as shown on the agreement page (htmx: the cancel of an inline edit)."""
    article = load_article(request, pk)
    if request.htmx:
        return _article_response(request, article)
    return redirect(_agreement_url(article.version, f"art-{article.pk}"))


@login_required
@require_http_methods(["GET", "POST"])
def article_edit(request, pk: int):
    article = load_article(request, pk)
    version = article.version
    if response := _editable(request, version):
        return response
    form = ArticleForm(
        request.POST or None,
        prefix_id=f"art{article.pk}",
        initial={
            "title": article.title,
            "text": article.text,
            "service": article.service,
            "edit_version": article.edit_version,
        },
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.article_update(
                user=request.user,
                article=article,
                expected_edit_version=data.get("edit_version"),
                title=data["title"],
                text=data["text"],
                service=data["service"],
            )
        except StaleEditError as error:
            current = Article.objects.get(pk=article.pk)
            stale = keep_stale(form, error, current.edit_version)
            if not stale["changes"]:
                stale["changes"] = [
                    (_("Titel"), current.title, data["title"]),
                    (_("Tekst"), current.text, data["text"]),
                ]
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if request.htmx:
                return _article_response(request, Article.objects.get(pk=article.pk), saved=True)
            messages.success(request, _("Het artikel is opgeslagen."))
            return redirect(_agreement_url(version, f"art-{article.pk}"))
    context = draft_context(
        version,
        article=article,
        form=form,
        stale=stale,
        item=_article_item(article, version),
        per_service=article.category in PER_SERVICE,
    )
    if not request.htmx:
        context["placeholder_help"] = _placeholder_help(version)
    template = "agreements/partials/article_form.html" if request.htmx else "agreements/article_form.html"
    return render(request, template, context)


@login_required
@require_POST
def article_move(request, pk: int):
    article = load_article(request, pk)
    version = article.version
    if response := _editable(request, version):
        return response
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Kies omhoog of omlaag."))
        return redirect(_agreement_url(version))
    try:
        services.article_move(user=request.user, article=article, direction=direction)
    except ValidationError as error:
        error_messages(request, error)
    return redirect(_agreement_url(version, f"art-{article.pk}"))


@login_required
@require_POST
def article_remove(request, pk: int):
    article = load_article(request, pk)
    version = article.version
    if response := _editable(request, version):
        return response
    title = article.title
    try:
        services.article_remove(user=request.user, article=article)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("Het artikel “%(title)s” is verwijderd.") % {"title": title})
    return redirect(_agreement_url(version, "artikels"))


@login_required
@require_http_methods(["GET", "POST"])
def article_add(request, pk: int):
    """An article of one's own (not from the library)."""
    version = load_version(request, pk)
    if response := _editable(request, version):
        return response
    initial = (
        {"category": request.GET.get("hoofdstuk")}
        if request.GET.get("hoofdstuk") in ClauseCategory.values
        else {}
    )
    form = ArticleAddForm(request.POST or None, initial=initial)
    live = {
        "hx-post": reverse("agreements:preview", args=[version.pk]),
        "hx-trigger": "keyup changed delay:500ms",
        "hx-include": "closest form",
        "hx-target": "#voorbeeld-nieuw",
        "hx-swap": "innerHTML",
    }
    form.fields["title"].widget.attrs.update(live)
    form.fields["text"].widget.attrs.update(live)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            article = services.article_add(
                user=request.user,
                version=version,
                category=data["category"],
                title=data["title"],
                text=data["text"],
                service=data["service"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het artikel “%(title)s” is toegevoegd.") % {"title": article.title})
            return redirect(_agreement_url(version, f"art-{article.pk}"))
    return render(
        request,
        "agreements/article_add.html",
        draft_context(
            version,
            form=form,
            back_url=_agreement_url(version, "artikels"),
            placeholder_help=_placeholder_help(version),
        ),
    )


# --- Adding from the library ------------------------------------------------------------------------


def library_for(version: AgreementVersion) -> list[dict]:
    """The clauses a consultant may add, by category: the local government's adapted copy in place of
    the original, archived clauses left out; each with its latest version."""
    lg = version.agreement.programme.local_government
    clauses = list(
        Clause.objects.filter(Q(local_government__isnull=True) | Q(local_government=lg), archived=False)
        .prefetch_related("versions")
        .order_by("category", "position", "pk")
    )
    adapted = {c.based_on_id for c in clauses if c.local_government_id and c.based_on_id}
    used = {}
    for clause_id, service in version.articles.filter(clause_version__isnull=False).values_list(
        "clause_version__clause_id", "service"
    ):
        used.setdefault(clause_id, set()).add(service)
    groups = {value: [] for value in ClauseCategory.values}
    for clause in clauses:
        if clause.local_government_id is None and clause.pk in adapted:
            continue
        latest = max(clause.versions.all(), key=lambda v: v.number, default=None)
        if latest is None:
            continue
        groups[clause.category].append(
            {
                "clause": clause,
                "latest": latest,
                "adapted": clause.local_government_id is not None,
                "used_for": used.get(clause.pk, set()),
                "per_service": clause.category in PER_SERVICE,
            }
        )
    labels = dict(ClauseCategory.choices)
    return [{"category": key, "label": labels[key], "clauses": items} for key, items in groups.items()]


@login_required
@require_http_methods(["GET", "POST"])
def library_add(request, pk: int):
    version = load_version(request, pk)
    if response := _editable(request, version):
        return response
    lg = version.agreement.programme.local_government
    if request.method == "POST":
        form = LibraryAddForm(request.POST)
        back = reverse("agreements:library_add", args=[version.pk])
        if not form.is_valid():
            if "service" in form.errors:
                messages.error(request, _("De naam van een dienst telt hoogstens 150 tekens."))
            else:
                messages.error(request, _("Kies een clausule uit de lijst."))
            return redirect(back)
        raw = form.cleaned_data["clause"]
        clause_pk = int(raw.strip()) if raw.strip() and pk_in_range(raw) else None
        clause = (
            Clause.objects.filter(Q(local_government__isnull=True) | Q(local_government=lg), archived=False)
            .filter(pk=clause_pk)
            .prefetch_related("versions")
            .first()
            if clause_pk
            else None
        )
        latest = max(clause.versions.all(), key=lambda v: v.number, default=None) if clause else None
        if latest is None:
            messages.error(
                request,
                _(
                    "Die clausule staat niet (meer) in de bibliotheek van dit lokaal bestuur. "
                    "Kies een clausule uit de lijst."
                ),
            )
            return redirect(back)
        service = form.cleaned_data["service"].strip()
        if clause.category in PER_SERVICE and not service:
            messages.error(
                request, _("Kies voor welke dienst u “%(title)s” toevoegt.") % {"title": latest.title}
            )
            return redirect(f"{reverse('agreements:library_add', args=[version.pk])}#clausule-{clause.pk}")
        try:
            article = services.article_add(
                user=request.user, version=version, clause_version=latest, service=service
            )
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is toegevoegd aan de overeenkomst.") % {"title": article.title},
            )
        return redirect(f"{reverse('agreements:library_add', args=[version.pk])}#clausule-{clause.pk}")
    category = request.GET.get("categorie")
    groups = library_for(version)
    if category in ClauseCategory.values:
        groups = [g for g in groups if g["category"] == category]
    return render(
        request,
        "agreements/library_add.html",
        draft_context(
            version,
            groups=groups,
            categories=ClauseCategory.choices,
            category=category if category in ClauseCategory.values else "",
            services=_services_of(version),
        ),
    )


# --- Placeholder values ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def placeholder_values(request, pk: int):
    from .agreement import placeholder_rows

    version = load_version(request, pk)
    if response := _editable(request, version):
        return response
    rows = placeholder_rows(version)
    errors = {}
    if request.method == "POST":
        changed = 0
        for row in rows:
            name = f"value-{row['key']}"
            if name not in request.POST:
                continue
            value = request.POST.get(name, "").strip()
            if len(value) > 5000:
                errors[row["key"]] = _("Hoogstens 5000 tekens.")
                continue
            if value == row["override"]:
                continue
            try:
                services.placeholder_set(user=request.user, version=version, key=row["key"], value=value)
            except ValidationError as error:
                errors[row["key"]] = " ".join(error.messages)
            else:
                changed += 1
        if not errors:
            if changed:
                messages.success(request, _("De waarden van de plaatshouders zijn opgeslagen."))
            else:
                messages.info(request, _("Er was niets gewijzigd."))
            return redirect(_agreement_url(version, "plaatshouders"))
        posted = {
            key[len("value-") :]: value for key, value in request.POST.items() if key.startswith("value-")
        }
        for row in rows:
            if row["key"] in posted:
                row["override"] = posted[row["key"]]
            row["error"] = errors.get(row["key"], "")
    return render(
        request,
        "agreements/placeholders.html",
        draft_context(
            version,
            rows=rows,
            errors=errors,
        ),
    )


# --- Live preview (saves nothing) -------------------------------------------------------------------


@login_required
@require_POST
def preview(request, pk: int):
    """The article text as it will read, with this version's values: rendered on every pause in typing."""
    version = load_version(request, pk)
    roles = user_roles(request.user, version.agreement.programme.local_government)
    if not version_flags(version, roles, request.user)["is_consultant"]:
        raise PermissionDenied
    text = request.POST.get("text", "")[:50000]
    title = request.POST.get("title", "")[:200]
    values = placeholders.values_for(version)
    missing = [key for key in placeholders.find(text) if not values.get(key)]
    return render(
        request,
        "agreements/partials/preview.html",
        {"title": title, "html": placeholders.render_html(text, values), "missing": missing},
    )
