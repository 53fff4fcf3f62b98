"""Demo data of step 3: Geel's programme of projects in one steering structure, with its dependencies, and a
small programme of projects for Ieper.

`seed_projects` is a demo extender (programmes.demo.register_demo): it runs after the programmes and plans
exist, inside seed()'s transaction, and is idempotent: a programme that already has projects is left alone.
Everything goes through the services, as consultant.a and consultant.b would have done it.

Geel's dependencies hold the chain Dienstverleningsconcept → Nieuwe locatie (administratief centrum) →
Samenvoeging secretariaat (each needs the one before), mixed kinds with lags, and exactly one schedule
conflict to resolve: the Geïntegreerde financiële dienst is planned to start on 2 November 2026, but it
needs Eén ICT-dienst, which ends on 21 December 2026: 7 weeks too early. "Communicatieplan en huisstijl"
has no project group yet, so the page shows the flag for a project without a place in the structure.
`scale` adds N - 1 rounds of Geel's projects ("(deelproject n)"), a few weeks later, with the same
dependencies inside each round and a start-to-start link (2 weeks) from each round's first project to the
next round's first (still acyclic). All variation comes from a fixed seed.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from programmes.demo import PROGRAMMES
from programmes.models import Action, LocalGovernment, PlanVersion, Programme

from . import services
from .models import DependencyKind, Project, ProjectStatus

FS, SS, FF = DependencyKind.FINISH_TO_START, DependencyKind.START_TO_START, DependencyKind.FINISH_TO_FINISH
PLANNED, RUNNING, DONE, PROPOSED = (
    ProjectStatus.PLANNED,
    ProjectStatus.RUNNING,
    ProjectStatus.DONE,
    ProjectStatus.PROPOSED,
)


def _d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


# --- Geel --------------------------------------------------------------------------------------------

GEEL_STEERING = {
    "name": "Stuurgroep Samen één bestuur",
    "mandate": (
        "De stuurgroep bewaakt het programma als geheel: ze keurt de projectfiches en de planning goed, "
        "beslist over de volgorde van de projecten en over budgetverschuivingen tot € 25.000, en lost "
        "conflicten tussen projecten op. Ze rapporteert elk kwartaal aan het vast bureau en het bijzonder "
        "comité, en elk jaar aan beide raden."
    ),
    "chair_name": "Marc Verhoeven (burgemeester)",
    "programme_manager": "consultant.a",
    "meeting_rhythm": "Maandelijks, de eerste dinsdag om 17 uur",
}

# user (a username of A) or a name, function
GEEL_MEMBERS = [
    ("Marc Verhoeven", "Burgemeester (voorzitter)"),
    ("Annemie Goossens", "Voorzitter BCSD"),
    ("directeur.a", "Algemeen directeur"),
    ("Hilde Van den Broeck", "Financieel directeur"),
    ("consultant.a", "Programmamanager"),
]

# name, lead (a username of A or a name), description
GEEL_GROUPS = [
    (
        "Organisatie en personeel",
        "directeur.a",
        "Het organogram, de rechtspositieregeling en het secretariaat: alles wat de medewerkers raakt.",
    ),
    (
        "Dienstverlening en huisvesting",
        "Inge Smets",
        "Eén onthaal, het dienstverleningsconcept en het administratief centrum.",
    ),
    (
        "Ondersteunende processen",
        "Tom Van Dyck",
        "ICT, aankoop, financiën, informatieveiligheid en archief als gedeelde diensten.",
    ),
]

# key, title, group (index or None), start, weeks, status, leader (a username or a name), budget, quick win,
# plan actions it carries out (titles in the approved version), goal
GEEL_PROJECTS = [
    ("comm", "Communicatieplan en huisstijl", None, _d(2026, 5, 25), 10, DONE, "Jolien Aerts", "15000", True,
     ["Communicatieplan voor de medewerkers"],
     "Eén huisstijl en één verhaal voor medewerkers en inwoners, van de nieuwsbrief tot de website."),
    ("aankoop", "Gezamenlijke aankoopdienst", 2, _d(2026, 6, 15), 12, DONE, "Hilde Van den Broeck", "8000",
     True, ["Gedeelde licenties en raamcontracten"],
     "Eén aankoopprocedure en gedeelde raamcontracten voor gemeente en OCMW."),
    ("ict", "Eén ICT-dienst", 2, _d(2026, 7, 6), 24, RUNNING, "Tom Van Dyck", "185000", False,
     ["Gezamenlijk ICT-netwerk"],
     "Eén netwerk, één domein, één helpdesk en één team voor alle medewerkers."),
    ("infoveiligheid", "Informatieveiligheid en privacy", 2, _d(2026, 8, 3), 20, RUNNING, "Tom Van Dyck",
     "22000", False, [],
     "Eén informatieveiligheidsbeleid en één functionaris voor gegevensbescherming voor beide besturen."),
    ("concept", "Dienstverleningsconcept", 1, _d(2026, 9, 7), 16, RUNNING, "Inge Smets", "30000", False,
     ["Nulmeting van de dienstverlening aan het loket"],
     "Hoe inwoners ons bereiken: aan één onthaal, op afspraak, aan de telefoon en online."),
    ("personeel", "Eén personeelsdienst en rechtspositieregeling", 0, _d(2026, 9, 7), 43, RUNNING,
     "Nathalie Willems", "40000", False, ["Harmonisatie rechtspositieregeling"],
     "Eén personeelsdienst en één rechtspositieregeling, met behoud van verworven rechten."),
    ("financien", "Geïntegreerde financiële dienst", 2, _d(2026, 11, 2), 30, PLANNED, "Hilde Van den Broeck",
     "60000", False, ["Eén softwarepakket voor boekhouding en aankoop"],
     "Eén financiële dienst met één boekhoudpakket en een back-up voor elke taak."),
    ("locatie", "Nieuwe locatie (administratief centrum)", 1, _d(2027, 1, 11), 26, PLANNED, "Koen Vermeiren",
     "1250000", False, ["Eén onthaal in het Sociaal Huis"],
     "Het Sociaal Huis wordt het administratief centrum met één onthaal en discrete spreekruimtes."),
    ("archief", "Archief en documentbeheer", 2, _d(2027, 3, 1), 20, PROPOSED, "Tom Van Dyck", "35000", False,
     [], "Eén digitaal archief en één documentbeheersysteem; de papieren archieven verhuizen mee."),
    ("secretariaat", "Samenvoeging secretariaat", 0, _d(2027, 7, 12), 12, PLANNED, "directeur.a", "20000",
     False, [], "Eén secretariaat voor het college, het vast bureau en beide raden, in het nieuwe centrum."),
]  # fmt: skip

# successor needs predecessor: (predecessor key, successor key, kind, lag in weeks, note)
GEEL_DEPENDENCIES = [
    ("concept", "locatie", FS, 2, "Het concept bepaalt de indeling van het onthaal."),
    ("locatie", "secretariaat", FS, 0, "Het secretariaat verhuist naar het nieuwe centrum."),
    ("comm", "concept", FS, 0, "De huisstijl bepaalt hoe het onthaal er uitziet."),
    ("ict", "financien", FS, 0, "Het boekhoudpakket draait op het nieuwe netwerk."),
    ("aankoop", "financien", SS, 4, "De aankoopprocedure gaat mee in het nieuwe pakket."),
    ("ict", "infoveiligheid", SS, 4, "Het beleid volgt de keuzes voor het nieuwe netwerk."),
    ("locatie", "archief", FF, 0, "Het archief is verhuisd wanneer het centrum klaar is."),
    ("ict", "archief", FS, 0, ""),
    ("personeel", "secretariaat", FF, 2, "De nieuwe functiebeschrijvingen liggen vast."),
]

# --- Ieper --------------------------------------------------------------------------------------------

IEPER_STEERING = {
    "name": "Stuurgroep Eén organisatie",
    "mandate": "Beslist over de volgorde van de gedeelde diensten en rapporteert aan beide raden.",
    "chair_name": "Stefaan Vanneste (burgemeester)",
    "programme_manager": "consultant.b",
    "meeting_rhythm": "Om de zes weken",
}
IEPER_MEMBERS = [
    ("Stefaan Vanneste", "Burgemeester"),
    ("Marleen Deprez", "Voorzitter BCSD"),
    ("directeur.b", "Algemeen directeur"),
]
IEPER_GROUPS = [("Gedeelde diensten", "Wim Vandamme", "ICT en personeel en HR.")]
IEPER_PROJECTS = [
    ("ict", "Eén ICT-dienst voor stad en OCMW", 0, _d(2027, 4, 5), 26, PLANNED, "Wim Vandamme", "60000",
     False, [], "Eén helpdesk en één serverpark."),
    ("lonen", "Eén loonadministratie", 0, _d(2027, 10, 4), 12, PLANNED, "consultant.b", "", False, [],
     "De lonen van stad en OCMW lopen via één pakket."),
    ("helpdesk", "Eén helpdeskadres", 0, _d(2027, 2, 1), 6, PROPOSED, "Wim Vandamme", "", True, [], ""),
]  # fmt: skip
IEPER_DEPENDENCIES = [("ict", "lonen", FS, 0, "Het loonpakket draait op het gedeelde netwerk.")]


# --- Building -----------------------------------------------------------------------------------------


def seed_projects(*, lgs: dict[str, LocalGovernment], users: dict, scale: int = 1) -> None:
    """Demo extender: Geel's programme of projects (times `scale`), and a small one for Ieper."""
    geel = Programme.objects.filter(local_government=lgs["a"], title=PROGRAMMES["a"]["title"]).first()
    if geel is not None and not Project.objects.filter(programme=geel).exists():
        _build(
            geel,
            users,
            consultant=users["consultant.a"],
            steering=GEEL_STEERING,
            members=GEEL_MEMBERS,
            groups=GEEL_GROUPS,
            projects=GEEL_PROJECTS,
            dependencies=GEEL_DEPENDENCIES,
            scale=scale,
        )
        # A later change, so the project's history shows more than its creation.
        ict = Project.objects.get(programme=geel, title="Eén ICT-dienst")
        services.project_update(
            user=users["consultant.a"],
            project=ict,
            expected_version=ict.version,
            budget=Decimal("198500"),
            sponsor="Schepen van ICT en personeel",
        )
    for programme in Programme.objects.filter(local_government__in=lgs.values(), steering_group__isnull=True):
        # every programme has its one steering group
        services.steering_group_get(programme=programme, user=programme.consultants.first())
    ieper = Programme.objects.filter(local_government=lgs["b"], title=PROGRAMMES["b"]["title"]).first()
    if ieper is not None and not Project.objects.filter(programme=ieper).exists():
        _build(
            ieper,
            users,
            consultant=users["consultant.b"],
            steering=IEPER_STEERING,
            members=IEPER_MEMBERS,
            groups=IEPER_GROUPS,
            projects=IEPER_PROJECTS,
            dependencies=IEPER_DEPENDENCIES,
            scale=1,
        )


