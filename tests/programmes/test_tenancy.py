"""Every URL of A's objects, generated from the URL patterns and the demo data, is 404 for B's accounts."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from documents.models import RenderJob
from programmes import demo
from programmes.documents import summary_request
from programmes.models import LocalGovernment, Programme

B_ACCOUNTS = ["consultant.b", "directeur.b", "raad.b"]

# Which model the <pk> of a route refers to, by the route's first segment. Later issues add theirs;
# an unmapped route with a parameter fails the test, so no URL can be forgotten.
MODEL_BY_PREFIX = {
    "trajecten": Programme,
    "besturen": LocalGovernment,
    "documenten": RenderJob,
}


# Routes whose parameters are one-time tokens (password reset, invitation), not objects of a tenant.
TOKEN_ROUTES = {"account"}


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
        first = route.split("/")[0]
        if first in TOKEN_ROUTES:
            continue
        assert first in MODEL_BY_PREFIX, f"route {route!r} takes a parameter but no model is mapped for it"
        assert "<int:pk>" in route, f"route {route!r}: objects are addressed by <int:pk>"
        routes.append((route, MODEL_BY_PREFIX[first]))
    return routes


def a_objects(model, lg_a):
    if model is LocalGovernment:
        return [lg_a]
    if model is Programme:
        return list(Programme.objects.filter(local_government=lg_a))
    if model is RenderJob:
        return [job for job in RenderJob.objects.all() if job.source.local_government_id == lg_a.pk]
    raise AssertionError(model)


@pytest.fixture
def demo_data(db, django_capture_on_commit_callbacks):
    lgs = demo.seed()
    programme = Programme.objects.get(local_government=lgs["a"])
    consultant = programme.consultants.first()
    with django_capture_on_commit_callbacks(execute=True):
        summary_request(user=consultant, programme=programme)
    return lgs


@pytest.mark.parametrize("username", B_ACCOUNTS)
def test_b_accounts_get_404_on_every_url_of_a(client, demo_data, username):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    checked = 0
    for route, model in object_urls():
        for obj in a_objects(model, demo_data["a"]):
            url = "/" + route.replace("<int:pk>", str(obj.pk))
            statuses = {method: getattr(client, method)(url).status_code for method in ("get", "post")}
            assert 404 in statuses.values(), f"{username} {url}: {statuses}"
            assert set(statuses.values()) <= {404, 405}, f"{username} {url}: {statuses}"
            checked += 1
    assert checked >= 8  # the programme, the local government and the summary job each have several URLs
