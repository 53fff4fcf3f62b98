import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from programmes import services
from programmes.models import LocalGovernment, Membership, Programme, Role, Scenario, Step


def test_consultant_creates_programme_with_history(lg_a, consultant_a):
    programme = services.programme_create(
        user=consultant_a,
        local_government=lg_a,
        title="  Samen sterker  ",
        start_date=datetime.date(2026, 9, 1),
    )
    assert programme.title == "Samen sterker"
    assert list(programme.consultants.all()) == [consultant_a]
    record = programme.history.filter(history_type="+").get()
    assert record.history_user == consultant_a


@pytest.mark.parametrize("fixture", ["approver_a", "council_a", "consultant_b"])
def test_only_consultants_of_the_local_government_create(request, lg_a, fixture):
    user = request.getfixturevalue(fixture)
    with pytest.raises(PermissionDenied):
        services.programme_create(
            user=user, local_government=lg_a, title="X", start_date=datetime.date(2026, 9, 1)
        )
    assert not Programme.objects.exists()


def test_empty_title_and_impossible_date_refused_in_dutch(lg_a, consultant_a):
    with pytest.raises(ValidationError) as info:
        services.programme_create(user=consultant_a, local_government=lg_a, title="   ", start_date=None)
    errors = info.value.message_dict
    assert errors["title"] == ["Geef het traject een titel."]
    assert "geldige startdatum" in errors["start_date"][0]


def test_consultant_of_other_local_government_cannot_lead(lg_a, consultant_a, consultant_b):
    with pytest.raises(ValidationError) as info:
        services.programme_create(
            user=consultant_a,
            local_government=lg_a,
            title="X",
            start_date=datetime.date(2026, 9, 1),
            consultants=[consultant_b],
        )
    assert "Alleen consultants van Lokaal bestuur Geel" in info.value.message_dict["consultants"][0]


def test_update_bumps_version_and_records_who_and_what(programme_a, consultant_a):
    updated = services.programme_update(
        user=consultant_a,
        programme=programme_a,
        expected_version=programme_a.version,
        step=Step.TARGET_PICTURE,
        scenario=Scenario.PROGRAMMATIC,
    )
    assert updated.version == programme_a.version + 1
    latest = updated.history.first()
    previous = latest.prev_record
    changed = {change.field for change in latest.diff_against(previous).changes}
    assert {"step", "scenario", "version"} <= changed


def test_stale_update_refused_with_what_changed(programme_a, consultant_a):
    opened_version = programme_a.version
    services.programme_update(
        user=consultant_a, programme=programme_a, expected_version=opened_version, title="Titel van collega"
    )
    with pytest.raises(services.StaleEditError) as info:
        services.programme_update(
            user=consultant_a, programme=programme_a, expected_version=opened_version, title="Mijn titel"
        )
    change = info.value.changes[0]
    assert (change.label, change.theirs, change.yours) == ("Titel", "Titel van collega", "Mijn titel")
    programme_a.refresh_from_db()
    assert programme_a.title == "Titel van collega"


def test_council_member_cannot_update(programme_a, council_a):
    with pytest.raises(PermissionDenied):
        services.programme_update(
            user=council_a, programme=programme_a, expected_version=programme_a.version, title="Gekaapt"
        )
    programme_a.refresh_from_db()
    assert programme_a.title == "Samen sterker in Geel"


def test_invite_creates_account_membership_and_sends_link(
    lg_a, consultant_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_invite(
            user=consultant_a,
            local_government=lg_a,
            email="An.Peeters@Geel.be",
            first_name="An",
            last_name="Peeters",
            role=Role.COUNCIL_MEMBER,
            base_url="http://testserver/",
        )
    assert membership.user.email == "an.peeters@geel.be"
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "http://testserver/account/uitnodiging/" in mail.outbox[0].body
    assert "Lokaal bestuur Geel" in mail.outbox[0].subject


def test_invite_twice_refused(lg_a, consultant_a, council_a):
    with pytest.raises(ValidationError) as info:
        services.membership_invite(
            user=consultant_a,
            local_government=lg_a,
            email=council_a.email,
            first_name="x",
            last_name="y",
            role=Role.APPROVER,
            base_url="http://testserver/",
        )
    assert "is al lid van Lokaal bestuur Geel" in info.value.message_dict["email"][0]


def test_approver_cannot_invite(lg_a, approver_a):
    with pytest.raises(PermissionDenied):
        services.membership_invite(
            user=approver_a,
            local_government=lg_a,
            email="x@y.be",
            first_name="x",
            last_name="y",
            role=Role.CONSULTANT,
            base_url="http://testserver/",
        )
    assert not Membership.objects.filter(user__email="x@y.be").exists()


@pytest.mark.parametrize(
    ("nis", "province", "message"),
    [
        ("4402", "oost-vlaanderen", "precies 5 cijfers"),
        ("44A21", "oost-vlaanderen", "precies 5 cijfers"),
        ("44021", "limburg", "hoort niet bij de provincie Limburg"),
    ],
)
def test_local_government_nis_code_validated(consultant_a, nis, province, message):
    with pytest.raises(ValidationError) as info:
        services.local_government_create(
            user=consultant_a,
            name="Lokaal bestuur Gent",
            nis_code=nis,
            gemeente_name="Stad Gent",
            ocmw_name="OCMW Gent",
            province=province,
        )
    assert message in " ".join(info.value.message_dict["nis_code"])


def test_local_government_creator_becomes_consultant(consultant_a):
    lg = services.local_government_create(
        user=consultant_a,
        name="Lokaal bestuur Gent",
        nis_code="44021",
        gemeente_name="Stad Gent",
        ocmw_name="OCMW Gent",
        province="oost-vlaanderen",
    )
    assert Membership.objects.get(local_government=lg).role == Role.CONSULTANT


def test_nis_code_constraint_in_database(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        LocalGovernment.objects.create(
            name="X", nis_code="12ab5", gemeente_name="X", ocmw_name="X", province="limburg"
        )
