"""Demo data of step 2: an approved target picture and action plan for Geel with a newer draft, and a plan
for Ieper that waits for the algemeen directeur.

`seed_plans` is a demo extender (programmes.demo.register_demo): it runs after the programmes exist, inside
seed()'s transaction, and is idempotent: a programme that already has a plan is left alone. The versions
move through the real workflow (plan_start, plan_submit, plan_approve, plan_new_version), so the history
(PlanEvent) is the one a user would have made; the content rows are written directly. `scale` multiplies
the actions of Geel's first programme (and their status updates); the rest stays the same. All variation
comes from fixed seeds, so two runs on empty databases give the same demo.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from programmes.demo import PROGRAMMES
from programmes.models import (
    Action,
    ActionKind,
    ActionStatus,
    ActionUpdate,
    Angle,
    BalanceFactor,
    BalanceItem,
    FinancialKind,
    FinancialLine,
    IntendedResult,
    LocalGovernment,
    Phase,
    Plan,
    PlanEvent,
    PlanVersion,
    Programme,
)

from .workflow import plan_approve, plan_new_version, plan_start, plan_submit

BRUSSELS = ZoneInfo("Europe/Brussels")
TODAY = datetime.date(2026, 11, 25)  # the demo's "now": actions ending before it and not done are late

STRATEGIC, FINANCIAL = Angle.STRATEGIC, Angle.FINANCIAL
ORGANISATIONAL, PATRIMONY = Angle.ORGANISATIONAL, Angle.PATRIMONY
GAIN, INVESTMENT = FinancialKind.EFFICIENCY_GAIN, FinancialKind.JOINT_INVESTMENT
ACTION, STRUCTURE = ActionKind.ACTION, ActionKind.PROJECT_STRUCTURE
CHANGE, COMMUNICATION, FOLLOW_UP = (
    ActionKind.CHANGE_MANAGEMENT,
    ActionKind.COMMUNICATION,
    ActionKind.FOLLOW_UP,
)
TODO, BUSY, DONE, BLOCKED = (
    ActionStatus.TODO,
    ActionStatus.IN_PROGRESS,
    ActionStatus.DONE,
    ActionStatus.BLOCKED,
)
F = BalanceFactor


def _d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


def _at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


# --- Geel --------------------------------------------------------------------------------------------

GEEL_AMBITION = (
    "Gemeente en OCMW Geel groeien tegen eind 2027 uit tot één organisatie met één managementteam, één "
    "organogram en één manier van werken. Inwoners kunnen met al hun vragen terecht aan één loket in het "
    "Sociaal Huis, of het nu gaat om een attest, een premie of een vraag om hulp. ICT, personeel en HR en "
    "financiën worden gedeelde ondersteunende diensten die beide besturen met dezelfde kwaliteit bedienen. "
    "De eigen opdracht van het OCMW blijft beschermd: de sociale dienst blijft een herkenbare afdeling, "
    "het beroepsgeheim en de beslissingen van het bijzonder comité blijven gewaarborgd. We veranderen in "
    "een tempo dat de medewerkers aankunnen, en we vertellen hen eerlijk wat er voor hen verandert."
)

GEEL_INVOLVED = (
    "Stuurgroep: burgemeester Marc Verhoeven, OCMW-voorzitter Annemie Goossens, schepen Dirk Mertens, "
    "algemeen directeur Katrien Janssens en financieel directeur Hilde Van den Broeck.\n"
    "Projectleiding: Sofie Claes (consultant), met de diensthoofden ICT (Tom Van Dyck), sociale dienst "
    "(Inge Smets), HR (Nathalie Willems) en de technische dienst (Koen Vermeiren).\n"
    "Betrokken: de communicatiedienst, de vakbondsafvaardiging via het syndicaal overleg, en beide raden."
)

GEEL_RESULTS = [
    (
        STRATEGIC,
        "Inwoners kunnen met al hun vragen over welzijn, wonen, premies en attesten terecht aan één "
        "onthaal, zonder doorverwezen te worden naar een ander gebouw.",
    ),
    (
        STRATEGIC,
        "Het meerjarenplan wordt als één geïntegreerd beleidsplan van gemeente en OCMW opgevolgd en aan "
        "beide raden gerapporteerd.",
    ),
    (
        STRATEGIC,
        "Kwetsbare inwoners vinden even gemakkelijk als vandaag de weg naar de sociale dienst: het aantal "
        "eerste contacten daalt niet.",
    ),
    (
        FINANCIAL,
        "Vanaf 2028 besparen gemeente en OCMW samen minstens € 80.000 per jaar op licenties, contracten en "
        "dubbel werk.",
    ),
    (FINANCIAL, "Investeringen in gebouwen en ICT worden samen gepland en in één meerjarenplan begroot."),
    (
        ORGANISATIONAL,
        "Eén managementteam en één organogram, met de sociale dienst als herkenbare eigen afdeling.",
    ),
    (
        ORGANISATIONAL,
        "Eén rechtspositieregeling voor alle medewerkers van gemeente en OCMW, met behoud van verworven "
        "rechten.",
    ),
    (
        ORGANISATIONAL,
        "Gedeelde diensten voor ICT, personeel en HR en financiën, vastgelegd in een beheersovereenkomst "
        "die beide raden goedkeuren.",
    ),
    (
        PATRIMONY,
        "Het Sociaal Huis is gerenoveerd tot het ene onthaal voor alle inwoners, met voldoende discrete "
        "spreekruimtes.",
    ),
    (
        PATRIMONY,
        "De ondersteunende diensten van het OCMW werken vanuit het gemeentehuis; het onderhoud van beide "
        "gebouwen wordt samen gepland en aanbesteed.",
    ),
]

GEEL_EXTRA_RESULT = (
    ORGANISATIONAL,
    "Elke medewerker kent tegen eind 2027 zijn plaats in het nieuwe organogram en heeft daarover een "
    "gesprek gehad met zijn leidinggevende.",
)

GEEL_BALANCE = {
    "ICT": [
        (
            F.EFFICIENCY,
            5,
            "Twee netwerken, twee helpdesks en dubbele licenties: hier ligt de grootste winst.",
        ),
        (F.PROFESSIONALISATION, 4, "Eén team kan zich specialiseren in informatieveiligheid en back-ups."),
        (F.UNIFORMITY, 3, "Dezelfde software en dezelfde werkplek voor iedereen."),
        (
            F.COORDINATION,
            2,
            "De migratie van de cliëntsoftware van het OCMW vraagt een zorgvuldige planning.",
        ),
    ],
    "Personeel en HR": [
        (F.UNIFORMITY, 5, "Eén rechtspositieregeling maakt een einde aan verschillen tussen collega's."),
        (F.PROFESSIONALISATION, 3, "Ruimte voor een eigen aanpak van opleiding en loopbaanbegeleiding."),
        (F.LOSS_OF_IDENTITY, 3, "Medewerkers van het OCMW vrezen op te gaan in de gemeente."),
        (F.UNCLEAR_STEERING, 2, "Zolang het organogram niet vastligt, is niet duidelijk wie wie aanstuurt."),
        (F.COORDINATION, 2, "Harmoniseren vraagt syndicaal overleg en tijd van de diensthoofden."),
    ],
    "Financiën": [
        (
            F.EFFICIENCY,
            4,
            "Eén boekhoudpakket en één aankoopprocedure; dossiers passeren niet meer twee keer.",
        ),
        (F.PROFESSIONALISATION, 4, "De financieel directeur krijgt één team met een back-up voor elke taak."),
        (F.COORDINATION, 2, "Twee rechtspersonen blijven: twee jaarrekeningen en aparte budgetten."),
    ],
    "Sociale dienst": [
        (F.BETTER_SERVICE, 5, "Wie een premie aanvraagt, krijgt meteen ook zicht op zijn sociale rechten."),
        (F.DISTANCE, 4, "Kwetsbare mensen stappen niet zomaar een groot, onpersoonlijk onthaal binnen."),
        (
            F.LOSS_OF_IDENTITY,
            4,
            "Het beroepsgeheim en de eigen werkwijze moeten zichtbaar beschermd blijven.",
        ),
        (F.UNCLEAR_STEERING, 2, "Het bijzonder comité blijft beslissen: de rol van het MT moet helder zijn."),
    ],
    "Huisvesting": [
        (F.BETTER_SERVICE, 4, "Eén adres voor de inwoner, met toegankelijke en discrete spreekruimtes."),
        (F.EFFICIENCY, 3, "Minder huur en energie zodra de financiële dienst verhuisd is."),
        (F.DISTANCE, 2, "Voor sommige medewerkers wordt de verplaatsing naar hun werkplek langer."),
    ],
}

GEEL_FINANCE = [
    (2026, GAIN, "Gedeelde softwarelicenties (kantoorsoftware en beveiliging), vanaf juli", "24250.00"),
    (
        2026,
        INVESTMENT,
        "Gezamenlijk ICT-netwerk en glasvezel tussen gemeentehuis en Sociaal Huis",
        "85000.00",
    ),
    (2026, INVESTMENT, "Opleidingstraject voor leidinggevenden", "12000.00"),
    (2027, GAIN, "Gedeelde softwarelicenties (kantoorsoftware en beveiliging)", "48500.00"),
    (2027, GAIN, "Eén boekhoudpakket in plaats van twee", "31000.00"),
    (2027, INVESTMENT, "Renovatie van het Sociaal Huis tot één onthaal voor alle inwoners", "1250000.00"),
    (2028, GAIN, "Gedeelde softwarelicenties (kantoorsoftware en beveiliging)", "48500.00"),
    (2028, GAIN, "Eén boekhoudpakket in plaats van twee", "31000.00"),
    (2028, GAIN, "Minder huur en energie na de verhuis van de financiële dienst", "18400.00"),
    (2029, GAIN, "Gedeelde softwarelicenties (kantoorsoftware en beveiliging)", "48500.00"),
    (2029, GAIN, "Eén boekhoudpakket in plaats van twee", "31000.00"),
    (2029, GAIN, "Minder huur en energie na de verhuis van de financiële dienst", "18400.00"),
]

GEEL_PHASES = [
    ("Voorbereiding", "De projectstructuur staat, iedereen weet wat er komt en we kennen ons vertrekpunt."),
    ("Gedeelde ondersteuning", "ICT, personeel en HR en financiën werken als gedeelde diensten."),
    ("Eén organisatie", "Eén organogram, één onthaal en een beheersovereenkomst die beide raden goedkeuren."),
    ("Verankering", "We evalueren, sturen bij en maken de opvolging tot een vaste gewoonte."),
]

# phase, title, kind, owner (a username of A or a name), start, end, milestone, quick win, description
GEEL_ACTIONS = [
    (0, "Stuurgroep samenstellen", STRUCTURE, "directeur.a", _d(2026, 5, 18), _d(2026, 6, 12), False, False,
     "Mandatarissen en directeurs van beide besturen; maandelijkse vergadering met een vaste agenda."),
    (0, "Programmaplanning en projectfiches opstellen", STRUCTURE, "consultant.a", _d(2026, 5, 25),
     _d(2026, 7, 10), False, False, "Eén fiche per project met doel, trekker, planning en afhankelijkheden."),
    (0, "Communicatieplan voor de medewerkers", COMMUNICATION, "Jolien Aerts", _d(2026, 5, 25),
     _d(2026, 7, 3), False, False, "Wie vertelt wat aan wie, wanneer en via welk kanaal."),
    (0, "Resultaten van de personeelsbevraging bespreken per dienst", CHANGE, "Nathalie Willems",
     _d(2026, 6, 1), _d(2026, 6, 30), False, True,
     "Elk diensthoofd bespreekt de resultaten met zijn team en noteert de vragen die terugkomen."),
    (0, "Nulmeting van de dienstverlening aan het loket", FOLLOW_UP, "consultant.a", _d(2026, 6, 15),
     _d(2026, 9, 30), False, False, "Wachttijden, doorverwijzingen en tevredenheid, als vertrekpunt."),
    (1, "Gezamenlijk ICT-netwerk", ACTION, "Tom Van Dyck", _d(2026, 7, 1), _d(2026, 12, 18), False, False,
     "Eén netwerk, één domein en één helpdesk voor alle medewerkers."),
    (1, "Eén softwarepakket voor boekhouding en aankoop", ACTION, "Hilde Van den Broeck", _d(2026, 9, 1),
     _d(2027, 3, 31), False, False, "Via de raamovereenkomst; de migratie gebeurt bij de jaarovergang."),
    (1, "Harmonisatie rechtspositieregeling", ACTION, "Nathalie Willems", _d(2026, 9, 1), _d(2027, 6, 30),
     True, False, "Eén regeling voor alle medewerkers, na syndicaal overleg goedgekeurd door beide raden."),
    (1, "Gedeelde licenties en raamcontracten", ACTION, "Tom Van Dyck", _d(2026, 6, 15), _d(2026, 8, 31),
     False, True, "Kantoorsoftware, beveiliging en telefonie samen aankopen."),
    (1, "Opleiding leidinggevenden: samen veranderen", CHANGE, "directeur.a", _d(2026, 10, 5),
     _d(2027, 2, 26), False, False, "Vier sessies voor alle diensthoofden van gemeente en OCMW samen."),
    (1, "Eén managementteam voor gemeente en OCMW", STRUCTURE, "directeur.a", _d(2026, 9, 1),
     _d(2026, 9, 1), True, False, "Het eerste gezamenlijke managementteam vergadert."),
    (1, "Eén telefoonnummer en één e-mailadres voor de inwoner", COMMUNICATION, "Jolien Aerts",
     _d(2026, 10, 1), _d(2026, 11, 13), False, True, "Een zichtbare eerste stap: één nummer op de website."),
    (2, "Eén onthaal in het Sociaal Huis", ACTION, "Inge Smets", _d(2027, 1, 11), _d(2027, 6, 30), True,
     False, "Een onthaal voor alle vragen, met discrete spreekruimtes voor de sociale dienst."),
    (2, "Nieuw organogram", ACTION, "directeur.a", _d(2027, 1, 4), _d(2027, 4, 30), True, False,
     "Eén organogram met de sociale dienst als eigen afdeling."),
    (2, "Beheersovereenkomst voorleggen aan beide raden", ACTION, "consultant.a", _d(2027, 3, 1),
     _d(2027, 5, 27), False, False,
     "Het ontwerp gaat naar de gemeenteraad en de raad voor maatschappelijk welzijn."),
    (2, "Infosessies per dienst over het nieuwe organogram", COMMUNICATION, "Jolien Aerts", _d(2027, 5, 3),
     _d(2027, 6, 25), False, False, "Elke dienst krijgt een sessie met de algemeen directeur."),
    (3, "Evaluatie van de gedeelde diensten", FOLLOW_UP, "consultant.a", _d(2027, 10, 4), _d(2027, 11, 26),
     False, False, "Bevraging van medewerkers en inwoners; vergelijking met de nulmeting."),
    (3, "Jaarlijkse opvolging in de raden", FOLLOW_UP, "directeur.a", _d(2027, 12, 1), _d(2027, 12, 16), True,
     False, "Een voortgangsrapport voor beide raden, elk jaar in december."),
]  # fmt: skip

# title → the owners' updates, oldest first: status, when, by, note
GEEL_UPDATES = {
    "Stuurgroep samenstellen": [
        (DONE, _at(2026, 6, 10, 16, 5), "directeur.a", "De stuurgroep kwam op 9 juni voor het eerst samen."),
    ],
    "Programmaplanning en projectfiches opstellen": [
        (BUSY, _at(2026, 6, 3, 11), "consultant.a", "Twaalf fiches in ontwerp, de afhankelijkheden volgen."),
        (DONE, _at(2026, 7, 8, 15, 30), "consultant.a", "Planning en fiches goedgekeurd door de stuurgroep."),
    ],
    "Communicatieplan voor de medewerkers": [
        (
            DONE,
            _at(2026, 7, 1, 10, 15),
            "consultant.a",
            "Plan klaar; eerste nieuwsbrief verstuurd op 30 juni.",
        ),
    ],
    "Resultaten van de personeelsbevraging bespreken per dienst": [
        (
            DONE,
            _at(2026, 6, 29, 14),
            "directeur.a",
            "Alle diensten gehad; de vragen staan in de FAQ op intranet.",
        ),
    ],
    "Nulmeting van de dienstverlening aan het loket": [
        (
            BUSY,
            _at(2026, 8, 20, 9, 40),
            "consultant.a",
            "Wachttijden gemeten; de tevredenheidsbevraging loopt nog.",
        ),
    ],
    "Gezamenlijk ICT-netwerk": [
        (
            BUSY,
            _at(2026, 9, 14, 8, 50),
            "consultant.a",
            "Glasvezel ligt; de migratie van het OCMW start in oktober.",
        ),
        (
            BUSY,
            _at(2026, 11, 9, 13, 20),
            "consultant.a",
            "Sociaal Huis overgezet; nog de thuiszorg en de archieven.",
        ),
    ],
    "Eén softwarepakket voor boekhouding en aankoop": [
        (
            BLOCKED,
            _at(2026, 10, 22, 10),
            "directeur.a",
            "Wacht op de gunning van de raamovereenkomst; verwacht in het voorjaar.",
        ),
    ],
    "Harmonisatie rechtspositieregeling": [
        (
            BUSY,
            _at(2026, 10, 6, 16),
            "directeur.a",
            "Vergelijking van beide regelingen klaar; syndicaal overleg gepland.",
        ),
    ],
    "Gedeelde licenties en raamcontracten": [
        (DONE, _at(2026, 8, 28, 11, 45), "consultant.a", "Nieuwe contracten lopen vanaf 1 september."),
    ],
    "Opleiding leidinggevenden: samen veranderen": [
        (BUSY, _at(2026, 11, 4, 17, 10), "directeur.a", "Twee van de vier sessies gegeven, goede opkomst."),
    ],
    "Eén managementteam voor gemeente en OCMW": [
        (DONE, _at(2026, 9, 1, 12), "directeur.a", "Eerste gezamenlijke vergadering gehouden."),
    ],
    "Eén telefoonnummer en één e-mailadres voor de inwoner": [
        (
            DONE,
            _at(2026, 11, 12, 9, 25),
            "consultant.a",
            "Het nieuwe nummer staat op de website en in het infoblad.",
        ),
    ],
}

# Version 2, started after the approval: what changed since version 1.
GEEL_RENAMED = {"Gezamenlijk ICT-netwerk": "Gezamenlijk ICT-netwerk en één servicedesk"}
GEEL_POSTPONED = {"Eén softwarepakket voor boekhouding en aankoop": _d(2027, 6, 30)}
GEEL_REMOVED = "Infosessies per dienst over het nieuwe organogram"
GEEL_ADDED = (
    2,
    "Werkplekbezoeken in het gemeentehuis en het Sociaal Huis",
    COMMUNICATION,
    "Jolien Aerts",
    _d(2027, 4, 12),
    _d(2027, 6, 18),
    False,
    False,
    "Medewerkers bezoeken hun toekomstige werkplek en spreken hun nieuwe collega's; vervangt de infosessies.",
)

GEEL_APPROVAL = (
    "Goedgekeurd. Een helder plan met een realistisch tempo. Graag bij elke stuurgroep een stand van zaken "
    "van de harmonisatie van de rechtspositieregeling."
)

# --- Ieper --------------------------------------------------------------------------------------------

IEPER_AMBITION = (
    "Stad en OCMW Ieper werken tegen eind 2027 als één organisatie aan de ondersteunende diensten. ICT en "
    "personeel en HR worden gedeelde diensten met één diensthoofd. Het administratief centrum van het "
    "OCMW blijft de plek waar inwoners met een hulpvraag terechtkunnen. We beginnen bij wat medewerkers "
    "meteen merken: één helpdesk en één loonadministratie."
)

IEPER_INVOLVED = (
    "Burgemeester Stefaan Vanneste, OCMW-voorzitter Marleen Deprez, algemeen directeur Bart Desmet, de "
    "diensthoofden ICT (Wim Vandamme) en sociale dienst (Ann Lefevere), begeleid door Pieter Vermeulen."
)

IEPER_RESULTS = [
    (
        STRATEGIC,
        "Inwoners merken geen verschil meer tussen een dienst van de stad en een dienst van het OCMW.",
    ),
    (FINANCIAL, "De gedeelde ICT-dienst bespaart vanaf 2027 minstens € 35.000 per jaar."),
    (ORGANISATIONAL, "Eén ICT-dienst en één dienst personeel en HR, elk met één diensthoofd."),
    (ORGANISATIONAL, "Een beheersovereenkomst die beide raden goedkeuren, met een heldere kostenverdeling."),
]

IEPER_BALANCE = {
    "ICT": [
        (F.EFFICIENCY, 4, "Eén helpdesk en één serverpark in plaats van twee."),
        (F.PROFESSIONALISATION, 3, "Een team van vijf kan permanentie en back-up organiseren."),
        (F.COORDINATION, 2, "Twee gebouwen op één netwerk zetten vraagt een investering."),
    ],
    "Personeel en HR": [
        (F.UNIFORMITY, 4, "Eén loonadministratie en dezelfde regels voor verlof en opleiding."),
        (F.LOSS_OF_IDENTITY, 3, "De personeelsdienst van het OCMW kent zijn mensen persoonlijk."),
        (F.UNCLEAR_STEERING, 2, "Tijdens de overgang is niet meteen duidelijk bij wie men terechtkan."),
    ],
}

IEPER_FINANCE = [
    (2027, GAIN, "Eén helpdesk en gedeelde licenties", "35000.00"),
    (2027, INVESTMENT, "Netwerkverbinding tussen stadhuis en administratief centrum", "60000.00"),
    (2028, GAIN, "Eén helpdesk en gedeelde licenties", "35000.00"),
]

IEPER_PHASES = [
    ("Voorbereiding", "Projectstructuur, communicatie en de keuze van de diensthoofden."),
    ("Gedeelde diensten", "ICT en personeel en HR gaan over naar één dienst."),
]

IEPER_ACTIONS = [
    (0, "Stuurgroep samenstellen", STRUCTURE, "directeur.b", _d(2027, 1, 11), _d(2027, 2, 5), False,
     False, ""),
    (0, "Communicatieplan voor de medewerkers", COMMUNICATION, "consultant.b", _d(2027, 1, 18),
     _d(2027, 2, 26), False, False, "Een nieuwsbrief per maand en een vragenuur met de algemeen directeur."),
    (0, "Diensthoofden van de gedeelde diensten aanstellen", CHANGE, "directeur.b", _d(2027, 2, 1),
     _d(2027, 4, 30), True, False, ""),
    (0, "Eén helpdeskadres voor alle medewerkers", ACTION, "Wim Vandamme", _d(2027, 2, 1), _d(2027, 3, 12),
     False, True, "Een zichtbare eerste stap, nog voor de diensten samengaan."),
    (1, "Gezamenlijk netwerk voor stadhuis en administratief centrum", ACTION, "Wim Vandamme",
     _d(2027, 4, 1), _d(2027, 9, 30), False, False, ""),
    (1, "Eén loonadministratie", ACTION, "consultant.b", _d(2027, 5, 3), _d(2027, 12, 17), False, False,
     "De lonen van stad en OCMW lopen vanaf januari 2028 via één pakket."),
    (1, "Beheersovereenkomst voorleggen aan beide raden", ACTION, "directeur.b", _d(2027, 6, 1),
     _d(2027, 9, 23), True, False, ""),
    (1, "Evaluatie na zes maanden", FOLLOW_UP, "consultant.b", _d(2027, 11, 2), _d(2027, 12, 10), False,
     False, "Bevraging van de medewerkers over de gedeelde diensten."),
]  # fmt: skip


# --- Building -----------------------------------------------------------------------------------------


def seed_plans(*, lgs: dict[str, LocalGovernment], users: dict, scale: int = 1) -> None:
    """Demo extender: an approved plan with a newer draft for Geel, a submitted plan for Ieper."""
    geel = _programme(lgs["a"], PROGRAMMES["a"]["title"])
    if geel is not None and not Plan.objects.filter(programme=geel).exists():
        _build_geel(geel, users, scale, random.Random(13008))  # noqa: S311
    ieper = _programme(lgs["b"], PROGRAMMES["b"]["title"])
    if ieper is not None and not Plan.objects.filter(programme=ieper).exists():
        _build_ieper(ieper, users)


def _programme(lg: LocalGovernment, title: str) -> Programme | None:
    return Programme.objects.filter(local_government=lg, title=title).first()


def _build_geel(programme: Programme, users: dict, scale: int, rng: random.Random) -> None:
    consultant, director = users["consultant.a"], users["directeur.a"]
    version = plan_start(user=consultant, programme=programme)
    _content(
        version,
        users,
        ambition=GEEL_AMBITION,
        involved=GEEL_INVOLVED,
        horizon=_d(2027, 12, 31),
        patrimony=True,
        results=GEEL_RESULTS,
        balance=GEEL_BALANCE,
        finance=GEEL_FINANCE,
        phases=GEEL_PHASES,
        actions=GEEL_ACTIONS,
    )
    copies = _copies(version, users, scale, rng)
    plan_submit(user=consultant, version=version)
    plan_approve(user=director, version=version, comment=GEEL_APPROVAL)
    _dates(version, created=_at(2026, 4, 7, 9, 12), submitted=_at(2026, 4, 28, 16, 40))
    PlanVersion.objects.filter(pk=version.pk).update(approved_at=_at(2026, 5, 12, 10, 5))
    PlanEvent.objects.filter(version=version, kind=PlanEvent.Kind.APPROVED).update(at=_at(2026, 5, 12, 10, 5))
    _updates(version, users, copies, rng)

    draft = plan_new_version(user=consultant, plan=version.plan)
    PlanVersion.objects.filter(pk=draft.pk).update(created_at=_at(2026, 11, 16, 14, 20))
    PlanEvent.objects.filter(version=draft).update(at=_at(2026, 11, 16, 14, 20))
    angle, text = GEEL_EXTRA_RESULT
    IntendedResult.objects.create(version=draft, angle=angle, text=text, position=len(GEEL_RESULTS) + 1)
    for old, new in GEEL_RENAMED.items():
        draft.actions.filter(title=old).update(title=new)
    for title, end in GEEL_POSTPONED.items():
        draft.actions.filter(title=title).update(end=end)
    draft.actions.filter(title=GEEL_REMOVED).delete()
    phases = list(draft.phases.order_by("position"))
    _action(draft, phases, users, GEEL_ADDED, position=len(GEEL_ACTIONS) + 1).save()


def _build_ieper(programme: Programme, users: dict) -> None:
    version = plan_start(user=users["consultant.b"], programme=programme)
    _content(
        version,
        users,
        ambition=IEPER_AMBITION,
        involved=IEPER_INVOLVED,
        horizon=_d(2027, 12, 31),
        patrimony=False,
        results=IEPER_RESULTS,
        balance=IEPER_BALANCE,
        finance=IEPER_FINANCE,
        phases=IEPER_PHASES,
        actions=IEPER_ACTIONS,
    )
    plan_submit(user=users["consultant.b"], version=version)
    _dates(version, created=_at(2026, 10, 5, 10, 30), submitted=_at(2026, 11, 18, 15, 55))


def _content(
    version, users, *, ambition, involved, horizon, patrimony, results, balance, finance, phases, actions
):
    version.ambition, version.involved, version.horizon, version.patrimony = (
        ambition,
        involved,
        horizon,
        patrimony,
    )
    version.save(update_fields=["ambition", "involved", "horizon", "patrimony"])
    IntendedResult.objects.bulk_create(
        IntendedResult(version=version, angle=angle, text=text, position=n)
        for n, (angle, text) in enumerate(results, start=1)
    )
    BalanceItem.objects.bulk_create(
        BalanceItem(version=version, domain=domain, factor=factor, weight=weight, note=note)
        for domain, items in balance.items()
        for factor, weight, note in items
    )
    FinancialLine.objects.bulk_create(
        FinancialLine(version=version, year=year, kind=kind, description=description, amount=Decimal(amount))
        for year, kind, description, amount in finance
    )
    made = Phase.objects.bulk_create(
        Phase(version=version, name=name, description=description, position=n)
        for n, (name, description) in enumerate(phases, start=1)
    )
    Action.objects.bulk_create(
        _action(version, made, users, spec, position=n) for n, spec in enumerate(actions, start=1)
    )


def _action(version, phases, users, spec, *, position: int) -> Action:
    phase, title, kind, owner, start, end, milestone, quick_win, description = spec
    user = users.get(owner)
    return Action(
        version=version,
        phase=phases[phase],
        title=title,
        description=description,
        kind=kind,
        owner=user,
        owner_name="" if user else owner,
        start=start,
        end=end,
        is_milestone=milestone,
        is_quick_win=quick_win,
        position=position,
    )


def _copies(version, users, scale: int, rng: random.Random) -> list[Action]:
    """At --scale N, N - 1 more rounds of Geel's actions: sub-projects, a little later, without flags."""
    phases = list(version.phases.order_by("position"))
    last = _d(2027, 12, 31)
    copies = []
    for n in range(2, scale + 1):
        for i, spec in enumerate(GEEL_ACTIONS, start=1):
            phase, title, kind, owner, start, end, _m, _q, description = spec
            shift = datetime.timedelta(days=rng.randrange(0, 75))
            start = min(start + shift, last)
            action = _action(
                version,
                phases,
                users,
                (phase, f"{title} (deelproject {n})", kind, owner, start, min(end + shift, last))
                + (False, False, description),
                position=n * 100 + i,
            )
            copies.append(action)
    return Action.objects.bulk_create(copies, batch_size=1000)


