"""The scan's pages run the same number of queries whatever the number of interviews and survey responses.

The demo is idempotent and does not top up a scan at a higher scale, so the test seeds scale 1, counts the
queries of each page of A's first scan, then multiplies that scan's data tenfold (more witnesses with their
interviews and answers through the demo's own builders; copies of the survey's invitations, responses and
answers; copies of one service's products with their hypotheses; more findings) and counts again.
"""

from __future__ import annotations

import random
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes import demo
from programmes.models import Programme
from scans import demo as scans_demo
from scans.models import (
    Finding,
    Hypothesis,
    InterviewAnswer,
    Scan,
    ServiceProduct,
    SupportService,
    SurveyAnswer,
    SurveyInvitation,
    SurveyResponse,
    Theme,
)

FACTOR = 10
SERVICE = "ICT"
PRODUCT_FIELDS = [
    f.name
    for f in ServiceProduct._meta.concrete_fields
    if f.name not in ("id", "service", "name", "position")
]
HYPOTHESIS_FIELDS = [f.name for f in Hypothesis._meta.concrete_fields if f.name not in ("id", "product")]
PAGES = ("results", "interviews", "recording", "survey results", "services", "service detail")


def _queries(client, url: str) -> list[str]:
    client.get(url)  # warm the per-process caches (content types, translations) first
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in ctx.captured_queries]


def _urls(scan: Scan) -> dict[str, str]:
    interview = scan.interviews.order_by("pk").first()
    service = scan.services.get(name=SERVICE)
    return {
        "results": reverse("scans:results", args=[scan.pk]),
        "interviews": reverse("scans:interviews", args=[scan.pk]),
        "recording": reverse("scans:interview_record", args=[interview.pk]),
        "survey results": reverse("scans:survey_results", args=[scan.pk]),
        "services": reverse("scans:services", args=[scan.pk]),
        "service detail": reverse("scans:service_detail", args=[service.pk]),
    }


def _sizes(scan: Scan) -> dict[str, int]:
    return {
        "interviews": scan.interviews.count(),
        "interview answers": InterviewAnswer.objects.filter(interview__scan=scan).count(),
        "findings": scan.findings.count(),
        "invitations": scan.survey.invitations.count(),
        "responses": scan.survey.responses.count(),
        "survey answers": SurveyAnswer.objects.filter(response__survey__scan=scan).count(),
        "products": ServiceProduct.objects.filter(service__scan=scan, service__name=SERVICE).count(),
        "hypotheses": Hypothesis.objects.filter(
            product__service__scan=scan, product__service__name=SERVICE
        ).count(),
    }


def _grow(scan: Scan, interviewer, factor: int) -> None:
    """Multiply the scan's interviews, findings, survey and one service's products by `factor`."""
    rng = random.Random(20260211)  # noqa: S311 – test data, not secrets
    copies = factor - 1

    # Interviews: more staff and heads of service, built as seed_demo --scale does.
    taken = set(scan.witnesses.values_list("name", flat=True))
    specs = [scans_demo._extra_witness(i, rng, taken) for i in range(copies * scan.interviews.count())]
    witnesses = scans_demo._interviews(scan, interviewer, specs)

    # Findings, many of them key findings quoting one of the new witnesses.
    themes = list(Theme.values)
    names = sorted(witnesses)
    scans_demo._findings(
        scan,
        [
            (
                Finding.Kind.STRENGTH if n % 2 else Finding.Kind.RISK,
                themes[n % len(themes)],
                f"Extra bevinding {n}.",
                f"Citaat {n}.",
                names[n % len(names)],
                n % 3 == 0,
            )
            for n in range(copies * scan.findings.count())
        ],
        witnesses,
    )

    # The survey: every invitation, response and answer again `copies` times (the same groups, bigger).
    survey = scan.survey
    invitations = list(survey.invitations.all())
    SurveyInvitation.objects.bulk_create(
        SurveyInvitation(
            survey=survey,
            email=f"extra{n}.{invitation.email}",
            organisation=invitation.organisation,
            department=invitation.department,
            sent_at=invitation.sent_at,
            reminded_at=invitation.reminded_at,
            responded_at=invitation.responded_at,
        )
        for n in range(copies)
        for invitation in invitations
    )
    responses = list(survey.responses.prefetch_related("answers"))
    new = SurveyResponse.objects.bulk_create(
        SurveyResponse(
            survey=survey,
            organisation=response.organisation,
            department=response.department,
            submitted_on=response.submitted_on,
        )
        for _n in range(copies)
        for response in responses
    )
    SurveyAnswer.objects.bulk_create(
        (
            SurveyAnswer(response=copy, question_id=answer.question_id, score=answer.score, text=answer.text)
            for copy, original in zip(new, responses * copies, strict=True)
            for answer in original.answers.all()
        ),
        batch_size=1000,
    )

    # One service's products (shown on its detail page and in the report), each with its hypotheses.
    service = SupportService.objects.get(scan=scan, name=SERVICE)
    products = list(service.products.prefetch_related("hypotheses"))
    created = ServiceProduct.objects.bulk_create(
        ServiceProduct(
            **{f: getattr(product, f) for f in PRODUCT_FIELDS},
            service=service,
            name=f"{product.name} ({n + 1})",
            position=product.position + n * len(products),
        )
        for n in range(1, copies + 1)
        for product in products
    )
    Hypothesis.objects.bulk_create(
        Hypothesis(product=copy, **{f: getattr(hypothesis, f) for f in HYPOTHESIS_FIELDS})
        for copy, original in zip(created, products * copies, strict=True)
        for hypothesis in original.hypotheses.all()
    )


def _repeated(queries: list[str]) -> str:
    """The query shapes that ran most often: where a per-row query shows up."""
    shapes = Counter(q.split(" WHERE ")[0][:160] for q in queries)
    return "\n".join(f"{n}× {shape}" for shape, n in shapes.most_common(3))


def test_scan_pages_do_not_grow_with_data(client, db):
    demo.seed(scale=1)
    consultant = get_user_model().objects.get(username="consultant.a")
    client.force_login(consultant)
    programme = Programme.objects.get(title=demo.PROGRAMMES["a"]["title"])
    scan = Scan.objects.get(programme=programme)
    urls = _urls(scan)
    assert set(urls) == set(PAGES)
    before = _sizes(scan)
    small = {name: _queries(client, url) for name, url in urls.items()}

    _grow(scan, consultant, FACTOR)
    after = _sizes(scan)
    for what, count in before.items():  # the data really grew: a query per row would show
        assert count > 0 and after[what] >= 5 * count, (what, count, after[what])
    large = {name: _queries(client, url) for name, url in urls.items()}

    grew = {
        name: (len(small[name]), len(large[name]), _repeated(large[name]))
        for name in PAGES
        if len(small[name]) != len(large[name])
    }
    assert not grew, grew
    assert len(large["results"]) <= 25, _repeated(large["results"])
