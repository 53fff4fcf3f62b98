"""Shared fixtures: a consultant, an approver and a council member of A, and the same of B."""

import pytest

from programmes.models import Role
from tests.factories import LocalGovernmentFactory, MembershipFactory, ProgrammeFactory, UserFactory


@pytest.fixture
def lg_a(db):
    return LocalGovernmentFactory(name="Lokaal bestuur Geel", nis_code="13008", province="antwerpen")


@pytest.fixture
def lg_b(db):
    return LocalGovernmentFactory(name="Lokaal bestuur Ieper", nis_code="33011", province="west-vlaanderen")


def _member(lg, role, username):
    return MembershipFactory(local_government=lg, role=role, user=UserFactory(username=username)).user


@pytest.fixture
def consultant_a(lg_a):
    return _member(lg_a, Role.CONSULTANT, "consultant.a")


@pytest.fixture
def approver_a(lg_a):
    return _member(lg_a, Role.APPROVER, "directeur.a")


@pytest.fixture
def council_a(lg_a):
    return _member(lg_a, Role.COUNCIL_MEMBER, "raad.a")


@pytest.fixture
def consultant_b(lg_b):
    return _member(lg_b, Role.CONSULTANT, "consultant.b")


@pytest.fixture
def approver_b(lg_b):
    return _member(lg_b, Role.APPROVER, "directeur.b")


@pytest.fixture
def council_b(lg_b):
    return _member(lg_b, Role.COUNCIL_MEMBER, "raad.b")


@pytest.fixture
def programme_a(lg_a, consultant_a):
    return ProgrammeFactory(local_government=lg_a, title="Samen sterker in Geel", consultants=[consultant_a])


@pytest.fixture
def programme_b(lg_b, consultant_b):
    return ProgrammeFactory(local_government=lg_b, title="Eén bestuur voor Ieper", consultants=[consultant_b])


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    """Generated documents go to a temporary folder, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
