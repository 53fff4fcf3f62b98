"""The agreement pages run the same number of queries whatever the number of articles, annex rows, clauses,
versions' events and downloads: the test counts each page's queries, grows the data tenfold, counts again."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements import services
from agreements.models import AgreementEvent, AnnexService, AnnexStaff, Article, Clause, ClauseVersion
from documents.models import DownloadLog, RenderJob

FACTOR = 10
# The most queries each page may take (the agreement page once took 40: its placeholder values were read
# three times per request).
CEILINGS = {
    "agreement": 25,
    "version": 20,
    "versions": 10,
    "compare": 20,
    "annexes": 12,
    "placeholders": 18,
    "library_add": 20,
    "library": 10,
}


def _queries(client, url: str) -> int:
    client.get(url)  # warm the per-process caches first
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _urls(old, new) -> dict[str, str]:
    agreement = new.agreement_id
    return {
        "agreement": reverse("agreements:agreement_detail", args=[agreement]),
        "version": reverse("agreements:version_detail", args=[old.pk]),
        "versions": reverse("agreements:versions", args=[agreement]),
        "compare": reverse("agreements:compare", args=[agreement]) + f"?a={old.pk}&b={new.pk}",
        "annexes": reverse("agreements:annexes", args=[new.pk]),
        "placeholders": reverse("agreements:placeholders", args=[new.pk]),
        "library_add": reverse("agreements:library_add", args=[new.pk]),
        "library": reverse("agreements:library"),
    }


def _grow(versions, consultant, job) -> None:
    for version in versions:
        articles = list(version.articles.all())
        step = max(a.position for a in articles) + 1
        Article.objects.bulk_create(
            Article(
                version=version,
                clause_version=a.clause_version,
                category=a.category,
                title=f"{a.title} {n}",
                text=a.text,
                position=a.position + n * step,
            )
            for n in range(1, FACTOR)
            for a in articles
        )
        AnnexService.objects.bulk_create(
            AnnexService(
                version=version, service=f"Dienst {n}", gemeente_share=50, allocation_basis="VTE", position=n
            )
            for n in range(FACTOR)
        )
        AnnexStaff.objects.bulk_create(
            AnnexStaff(
                version=version,
                name=f"Persoon {n}",
                function="Medewerker",
                employer="gemeente",
                service="ICT",
                fte="0.5",
                position=n,
            )
            for n in range(FACTOR)
        )
        AgreementEvent.objects.bulk_create(
            AgreementEvent(version=version, kind=AgreementEvent.Kind.CREATED, user=consultant)
            for _ in range(FACTOR)
        )
    DownloadLog.objects.bulk_create(
        DownloadLog(job=job, user=consultant, checksum="0" * 64, filename="x.pdf") for _ in range(FACTOR)
    )
    for clause in list(Clause.objects.all()):
        for n in range(1, FACTOR):
            copy = Clause.objects.create(
                category=clause.category, title=f"{clause.title} {n}", mandatory=False
            )
            ClauseVersion.objects.create(clause=copy, number=1, title=copy.title, text="Tekst.")


def test_agreement_pages_do_not_grow_with_the_data(
    client, adopted, consultant_a, django_capture_on_commit_callbacks
):
    from agreements.document import agreement_pdf_request

    new = services.agreement_new_version(user=consultant_a, agreement=adopted.agreement)
    with django_capture_on_commit_callbacks(execute=True):
        job = agreement_pdf_request(user=consultant_a, version=adopted)
    job = RenderJob.objects.get(pk=job.pk)
    client.force_login(consultant_a)
    urls = _urls(adopted, new)
    before = {name: _queries(client, url) for name, url in urls.items()}
    _grow([adopted, new], consultant_a, job)
    after = {name: _queries(client, url) for name, url in urls.items()}
    assert new.articles.count() >= FACTOR * 8
    print("queries per page:", before)
    assert after == before
    assert {name: n for name, n in after.items() if n > CEILINGS[name]} == {}
