"""The VVSG weighing framework through its services: the eight steps stored, the rules, the roles."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from scans.models import (
    Hypothesis,
    OrganisationForm,
    Precondition,
    ServiceProduct,
    SupportService,
    WorkingMethods,
)
from scans.services import vvsg
from scans.services.core import scan_finalise


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl-be"):
        yield


@pytest.fixture
def ict(scan_a):
    return scan_a.services.get(name="ICT")


@pytest.fixture
def helpdesk(ict, consultant_a):
    return vvsg.product_add(
        user=consultant_a,
        service=ict,
        name="Helpdesk voor medewerkers",
        users="Alle medewerkers",
        fte_gemeente=Decimal("1.5"),
        fte_ocmw=Decimal("0.8"),
        running_costs=Decimal("12500"),
        outsourced="Tweedelijnssupport",
        current_quality_providers=3,
        current_quality_users=2,
        desired_quality_providers=4,
        desired_quality_users=5,
        quality_note="Lange wachttijden bij het OCMW.",
    )


def _messages(error: ValidationError) -> dict[str, list[str]]:
    return {name: [str(m) for m in errors[0].messages] for name, errors in error.error_dict.items()}


def test_the_eight_steps_are_stored_and_summarised(ict, helpdesk, consultant_a):
    service = vvsg.service_update(
        user=consultant_a,
        service=ict,
        name="ICT",
        working_methods=WorkingMethods.DIFFERENT,
        working_methods_note="Twee helpdesks.",
    )
    vvsg.hypothesis_add(
        user=consultant_a,
        product=helpdesk,
        form=OrganisationForm.INTEGRATION,
        description="Eén helpdesk.",
        legal=Precondition.MET,
        legal_reason="Art. 196 §2 laat het toe.",
        process=Precondition.MET,
        process_reason="Zelfde ticketsysteem.",
        governance=Precondition.MET,
        governance_reason="Het college steunt het.",
    )
    vvsg.hypothesis_add(
        user=consultant_a,
        product=helpdesk,
        form=OrganisationForm.OUTSOURCING,
        legal=Precondition.TO_CHECK,
        legal_reason="Raamcontract nagaan.",
        process=Precondition.MET,
        governance=Precondition.NOT_MET,
        governance_reason="Het bestuur wil de kennis in huis houden.",
    )
    vvsg.product_update(
        user=consultant_a,
        product=helpdesk,
        decision=OrganisationForm.INTEGRATION,
        decision_note="Haalbaar en gedragen.",
    )
    vvsg.service_set_scenario(
        user=consultant_a,
        service=service,
        total_scenario=OrganisationForm.INTEGRATION,
        total_scenario_note="Eén ICT-dienst.",
    )

    helpdesk.refresh_from_db()
    assert (helpdesk.fte_gemeente, helpdesk.fte_ocmw, helpdesk.running_costs) == (
        Decimal("1.50"),
        Decimal("0.80"),
        Decimal("12500.00"),
    )
    assert helpdesk.decision == OrganisationForm.INTEGRATION
    outsourcing = helpdesk.hypotheses.get(form=OrganisationForm.OUTSOURCING)
    assert outsourcing.governance == Precondition.NOT_MET
    assert outsourcing.governance_reason == "Het bestuur wil de kennis in huis houden."

    loaded = vvsg.service_queryset(consultant_a).get(pk=ict.pk)
    summary = vvsg.summarise(loaded)
    assert summary.fte_gemeente_label == "1,5"
    assert summary.fte_ocmw_label == "0,8"
    assert summary.running_costs_label == "€ 12.500,00"
    # gaps: providers 4 - 3 = 1, users 5 - 2 = 3: average 2,0
    assert summary.quality_gap == Decimal("2.0") and summary.quality_gap_label == "+2,0"
    done = {step.number: step.done for step in summary.steps}
    # step 6 stays open while a precondition is still "to check"
    assert done == {1: True, 2: True, 3: True, 4: True, 5: True, 6: False, 7: True, 8: True}
    assert summary.steps_done == 7


def test_service_add_appends_and_refuses_a_duplicate_name(scan_a, consultant_a):
    service = vvsg.service_add(user=consultant_a, scan=scan_a, name="  Onthaal ")
    assert service.name == "Onthaal"
    assert service.position == max(scan_a.services.values_list("position", flat=True))
    with pytest.raises(ValidationError) as caught:
        vvsg.service_add(user=consultant_a, scan=scan_a, name="ict")
    assert "Deze scan heeft al een dienst met de naam ‘ict’" in _messages(caught.value)["name"][0]
    with pytest.raises(ValidationError) as caught:
        vvsg.service_add(user=consultant_a, scan=scan_a, name="   ")
    assert _messages(caught.value)["name"] == ["Geef de naam van de dienst."]


def test_move_swaps_neighbours_and_stops_at_the_ends(scan_a, consultant_a):
    names = lambda: list(scan_a.services.order_by("position", "name").values_list("name", flat=True))  # noqa: E731
    first, second = names()[:2]
    assert vvsg.service_move(user=consultant_a, service=scan_a.services.get(name=second), direction="up")
    assert names()[:2] == [second, first]
    assert not vvsg.service_move(user=consultant_a, service=scan_a.services.get(name=second), direction="up")
    last = names()[-1]
    assert not vvsg.service_move(user=consultant_a, service=scan_a.services.get(name=last), direction="down")
    with pytest.raises(ValidationError):
        vvsg.service_move(user=consultant_a, service=scan_a.services.get(name=last), direction="sideways")


def test_delete_service_takes_products_and_hypotheses(ict, helpdesk, consultant_a):
    vvsg.hypothesis_add(user=consultant_a, product=helpdesk, form=OrganisationForm.AD_HOC)
    removed = vvsg.service_delete(user=consultant_a, service=ict)
    assert removed == {"products": 1, "hypotheses": 1}
    assert not SupportService.objects.filter(pk=ict.pk).exists()
    assert not ServiceProduct.objects.exists() and not Hypothesis.objects.exists()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"fte_gemeente": Decimal("-1")},
            "fte_gemeente",
            "Een aantal VTE kan niet negatief zijn. Geef 0 of meer.",
        ),
        ({"fte_ocmw": "abc"}, "fte_ocmw", "Geef een aantal voltijdse equivalenten, bijvoorbeeld 1,5."),
        (
            {"running_costs": Decimal("-5")},
            "running_costs",
            "Een bedrag kan niet negatief zijn. Geef 0 of meer.",
        ),
        ({"fte_gemeente": Decimal("1.555")}, "fte_gemeente", "Geef hoogstens twee cijfers na de komma."),
        (
            {"fte_gemeente": Decimal("10000")},
            "fte_gemeente",
            "Dat is meer dan 9.999,99. Controleer het getal.",
        ),
        ({"current_quality_users": 6}, "current_quality_users", "Een score ligt tussen 1 en 5."),
        ({"desired_quality_providers": 0}, "desired_quality_providers", "Een score ligt tussen 1 en 5."),
        ({"name": ""}, "name", "Geef de naam van het product of de dienst."),
        ({"decision": "merger"}, "decision", "Kies een organisatievorm uit de lijst."),
    ],
)
def test_product_bad_values_refused_in_dutch(ict, consultant_a, values, field, message):
    with pytest.raises(ValidationError) as caught:
        vvsg.product_add(user=consultant_a, service=ict, **{"name": "Loonadministratie", **values})
    assert _messages(caught.value)[field] == [message]
    assert not ServiceProduct.objects.exists()


def test_decision_limited_to_the_forms_of_the_hypotheses(helpdesk, consultant_a):
    # without hypotheses every form may be chosen
    assert vvsg.decision_choices(helpdesk) == list(OrganisationForm.values)
    vvsg.hypothesis_add(user=consultant_a, product=helpdesk, form=OrganisationForm.INTERMUNICIPAL)
    vvsg.hypothesis_add(user=consultant_a, product=helpdesk, form=OrganisationForm.AD_HOC)
    assert vvsg.decision_choices(helpdesk) == [OrganisationForm.AD_HOC, OrganisationForm.INTERMUNICIPAL]
    with pytest.raises(ValidationError) as caught:
        vvsg.product_update(user=consultant_a, product=helpdesk, decision=OrganisationForm.OUTSOURCING)
    assert "een van de organisatievormen uit de hypothesen" in _messages(caught.value)["decision"][0]
    vvsg.product_update(user=consultant_a, product=helpdesk, decision=OrganisationForm.INTERMUNICIPAL)
    helpdesk.refresh_from_db()
    assert helpdesk.decision == OrganisationForm.INTERMUNICIPAL


def test_second_hypothesis_with_the_same_form_refused(helpdesk, consultant_a):
    vvsg.hypothesis_add(user=consultant_a, product=helpdesk, form=OrganisationForm.INTEGRATION)
    with pytest.raises(ValidationError) as caught:
        vvsg.hypothesis_add(user=consultant_a, product=helpdesk, form=OrganisationForm.INTEGRATION)
    assert _messages(caught.value)["form"] == [
        "Dit product heeft al een hypothese met de organisatievorm ‘Feitelijke integratie’. "
        "Pas die hypothese aan of kies een andere vorm."
    ]
    other = vvsg.hypothesis_add(user=consultant_a, product=helpdesk, form=OrganisationForm.AD_HOC)
    with pytest.raises(ValidationError):
        vvsg.hypothesis_update(user=consultant_a, hypothesis=other, form=OrganisationForm.INTEGRATION)
    assert helpdesk.hypotheses.count() == 2


def test_database_constraint_becomes_a_dutch_message(helpdesk, consultant_a):
    """A colleague may save the same form between our check and our insert: the constraint answers."""
    vvsg.hypothesis_add(user=consultant_a, product=helpdesk, form=OrganisationForm.INTEGRATION)
    with pytest.raises(ValidationError) as caught:
        vvsg._save_hypothesis(Hypothesis(product=helpdesk, form=OrganisationForm.INTEGRATION))
    assert "heeft al een hypothese" in _messages(caught.value)["form"][0]


@pytest.mark.parametrize(
    ("name", "adjective"),
    [("legal", "juridische"), ("process", "procesmatige"), ("governance", "bestuurlijke")],
)
def test_not_met_requires_a_reason(helpdesk, consultant_a, name, adjective):
    with pytest.raises(ValidationError) as caught:
        vvsg.hypothesis_add(
            user=consultant_a,
            product=helpdesk,
            form=OrganisationForm.AD_HOC,
            **{name: "not_met", f"{name}_reason": " "},
        )
    assert _messages(caught.value)[f"{name}_reason"] == [
        f"Geef de reden waarom de {adjective} randvoorwaarde niet voldaan is."
    ]
    assert not Hypothesis.objects.exists()


def test_a_decision_protects_its_hypothesis(helpdesk, consultant_a):
    chosen = vvsg.hypothesis_add(user=consultant_a, product=helpdesk, form=OrganisationForm.INTEGRATION)
    vvsg.product_update(user=consultant_a, product=helpdesk, decision=OrganisationForm.INTEGRATION)
    with pytest.raises(ValidationError) as caught:
        vvsg.hypothesis_delete(user=consultant_a, hypothesis=chosen)
    assert "Wijzig eerst die beslissing" in caught.value.messages[0]
    with pytest.raises(ValidationError):
        vvsg.hypothesis_update(user=consultant_a, hypothesis=chosen, form=OrganisationForm.AD_HOC)
    vvsg.product_update(user=consultant_a, product=helpdesk, decision="")
    vvsg.hypothesis_delete(user=consultant_a, hypothesis=chosen)
    assert not Hypothesis.objects.exists()


def test_stale_service_edit_refused_with_the_differences(ict, consultant_a):
    opened = ict.version
    vvsg.service_update(user=consultant_a, service=ict, name="ICT en telefonie", expected_version=opened)
    with pytest.raises(vvsg.StaleServiceError) as caught:
        vvsg.service_update(
            user=consultant_a,
            service=ict,
            name="Informatica",
            working_methods=WorkingMethods.SAME,
            expected_version=opened,
        )
    assert ("Dienst", "ICT en telefonie", "Informatica") in caught.value.changes
    ict.refresh_from_db()
    assert ict.name == "ICT en telefonie" and ict.working_methods == ""


def test_stale_product_edit_refused_with_the_differences(helpdesk, consultant_a):
    opened = helpdesk.version
    vvsg.product_update(
        user=consultant_a, product=helpdesk, fte_gemeente=Decimal("2"), expected_version=opened
    )
    with pytest.raises(vvsg.StaleProductError) as caught:
        vvsg.product_update(
            user=consultant_a,
            product=helpdesk,
            name="Helpdesk voor medewerkers",
            fte_gemeente=Decimal("1.5"),
            expected_version=opened,
        )
    assert caught.value.changes == [("VTE gemeente", "2", "1,5")]
    assert "dit product intussen gewijzigd" in caught.value.messages[0]
    helpdesk.refresh_from_db()
    assert helpdesk.fte_gemeente == Decimal("2") and helpdesk.version == opened + 1
    vvsg.product_update(
        user=consultant_a, product=helpdesk, fte_gemeente=Decimal("3"), expected_version=opened + 1
    )
    helpdesk.refresh_from_db()
    assert helpdesk.fte_gemeente == Decimal("3") and helpdesk.version == opened + 2


def test_stale_hypothesis_edit_refused_with_the_differences(helpdesk, consultant_a):
    hypothesis = vvsg.hypothesis_add(user=consultant_a, product=helpdesk, form=OrganisationForm.AD_HOC)
    opened = hypothesis.version
    vvsg.hypothesis_update(
        user=consultant_a, hypothesis=hypothesis, description="Eerst", expected_version=opened
    )
    with pytest.raises(vvsg.StaleHypothesisError) as caught:
        vvsg.hypothesis_update(
            user=consultant_a,
            hypothesis=hypothesis,
            description="Tweede",
            legal=Precondition.MET,
            expected_version=opened,
        )
    assert ("Beschrijving", "Eerst", "Tweede") in caught.value.changes
    assert ("Juridisch", "Na te gaan", "Voldaan") in caught.value.changes
    hypothesis.refresh_from_db()
    assert hypothesis.description == "Eerst" and hypothesis.legal == Precondition.TO_CHECK
    vvsg.hypothesis_update(
        user=consultant_a, hypothesis=hypothesis, description="Tweede", expected_version=hypothesis.version
    )
    hypothesis.refresh_from_db()
    assert hypothesis.description == "Tweede" and hypothesis.version == opened + 2


@pytest.mark.parametrize("fixture", ["council_a", "approver_a"])
def test_readers_may_change_nothing(request, ict, helpdesk, consultant_a, fixture):
    reader = request.getfixturevalue(fixture)
    hypothesis = vvsg.hypothesis_add(user=consultant_a, product=helpdesk, form=OrganisationForm.AD_HOC)
    calls = [
        lambda: vvsg.service_add(user=reader, scan=ict.scan, name="Onthaal"),
        lambda: vvsg.service_update(user=reader, service=ict, name="Gekaapt"),
        lambda: vvsg.service_move(user=reader, service=ict, direction="down"),
        lambda: vvsg.service_set_scenario(user=reader, service=ict, total_scenario="outsourcing"),
        lambda: vvsg.service_delete(user=reader, service=ict),
        lambda: vvsg.product_add(user=reader, service=ict, name="X"),
        lambda: vvsg.product_update(user=reader, product=helpdesk, name="Gekaapt"),
        lambda: vvsg.product_delete(user=reader, product=helpdesk),
        lambda: vvsg.hypothesis_add(user=reader, product=helpdesk, form="outsourcing"),
        lambda: vvsg.hypothesis_update(user=reader, hypothesis=hypothesis, description="Gekaapt"),
        lambda: vvsg.hypothesis_delete(user=reader, hypothesis=hypothesis),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    ict.refresh_from_db()
    helpdesk.refresh_from_db()
    assert ict.name == "ICT" and helpdesk.name == "Helpdesk voor medewerkers"
    assert Hypothesis.objects.get().description == ""


def test_final_scan_keeps_its_content(scan_a, ict, helpdesk, consultant_a):
    scan_finalise(user=consultant_a, scan=scan_a)
    message = "Deze scan is afgerond en kan niet meer wijzigen. Heropen hem eerst."
    for call in (
        lambda: vvsg.service_add(user=consultant_a, scan=scan_a, name="Onthaal"),
        lambda: vvsg.service_update(user=consultant_a, service=ict, name="Anders"),
        lambda: vvsg.service_move(user=consultant_a, service=ict, direction="down"),
        lambda: vvsg.product_update(user=consultant_a, product=helpdesk, fte_gemeente=Decimal("3")),
        lambda: vvsg.hypothesis_add(user=consultant_a, product=helpdesk, form="ad_hoc"),
        lambda: vvsg.product_delete(user=consultant_a, product=helpdesk),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.messages == [message]
    helpdesk.refresh_from_db()
    assert helpdesk.fte_gemeente == Decimal("1.50")


def test_b_consultant_may_not_change_a(ict, consultant_b):
    with pytest.raises(PermissionDenied):
        vvsg.service_update(user=consultant_b, service=ict, name="Gekaapt")


def test_overview_totals(scan_a, ict, helpdesk, consultant_a):
    vvsg.product_add(
        user=consultant_a,
        service=scan_a.services.get(name="Archief"),
        name="Digitaal archief",
        fte_gemeente=Decimal("0.5"),
        running_costs=Decimal("1000.5"),
    )
    rows, totals = vvsg.scan_overview(scan_a)
    assert len(rows) == 10 and totals.n_services == 10
    assert totals.n_products == 2
    assert totals.fte_gemeente_label == "2"
    assert totals.running_costs_label == "€ 13.500,50"
    assert totals.quality_gap_label == "+2,0"
    assert totals.n_scenarios == 0


def test_number_formats():
    assert vvsg.format_fte(Decimal("1.50")) == "1,5"
    assert vvsg.format_fte(Decimal("2.00")) == "2"
    assert vvsg.format_fte(Decimal("1234.25")) == "1.234,25"
    assert vvsg.format_euro(Decimal("12500")) == "€ 12.500,00"
    assert vvsg.format_euro(Decimal("0")) == "€ 0,00"
    assert vvsg.format_gap(None) == "—"
    assert vvsg.format_gap(Decimal("-0.5")) == "-0,5"
