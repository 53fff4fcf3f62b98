"""The dashboard and the programme page run the same number of queries whatever the amount of data."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes import demo
from programmes.models import Programme


def _count(client, url):
    client.get(url)  # warm the per-process caches (content types, translations) first
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_pages_do_not_grow_with_scale(client, db):
    demo.seed(scale=1)
    user = get_user_model().objects.get(username="consultant.a")
    client.force_login(user)
    programme = Programme.objects.filter(local_government__nis_code="13008").order_by("pk").first()
    urls = {"dashboard": "/", "programme": programme.get_absolute_url(), "besturen": "/besturen/"}
    small = {name: _count(client, url) for name, url in urls.items()}

    demo.seed(scale=10)
    assert Programme.objects.filter(local_government__nis_code="13008").count() == 10
    large = {name: _count(client, url) for name, url in urls.items()}

    assert small == large
    assert large["dashboard"] <= 20 and large["programme"] <= 20
