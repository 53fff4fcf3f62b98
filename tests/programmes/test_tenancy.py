"""Every URL of A's objects, generated from the URL patterns and the demo data, is 404 for B's accounts."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver

from agreements import models as agreements
from documents.models import RenderJob
from programmes import demo
from programmes import models as plan
from programmes.documents import summary_request
from programmes.models import LocalGovernment, Programme
from projects import models as projects
from scans import models as scans
from scans.services.core import scan_start

B_ACCOUNTS = ["consultant.b", "directeur.b", "raad.b"]

# Which model the <pk> of a route refers to, by the longest matching route prefix. Later issues add
# theirs; an unmapped route with a parameter fails the test, so no URL can be forgotten.
MODEL_BY_PREFIX = {
    "trajecten/": Programme,
    "besturen/": LocalGovernment,
    "documenten/": RenderJob,
    "scans/": scans.Scan,
    "scans/vragen/": scans.GuideQuestion,
    "scans/getuigen/": scans.Witness,
    "scans/interviews/": scans.Interview,
    "scans/bevindingen/": scans.Finding,
    "scans/bevraging/vragen/": scans.SurveyQuestion,
    "scans/uitnodigingen/": scans.SurveyInvitation,
    "scans/diensten/": scans.SupportService,
    "scans/producten/": scans.ServiceProduct,
    "scans/hypothesen/": scans.Hypothesis,
    "plannen/": plan.Plan,
    "plannen/versies/": plan.PlanVersion,
    "plannen/resultaten/": plan.IntendedResult,
    "plannen/afwegingen/": plan.BalanceItem,
    "plannen/financieel/": plan.FinancialLine,
    "plannen/fasen/": plan.Phase,
    "plannen/acties/": plan.Action,
    "projecten/": projects.Project,
    "projecten/afhankelijkheden/": projects.Dependency,
    "projecten/groepen/": projects.ProjectGroup,
    "projecten/stuurgroepen/": projects.SteeringGroup,
    "projecten/leden/": projects.SteeringMember,
    "overeenkomsten/": agreements.Agreement,
    "overeenkomsten/versies/": agreements.AgreementVersion,
    "overeenkomsten/artikels/": agreements.Article,
    "overeenkomsten/bijlagen/diensten/": agreements.AnnexService,
    "overeenkomsten/bijlagen/personeel/": agreements.AnnexStaff,
    "clausules/": agreements.Clause,
    "clausules/versies/": agreements.ClauseVersion,
}


# Routes whose parameters are one-time tokens (password reset, invitation, survey link), not objects.
TOKEN_ROUTES = ("account/", "bevraging/", "agenda/")


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith(("beheer/", "i18n/")):
                continue  # Django's admin (its own permission system) and the language switch
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def object_urls():
    """(route, model) for every route that takes an object's primary key."""
    routes = []
    for route in _patterns(get_resolver()):
        if "<" not in route:
            continue
        if route.startswith(TOKEN_ROUTES):
            continue
        prefixes = [prefix for prefix in MODEL_BY_PREFIX if route.startswith(prefix)]
        assert prefixes, f"route {route!r} takes a parameter but no model is mapped for it"
        assert route.count("<") == 1 and "<int:pk>" in route, f"route {route!r}: one <int:pk> per route"
        routes.append((route, MODEL_BY_PREFIX[max(prefixes, key=len)]))
    return routes


def a_objects(model, lg_a):
    """Every object of this model that belongs to A: what A's consultant can reach."""
    consultant_a = get_user_model().objects.get(username="consultant.a")
    objects = model.objects.visible_to(consultant_a)
    # The consultancy-wide clause library is shared by everyone: only A's own (adapted) clauses are A's.
    if model is agreements.Clause:
        objects = objects.filter(local_government=lg_a)
    elif model is agreements.ClauseVersion:
        objects = objects.filter(clause__local_government=lg_a)
    objects = list(objects)
    assert objects, f"the demo data hold no {model.__name__} of A: the test would prove nothing"
    return objects


@pytest.fixture
def demo_data(db, django_capture_on_commit_callbacks):
    lgs = demo.seed()
    programme = Programme.objects.get(local_government=lgs["a"])
    consultant = programme.consultants.first()
    with django_capture_on_commit_callbacks(execute=True):
        summary_request(user=consultant, programme=programme)
    scan_start(user=consultant, programme=programme)  # idempotent: the demo may have started it already
    return lgs


@pytest.mark.parametrize("username", B_ACCOUNTS)
def test_b_accounts_get_404_on_every_url_of_a(client, demo_data, username):
    client.force_login(get_user_model().objects.get(username=username))
    checked = 0
    for route, model in object_urls():
        for obj in a_objects(model, demo_data["a"]):
            url = "/" + route.replace("<int:pk>", str(obj.pk))
            statuses = {method: getattr(client, method)(url).status_code for method in ("get", "post")}
            assert 404 in statuses.values(), f"{username} {url}: {statuses}"
            assert set(statuses.values()) <= {404, 405}, f"{username} {url}: {statuses}"
            checked += 1
    assert checked >= 8