def _updates(version, users, copies: list[Action], rng: random.Random) -> None:
    """The owners' status updates on the approved version; the copies get about half as many, by date."""
    keys = dict(version.actions.values_list("title", "key"))
    rows = []
    for title, updates in GEEL_UPDATES.items():
        for status, at, username, note in updates:
            rows.append((ActionUpdate(plan=version.plan, action_key=keys[title], status=status, note=note,
                                      user=users[username]), at))  # fmt: skip
    notes = {
        DONE: "Afgerond zoals gepland.",
        BUSY: "Loopt volgens planning.",
        BLOCKED: "Wacht op een beslissing van de stuurgroep.",
    }
    for action in copies:
        if action.start > TODAY or (action.end >= TODAY and rng.random() < 0.45):
            continue  # not started, or no news yet; a finished period always has an update
        if action.end < TODAY:
            status = DONE if rng.random() < 0.85 else BUSY
        else:
            status = BLOCKED if rng.random() < 0.08 else BUSY
        day = min(action.end, TODAY - datetime.timedelta(days=1)) - datetime.timedelta(
            days=rng.randrange(0, 10)
        )
        at = datetime.datetime.combine(max(day, action.start), datetime.time(8), tzinfo=BRUSSELS)
        at += datetime.timedelta(minutes=rng.randrange(9 * 60))
        user = users[rng.choice(["consultant.a", "directeur.a"])]
        rows.append((ActionUpdate(plan=version.plan, action_key=action.key, status=status, note=notes[status],
                                  user=user), at))  # fmt: skip
    made = ActionUpdate.objects.bulk_create([update for update, _when in rows], batch_size=1000)
    for update, (_update, when) in zip(made, rows, strict=True):
        update.at = when
    ActionUpdate.objects.bulk_update(made, ["at"], batch_size=1000)


def _dates(version: PlanVersion, *, created: datetime.datetime, submitted: datetime.datetime) -> None:
    """Put the workflow's moments on the demo's calendar instead of the moment of seeding."""
    Plan.objects.filter(pk=version.plan_id).update(created_at=created)
    PlanVersion.objects.filter(pk=version.pk).update(created_at=created, submitted_at=submitted)
    PlanEvent.objects.filter(version=version, kind=PlanEvent.Kind.CREATED).update(at=created)
    PlanEvent.objects.filter(version=version, kind=PlanEvent.Kind.SUBMITTED).update(at=submitted)
