"""Demo data for programmes: two local governments, their people and a programme each (through services)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction

from . import services
from .models import LocalGovernment, Membership, Programme, Province, Role, Scenario, Step

User = get_user_model()
PASSWORD = "demo"  # noqa: S105 – the documented demo password

LOCAL_GOVERNMENTS = {
    "a": {
        "name": "Lokaal bestuur Geel",
        "nis_code": "13008",
        "gemeente_name": "Gemeente Geel",
        "ocmw_name": "OCMW Geel",
        "province": Province.ANTWERPEN,
    },
    "b": {
        "name": "Lokaal bestuur Ieper",
        "nis_code": "33011",
        "gemeente_name": "Stad Ieper",
        "ocmw_name": "OCMW Ieper",
        "province": Province.WEST_VLAANDEREN,
    },
}

PEOPLE = [
    # username, first name, last name, local government, role
    ("consultant.a", "Sofie", "Claes", "a", Role.CONSULTANT),
    ("directeur.a", "Katrien", "Janssens", "a", Role.APPROVER),
    ("raad.a", "Jan", "Peeters", "a", Role.COUNCIL_MEMBER),
    ("raad.a2", "Leen", "Wouters", "a", Role.COUNCIL_MEMBER),
    ("consultant.b", "Pieter", "Vermeulen", "b", Role.CONSULTANT),
    ("directeur.b", "Bart", "Desmet", "b", Role.APPROVER),
    ("raad.b", "Els", "Maes", "b", Role.COUNCIL_MEMBER),
]

PROGRAMMES = {
    "a": {
        "title": "Samen één bestuur in Geel",
        "description": (
            "Gemeente en OCMW Geel werken sinds 2019 met één algemeen directeur, maar de ondersteunende "
            "diensten draaien nog grotendeels apart. Het bestuur wil tegen eind 2027 één geïntegreerde "
            "organisatie, met één loket voor de burger en gedeelde diensten voor ICT, personeel en financiën."
        ),
        "start_date": datetime.date(2026, 2, 2),
        # the way the programme grew: created at step 1, then the scan chose a scenario, then onwards
        "updates": [
            {"step": Step.TARGET_PICTURE, "scenario": Scenario.PROGRAMMATIC},
            {"step": Step.PROGRAMME},
        ],
    },
    "b": {
        "title": "Eén organisatie voor Ieper",
        "description": (
            "Stad en OCMW Ieper willen hun samenwerking versterken, te beginnen bij de ondersteunende "
            "diensten. De organisatiescan loopt: de eerste interviews zijn afgenomen en de "
            "personeelsbevraging staat open."
        ),
        "start_date": datetime.date(2026, 5, 11),
        "updates": [],
    },
}


def _user(username: str, first: str, last: str, *, superuser: bool = False):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@tandem.example"},
    )
    if created or not user.has_usable_password():
        user.set_password(PASSWORD)
    user.is_staff = user.is_staff or superuser
    user.is_superuser = user.is_superuser or superuser
    user.save()
    return user


DemoExtender = Callable[..., None]
_extenders: list[DemoExtender] = []


def register_demo(extender: DemoExtender) -> None:
    """Later steps add their demo data: extender(lgs=, users=, scale=) runs after ours, idempotently."""
    if extender not in _extenders:
        _extenders.append(extender)


@transaction.atomic
def seed(*, scale: int = 1) -> dict[str, LocalGovernment]:
    """Build the demo idempotently; `scale` multiplies the programmes of each local government."""
    _user("admin", "Beheerder", "Tandem", superuser=True)
    lgs = {}
    for key, values in LOCAL_GOVERNMENTS.items():
        lg, _ = LocalGovernment.objects.get_or_create(nis_code=values["nis_code"], defaults=values)
        lgs[key] = lg
    users = {}
    for username, first, last, key, role in PEOPLE:
        user = _user(username, first, last)
        users[username] = user
        Membership.objects.get_or_create(user=user, local_government=lgs[key], defaults={"role": role})

    for key, spec in PROGRAMMES.items():
        consultant = users[f"consultant.{key}"]
        for n in range(1, scale + 1):
            title = spec["title"] if n == 1 else f"{spec['title']} – deeltraject {n}"
            if Programme.objects.filter(local_government=lgs[key], title=title).exists():
                continue
            programme = services.programme_create(
                user=consultant,
                local_government=lgs[key],
                title=title,
                description=spec["description"],
                start_date=spec["start_date"] + datetime.timedelta(days=7 * (n - 1)),
                step=Step.SCAN,
                consultants=[consultant],
            )
            for update in spec["updates"]:
                programme = services.programme_update(
                    user=consultant, programme=programme, expected_version=programme.version, **update
                )
    for extender in _extenders:
        extender(lgs=lgs, users=users, scale=scale)
    return lgs
