"""Factories and builders for the results tests: rows made directly with the ORM, no services."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from scans.models import (
    Finding,
    GuideQuestion,
    Interview,
    InterviewAnswer,
    Organisation,
    OrganisationForm,
    ServiceProduct,
    SupportService,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    Theme,
    Witness,
    WitnessGroup,
    WorkingMethods,
)


class WitnessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Witness

    name = factory.Sequence(lambda n: f"Getuige {n}")
    function = "Diensthoofd"
    organisation = Organisation.GEMEENTE
    group = WitnessGroup.HEAD_OF_SERVICE
    consents_to_quote = False


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    witness = factory.SubFactory(WitnessFactory, scan=factory.SelfAttribute("..scan"))
    held_on = datetime.date(2026, 10, 5)
    summary = "Open gesprek, veel goede wil."


def interview_with_scores(
    scan, interviewer, witness, scores: dict[str, int | list[int]], **kwargs
) -> Interview:
    """An interview whose scored questions get these scores, per theme (an int for every question of the
    theme, or a list: one score per scored question in guide order)."""
    interview = InterviewFactory(scan=scan, witness=witness, interviewer=interviewer, **kwargs)
    answers = []
    for theme, value in scores.items():
        questions = list(GuideQuestion.objects.filter(scan=scan, theme=theme, asks_score=True))
        values = value if isinstance(value, list) else [value] * len(questions)
        for question, score in zip(questions, values, strict=False):
            answers.append(
                InterviewAnswer(interview=interview, question=question, score=score, notes="Notities.")
            )
    InterviewAnswer.objects.bulk_create(answers)
    return interview


def set_services(scan, specs: list[dict]) -> None:
    """Give the scan's services (in order) working methods, a total scenario and one product each.

    A spec: working_methods, total_scenario, current (int), desired (int), fte (Decimal).
    """
    services = list(SupportService.objects.filter(scan=scan).order_by("position"))
    for service, spec in zip(services, specs, strict=False):
        service.working_methods = spec.get("working_methods", "")
        service.total_scenario = spec.get("total_scenario", "")
        service.save()
        if "current" in spec or "desired" in spec:
            ServiceProduct.objects.create(
                service=service,
                name=spec.get("product", f"Kernproduct {service.name}"),
                users="Alle diensten",
                fte_gemeente=spec.get("fte", Decimal("1.50")),
                fte_ocmw=spec.get("fte_ocmw", Decimal("0.50")),
                running_costs=Decimal("12500.50"),
                current_quality_providers=spec.get("current"),
                current_quality_users=spec.get("current"),
                desired_quality_providers=spec.get("desired"),
                desired_quality_users=spec.get("desired"),
                decision=spec.get("total_scenario", ""),
            )


def survey_responses(
    scan, scores: list[int], organisation: str = Organisation.GEMEENTE, department: str = ""
):
    """One anonymous response per score: every support question gets that score."""
    survey = scan.survey
    questions = list(SurveyQuestion.objects.filter(survey=survey, kind=SurveyQuestion.Kind.SCORE))
    for n, score in enumerate(scores):
        SurveyInvitation.objects.create(
            survey=survey,
            email=f"medewerker{SurveyInvitation.objects.count()}-{n}@{organisation}.example.be",
            organisation=organisation,
            department=department,
            responded_at=datetime.datetime(2026, 10, 10, 9, 0, tzinfo=datetime.UTC),
        )
        response = SurveyResponse.objects.create(
            survey=survey,
            organisation=organisation,
            department=department,
            submitted_on=datetime.date(2026, 10, 10),
        )
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(response=response, question=q, score=score) for q in questions
        )


# --- A realistic scan, for the report and the page ----------------------------------------------

REALISTIC_WITNESSES = [
    ("An Peeters", "Burgemeester", Organisation.BOTH, WitnessGroup.MANDATARY, True),
    ("Koen Janssens", "Voorzitter BCSD", Organisation.OCMW, WitnessGroup.MANDATARY, False),
    ("Els Maes", "Algemeen directeur", Organisation.BOTH, WitnessGroup.GENERAL_DIRECTOR, True),
    ("Bart Claes", "Financieel directeur", Organisation.BOTH, WitnessGroup.MANAGEMENT_TEAM, False),
    ("Sofie Wouters", "Diensthoofd personeel", Organisation.GEMEENTE, WitnessGroup.HEAD_OF_SERVICE, False),
    ("Tom Willems", "Diensthoofd sociale dienst", Organisation.OCMW, WitnessGroup.HEAD_OF_SERVICE, False),
    ("Lien Goossens", "ICT-coördinator", Organisation.GEMEENTE, WitnessGroup.STAFF, False),
    ("Pieter De Smet", "Maatschappelijk werker", Organisation.OCMW, WitnessGroup.STAFF, False),
]

REALISTIC_SCORES = {
    Organisation.GEMEENTE: {
        Theme.STRENGTHS: 4,
        Theme.SUPPORT: [4, 3],
        Theme.DIRECTION: 4,
        Theme.WORKING_METHODS: 3,
        Theme.HOUSING: 2,
    },
    Organisation.OCMW: {
        Theme.STRENGTHS: 4,
        Theme.SUPPORT: [3, 3],
        Theme.DIRECTION: 3,
        Theme.WORKING_METHODS: 2,
        Theme.HOUSING: 2,
    },
    Organisation.BOTH: {
        Theme.STRENGTHS: 4,
        Theme.SUPPORT: [4, 4],
        Theme.DIRECTION: 4,
        Theme.WORKING_METHODS: 3,
        Theme.HOUSING: 3,
    },
}

REALISTIC_SERVICES = [
    {
        "working_methods": WorkingMethods.DIFFERENT,
        "total_scenario": OrganisationForm.INTEGRATION,
        "current": 2,
        "desired": 4,
        "product": "Helpdesk en beheer van de werkplekken",
    },
    {
        "working_methods": WorkingMethods.SAME,
        "total_scenario": OrganisationForm.INTEGRATION,
        "current": 3,
        "desired": 4,
        "product": "Website, infoblad en sociale media",
    },
    {
        "working_methods": WorkingMethods.DIFFERENT,
        "total_scenario": OrganisationForm.STRUCTURED,
        "current": 3,
        "desired": 4,
        "product": "Onderhoud van gebouwen en groen",
    },
    {
        "working_methods": WorkingMethods.DIFFERENT,
        "total_scenario": OrganisationForm.FORMAL_TRANSFER,
        "current": 2,
        "desired": 5,
        "product": "Loonadministratie en rekrutering",
    },
    {
        "working_methods": WorkingMethods.SAME,
        "total_scenario": OrganisationForm.INTEGRATION,
        "current": 4,
        "desired": 4,
        "product": "Boekhouding en meerjarenplan",
    },
    {
        "working_methods": WorkingMethods.GEMEENTE_ONLY,
        "current": 3,
        "desired": 4,
        "product": "Risicoanalyses en welzijn op het werk",
    },
    {
        "working_methods": WorkingMethods.DIFFERENT,
        "current": 3,
        "desired": 4,
        "product": "Voorbereiding van de raden en notulen",
    },
    {
        "working_methods": WorkingMethods.DIFFERENT,
        "total_scenario": OrganisationForm.INTERMUNICIPAL,
        "current": 2,
        "desired": 4,
        "product": "Overheidsopdrachten en raamcontracten",
    },
]

REALISTIC_FINDINGS = [
    (
        Finding.Kind.STRENGTH,
        Theme.STRENGTHS,
        "De sociale dienst van het OCMW staat dicht bij de burger en is zeer gewaardeerd.",
        "Mensen weten ons te vinden, ook als het moeilijk gaat.",
        5,
        True,
    ),
    (
        Finding.Kind.STRENGTH,
        Theme.SUPPORT,
        "Het college en het vast bureau willen samen één organisatie bouwen.",
        "We moeten dit nu doen, niet pas bij de volgende legislatuur.",
        0,
        True,
    ),
    (
        Finding.Kind.RISK,
        Theme.WORKING_METHODS,
        "Twee boekhoudpakketten en twee personeelsreglementen maken samenwerking zwaar.",
        "",
        None,
        True,
    ),
    (
        Finding.Kind.RISK,
        Theme.SUPPORT,
        "Medewerkers van het OCMW vrezen dat hun eigenheid verloren gaat.",
        "Wij zijn geen dienst van de gemeente, wij doen sociaal werk.",
        7,
        True,
    ),
    (
        Finding.Kind.RISK,
        Theme.HOUSING,
        "Het OCMW zit op drie locaties, ver van het gemeentehuis.",
        "",
        None,
        False,
    ),
]


def build_realistic_scan(scan, consultant) -> None:
    """Fill a started scan with interviews, findings, service assessments and survey responses."""
    witnesses = [
        WitnessFactory(scan=scan, name=n, function=f, organisation=o, group=g, consents_to_quote=c)
        for n, f, o, g, c in REALISTIC_WITNESSES
    ]
    for day, witness in enumerate(witnesses, start=1):
        interview_with_scores(
            scan,
            consultant,
            witness,
            REALISTIC_SCORES[witness.organisation],
            held_on=datetime.date(2026, 10, day),
        )
    for n, (kind, theme, text, quote, source, key) in enumerate(REALISTIC_FINDINGS):
        Finding.objects.create(
            scan=scan,
            kind=kind,
            theme=theme,
            text=text,
            quote=quote,
            witness=witnesses[source] if source is not None else None,
            is_key=key,
            position=n,
        )
    set_services(scan, REALISTIC_SERVICES)
    survey_responses(scan, [4, 4, 3, 3, 4, 2], Organisation.GEMEENTE, "Burgerzaken")
    survey_responses(scan, [3, 3, 4, 2, 3], Organisation.OCMW, "Sociale dienst")
    for n in range(9):  # invited, not (yet) answered
        SurveyInvitation.objects.create(
            survey=scan.survey,
            email=f"nog.niet.{n}@example.be",
            organisation=Organisation.GEMEENTE if n < 6 else Organisation.OCMW,
        )
    open_question = SurveyQuestion.objects.filter(survey=scan.survey, kind=SurveyQuestion.Kind.OPEN).first()
    response = SurveyResponse.objects.filter(survey=scan.survey).first()
    SurveyAnswer.objects.create(
        response=response, question=open_question, text="Dat de sociale dienst haar eigen aanpak kan houden."
    )