def _person(users: dict, who: str) -> tuple[object | None, str]:
    """A username of the demo → (user, ""); anything else is a name → (None, name)."""
    user = users.get(who)
    return (user, "") if user is not None else (None, who)


def _build(programme, users, *, consultant, steering, members, groups, projects, dependencies, scale) -> None:
    group = services.steering_group_get(programme=programme, user=consultant)
    manager, manager_name = _person(users, steering["programme_manager"])
    group = services.steering_group_update(
        user=consultant,
        group=group,
        expected_version=group.version,
        name=steering["name"],
        mandate=steering["mandate"],
        chair=None,
        chair_name=steering["chair_name"],
        programme_manager=manager,
        programme_manager_name=manager_name,
        meeting_rhythm=steering["meeting_rhythm"],
    )
    if not group.members.exists():
        for who, function in members:
            member, name = _person(users, who)
            services.steering_member_add(
                user=consultant, group=group, member_user=member, name=name, function=function
            )
    made_groups = []
    for name, lead, description in groups:
        lead_user, lead_name = _person(users, lead)
        made_groups.append(
            services.project_group_create(
                user=consultant,
                programme=programme,
                name=name,
                description=description,
                lead=lead_user,
                lead_name=lead_name,
            )
        )
    approved = (
        PlanVersion.objects.filter(plan__programme=programme, state=PlanVersion.State.APPROVED)
        .order_by("-number")
        .first()
    )
    actions = {}
    if approved is not None:
        for action in Action.objects.filter(version=approved).order_by("start", "pk"):
            actions.setdefault(action.title, action)
    rng = random.Random(programme.local_government.nis_code)  # noqa: S311 – demo data
    previous_first = None
    for n in range(1, scale + 1):
        shift = datetime.timedelta(days=0 if n == 1 else 28 * (n - 1) + rng.randrange(0, 7))
        suffix = "" if n == 1 else f" (deelproject {n})"
        made = {}
        for (
            key,
            title,
            group_index,
            start,
            weeks,
            status,
            leader,
            budget,
            quick,
            action_titles,
            goal,
        ) in projects:
            leader_user, leader_name = _person(users, leader)
            made[key] = services.project_create(
                user=consultant,
                programme=programme,
                title=title + suffix,
                planned_start=start + shift,
                duration_weeks=weeks,
                group=None if group_index is None else made_groups[group_index],
                goal=goal,
                leader=leader_user,
                leader_name=leader_name,
                sponsor=steering["chair_name"] if n == 1 else "",
                status=status if n == 1 else PLANNED,
                budget=Decimal(budget) if budget and n == 1 else None,
                quick_win=quick and n == 1,
                actions=[actions[t] for t in action_titles if t in actions] if n == 1 else (),
            )
        for pred, succ, kind, lag, note in dependencies:
            services.dependency_add(
                user=consultant,
                predecessor=made[pred],
                successor=made[succ],
                kind=kind,
                lag_weeks=lag,
                note=note,
            )
        first_key = projects[0][0]
        if previous_first is not None:
            services.dependency_add(
                user=consultant, predecessor=previous_first, successor=made[first_key], kind=SS, lag_weeks=2
            )
        previous_first = made[first_key]
