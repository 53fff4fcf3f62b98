"""factory_boy factories shared by the whole suite."""

import datetime

import factory
from django.contrib.auth import get_user_model

from programmes.models import LocalGovernment, Membership, Programme, Province, Role, Step


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.be")
    password = factory.django.Password("demo-wachtwoord-123")


class LocalGovernmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalGovernment

    name = factory.Sequence(lambda n: f"Lokaal bestuur Teststad {n}")
    nis_code = factory.Sequence(lambda n: f"{41000 + n:05d}")
    gemeente_name = factory.LazyAttribute(lambda o: o.name.replace("Lokaal bestuur", "Gemeente"))
    ocmw_name = factory.LazyAttribute(lambda o: o.name.replace("Lokaal bestuur", "OCMW"))
    province = Province.OOST_VLAANDEREN


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    local_government = factory.SubFactory(LocalGovernmentFactory)
    role = Role.CONSULTANT


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    local_government = factory.SubFactory(LocalGovernmentFactory)
    title = factory.Sequence(lambda n: f"Integratie gemeente en OCMW {n}")
    description = "Samen naar één organisatie met één dienstverlening voor de burger."
    start_date = datetime.date(2026, 9, 1)
    step = Step.SCAN

    @factory.post_generation
    def consultants(self, create, extracted, **kwargs):
        if create and extracted:
            self.consultants.set(extracted)
