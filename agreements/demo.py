"""Demo data of step 4: a clause library in our own words, Geel's adopted agreement with a newer draft, and
Ieper's agreement approved for its council and waiting for the two decisions.

`seed_agreements` is a demo extender (programmes.demo.register_demo): it runs after the programmes, scans
and plans exist, inside seed()'s transaction, and is idempotent (an existing library or agreement is left
alone). Everything goes through the real services (library, drafting, workflow), so the history is the one
a user would have made; afterwards the timestamps are moved to plausible dates in 2026. `scale` multiplies
the library's optional clauses and the articles of Geel's draft.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from programmes.demo import PROGRAMMES
from programmes.models import LocalGovernment, Programme

from . import services
from .models import Agreement, AgreementEvent, AgreementVersion, Article, Clause, ClauseCategory

BRUSSELS = ZoneInfo("Europe/Brussels")
C = ClauseCategory


def _at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


# --- The library ----------------------------------------------------------------------------------
# (category, title, mandatory, guidance, text, [(title, text, change note) of later versions])

LIBRARY = [
    (
        C.PURPOSE,
        "Doel van de overeenkomst",
        True,
        "Altijd opnemen. Noem de diensten die de scan als gedeelde diensten aanwees.",
        "Deze overeenkomst legt vast hoe {{ gemeente }} en {{ ocmw }} elkaars diensten gebruiken, hoe zij "
        "personeel ter beschikking stellen en hoe zij de kosten daarvan onder elkaar verdelen.\n\n"
        "De samenwerking betreft deze diensten: {{ diensten }}.",
        [
            (
                "Doel van de overeenkomst",
                "Deze overeenkomst legt vast hoe {{ gemeente }} en {{ ocmw }} elkaars diensten gebruiken, "
                "hoe "
                "zij personeel ter beschikking stellen en hoe zij de kosten daarvan onder elkaar "
                "verdelen.\n\n"
                "De samenwerking betreft deze diensten: {{ diensten }}.\n\n"
                "Beide partijen blijven een eigen rechtspersoon. Elk van hen houdt de "
                "eindverantwoordelijkheid "
                "voor de beslissingen die het decreet aan haar toewijst.",
                "Zin over de eigen rechtspersoonlijkheid toegevoegd.",
            )
        ],
    ),
    (
        C.PURPOSE,
        "Gedeelde visie",
        False,
        "Handig als het streefbeeld van stap 2 een duidelijke ambitie bevat.",
        "Gemeente en OCMW willen samen één organisatie zijn die de inwoner centraal zet: één aanspreekpunt, "
        "heldere afspraken en een ondersteuning die beide besturen even goed bedient. De eigen opdracht van "
        "het OCMW, en in het bijzonder de sociale dienstverlening en het beroepsgeheim, blijft daarbij "
        "volledig beschermd.",
        [],
    ),
    (
        C.LEGAL_FRAME,
        "Wettelijke grondslag",
        True,
        "Altijd opnemen; pas niets aan zonder de juridische dienst.",
        "Deze overeenkomst steunt op artikel 196, §2 van het decreet over het lokaal bestuur, dat gemeente "
        "en OCMW toelaat om op basis van een beheersovereenkomst gebruik te maken van elkaars diensten.\n\n"
        "De goedkeuring van deze overeenkomst is volgens artikel 41 van hetzelfde decreet voorbehouden aan "
        "de raad en kan niet aan het college worden toevertrouwd. De gemeenteraad en de raad voor "
        "maatschappelijk welzijn nemen daarom elk een eigen beslissing.",
        [],
    ),
    (
        C.LEGAL_FRAME,
        "Rangorde van de documenten",
        False,
        "Gebruik dit als de bijlagen uitgebreid zijn.",
        "Spreken de tekst van deze overeenkomst en een bijlage elkaar tegen, dan geldt de tekst van de "
        "overeenkomst, tenzij beide raden de bijlage later uitdrukkelijk hebben goedgekeurd.",
        [],
    ),
    (
        C.GENERAL,
        "Algemene afspraken over de dienstverlening",
        True,
        "Altijd opnemen.",
        "De partij die een dienst levert, doet dat met dezelfde zorg en dezelfde kwaliteit voor beide "
        "partijen. Een vraag van de andere partij krijgt geen lagere voorrang dan een eigen vraag.\n\n"
        "De algemeen directeur, {{ algemeen_directeur }}, volgt de uitvoering van deze overeenkomst op en "
        "brengt er elk jaar verslag over uit bij beide raden.",
        [],
    ),
    (
        C.GENERAL,
        "Geïntegreerd sociaal beleid",
        False,
        "Aan te raden als het Sociaal Huis of het sociaal loket gedeeld wordt.",
        "Het OCMW blijft bevoegd voor de individuele sociale dienstverlening. De gemeente ondersteunt die "
        "opdracht met haar diensten, maar beslist niet over individuele dossiers: die beslissingen blijven "
        "bij het bijzonder comité voor de sociale dienst.",
        [],
    ),
    (
        C.GENERAL,
        "Overleg over de uitvoering",
        False,
        "",
        "Het managementteam is het overlegorgaan voor de uitvoering van deze overeenkomst. Knelpunten in de "
        "dagelijkse samenwerking komen daar eerst aan bod, voor ze aan het college of het vast bureau "
        "worden voorgelegd.",
        [],
    ),
    (
        C.SERVICE_WORKING_METHOD,
        "Werkwijze van de dienst",
        False,
        "Eén artikel per gedeelde dienst; kies de dienst bij het toevoegen.",
        "De dienst {{ dienst }} werkt voor {{ gemeente }} en {{ ocmw }} als één dienst, met één planning en "
        "één aanspreekpunt. Vragen van beide partijen komen via hetzelfde kanaal binnen en worden behandeld "
        "in volgorde van dringendheid, ongeacht van welke partij ze komen.",
        [],
    ),
    (
        C.SERVICE_WORKING_METHOD,
        "Afspraken over producten en termijnen",
        False,
        "Voor diensten met veel verschillende producten (ICT, technische dienst).",
        "Voor de dienst {{ dienst }} leggen beide partijen in een werkdocument vast welke producten de "
        "dienst "
        "levert, binnen welke termijn en met welke kwaliteit. Het managementteam keurt dat werkdocument goed "
        "en bekijkt het elk jaar opnieuw.",
        [],
    ),
    (
        C.SERVICE_EMPLOYER_AUTHORITY,
        "Werkgeversgezag",
        False,
        "Eén artikel per gedeelde dienst met personeel van beide partijen.",
        "Elke medewerker van de dienst {{ dienst }} blijft in dienst van de eigen werkgever. Die werkgever "
        "blijft bevoegd voor de aanwerving, de rechtspositie, de evaluatie, het tuchtrecht en het ontslag, "
        "en betaalt het loon.",
        [],
    ),
    (
        C.SERVICE_FUNCTIONAL_AUTHORITY,
        "Functioneel gezag",
        False,
        "Eén artikel per gedeelde dienst.",
        "Het functioneel gezag over de medewerkers van de dienst {{ dienst }} ligt bij het diensthoofd, "
        "onder "
        "de leiding van de algemeen directeur. Het diensthoofd verdeelt het werk, geeft de dagelijkse "
        "opdrachten en bewaakt de kwaliteit, los van wie de werkgever van de medewerker is.",
        [],
    ),
    (
        C.SERVICE_LOCATION,
        "Locatie van de dienst",
        False,
        "Pas de tekst aan als de dienst van gebouw verandert.",
        "De dienst {{ dienst }} werkt vanuit de gebouwen die het managementteam daarvoor aanwijst. De partij "
        "die eigenaar of huurder van het gebouw is, stelt de werkplekken ter beschikking; de kosten daarvan "
        "worden verdeeld volgens bijlage 1.",
        [],
    ),
    (
        C.SERVICE_FINANCING,
        "Financiering van de dienst",
        False,
        "Eén artikel per gedeelde dienst met eigen investeringen.",
        "De werkingskosten en de personeelskosten van de dienst {{ dienst }} worden gedragen volgens de "
        "verdeelsleutel voor deze dienst in bijlage 1. Investeringen van meer dan 10.000 euro keuren beide "
        "partijen vooraf goed, elk in haar deel van het meerjarenplan.",
        [],
    ),
    (
        C.STAFF,
        "Terbeschikkingstelling van personeel",
        True,
        "Altijd opnemen. De naamlijst staat in bijlage 2.",
        "Elke partij kan personeelsleden ter beschikking stellen van de andere partij voor de diensten in "
        "deze "
        "overeenkomst. De lijst van die personeelsleden staat in bijlage 2.\n\n"
        "De gemeenteraad en de raad voor maatschappelijk welzijn vragen het college en het vast bureau om "
        "die "
        "lijst actueel te houden. Een wijziging van de lijst vraagt geen nieuwe beslissing van de raden.",
        [],
    ),
    (
        C.STAFF,
        "Evaluatie, tucht en ontslag",
        True,
        "Altijd opnemen: dit is het gevoeligste punt voor het personeel en de vakbonden.",
        "Een ter beschikking gesteld personeelslid wordt geëvalueerd door de eigen werkgever, op advies "
        "van de "
        "leidinggevende bij wie het werkt. Tuchtmaatregelen en ontslag blijven de bevoegdheid van de "
        "werkgever. De partij bij wie het personeelslid werkt, meldt feiten die daartoe aanleiding kunnen "
        "geven meteen aan de werkgever.",
        [],
    ),
    (
        C.STAFF,
        "Rechtspositie en overleg met de vakbonden",
        False,
        "",
        "De terbeschikkingstelling verandert niets aan de rechtspositie, het loon of de anciënniteit van het "
        "personeelslid. Wijzigingen van de arbeidsvoorwaarden worden vooraf besproken in het gezamenlijk "
        "onderhandelingscomité.",
        [],
    ),
    (
        C.COST_ALLOCATION,
        "Verdeling van de kosten",
        True,
        "Altijd opnemen. De sleutels komen uit bijlage 1.",
        "De kosten van de gedeelde diensten worden tussen {{ gemeente }} en {{ ocmw }} verdeeld volgens de "
        "verdeelsleutels in bijlage 1: {{ kostenverdeling }}.\n\n"
        "De financieel directeur, {{ financieel_directeur }}, maakt elk jaar een afrekening op, die beide "
        "partijen goedkeuren samen met de jaarrekening.",
        [
            (
                "Verdeling van de kosten",
                "De kosten van de gedeelde diensten worden tussen {{ gemeente }} en {{ ocmw }} verdeeld "
                "volgens "
                "de verdeelsleutels in bijlage 1: {{ kostenverdeling }}.\n\n"
                "De verdeelsleutels worden elk jaar herberekend met de cijfers op 31 december van het vorige "
                "jaar.\n\n"
                "De financieel directeur, {{ financieel_directeur }}, maakt elk jaar een afrekening op, die "
                "beide partijen goedkeuren samen met de jaarrekening.",
                "Jaarlijkse herberekening van de sleutels toegevoegd.",
            )
        ],
    ),
    (
        C.COST_ALLOCATION,
        "Gemeenschappelijke werkingskosten",
        False,
        "Voor kosten die niet bij één dienst horen.",
        "Kosten die beide partijen samen maken voor energie, telefonie, onderhoud van gebouwen, "
        "verzekeringen "
        "en de vergoedingen van mandatarissen worden verdeeld in verhouding tot het aantal voltijdse "
        "equivalenten van elke partij, tenzij bijlage 1 een andere sleutel bepaalt.",
        [],
    ),
    (
        C.COST_ALLOCATION,
        "Facturatie en betaling",
        False,
        "",
        "De partij die kosten voorschiet, factureert het deel van de andere partij per kwartaal. De andere "
        "partij betaalt binnen dertig dagen na ontvangst van de factuur.",
        [],
    ),
    (
        C.INFORMATION_SECURITY,
        "Informatieveiligheid",
        True,
        "Altijd opnemen.",
        "Beide partijen volgen hetzelfde informatieveiligheidsbeleid en werken met één "
        "informatieveiligheidsconsulent. Toegang tot systemen en gegevens van de andere partij wordt enkel "
        "gegeven voor zover de opdracht dat vraagt, en wordt ingetrokken zodra dat niet meer zo is.",
        [],
    ),
    (
        C.INFORMATION_SECURITY,
        "Verwerking van persoonsgegevens",
        False,
        "Nodig zodra een dienst persoonsgegevens van de andere partij verwerkt.",
        "Verwerkt een partij persoonsgegevens in opdracht van de andere, dan gebeurt dat volgens de Algemene "
        "Verordening Gegevensbescherming en volgens een verwerkingsregister dat beide partijen bijhouden. "
        "Sociale dossiers van het OCMW blijven afgeschermd: alleen wie aan het beroepsgeheim gebonden is en "
        "het dossier voor de opdracht nodig heeft, krijgt toegang.",
        [],
    ),
    (
        C.EVALUATION,
        "Evaluatie",
        True,
        "Altijd opnemen.",
        "De algemeen directeur evalueert deze overeenkomst elk jaar met het managementteam en legt het "
        "verslag "
        "voor aan beide raden. De eerste evaluatie gebeurt ten laatste een jaar na {{ startdatum }}.",
        [],
    ),
    (
        C.EVALUATION,
        "Wijziging van de overeenkomst",
        True,
        "Altijd opnemen.",
        "Elke wijziging van deze overeenkomst vraagt een beslissing van de gemeenteraad en van de raad voor "
        "maatschappelijk welzijn. Alleen de lijst van het ter beschikking gestelde personeel in bijlage 2 "
        "kan zonder nieuwe beslissing van de raden worden bijgewerkt.",
        [],
    ),
    (
        C.DURATION,
        "Inwerkingtreding en duur",
        True,
        "Altijd opnemen. De startdatum komt van de versie.",
        "Deze overeenkomst gaat in op {{ startdatum }} en geldt voor onbepaalde duur.",
        [],
    ),
    (
        C.DURATION,
        "Opzegging",
        True,
        "Vul de opzegtermijn in bij de plaatshouders.",
        "Elke partij kan deze overeenkomst opzeggen na een beslissing van haar raad, met een opzegtermijn "
        "van "
        "{{ opzegtermijn }}. De opzegging gaat pas in op 1 januari van het jaar daarna, zodat beide partijen "
        "hun meerjarenplan tijdig kunnen aanpassen.",
        [],
    ),
    (
        C.DURATION,
        "Gevolgen van het einde van de overeenkomst",
        False,
        "",
        "Eindigt de overeenkomst, dan maken beide partijen samen een eindafrekening op. Ter beschikking "
        "gesteld personeel keert terug naar de eigen werkgever, met behoud van functie en anciënniteit.",
        [],
    ),
    (
        C.DISPUTES,
        "Geschillen",
        False,
        "Vul de bevoegde rechtbank in bij de plaatshouders.",
        "Beide partijen proberen een geschil over deze overeenkomst eerst in onderling overleg op te lossen, "
        "met bemiddeling van de algemeen directeur. Lukt dat niet binnen drie maanden, dan is {{ "
        "rechtbank }} "
        "bevoegd.",
        [],
    ),
    (
        C.DISPUTES,
        "Externe bemiddeling",
        False,
        "",
        "Voor een geschil aan de rechtbank wordt voorgelegd, kan elke partij een externe bemiddelaar "
        "voorstellen. De kosten van de bemiddeling worden gelijk verdeeld.",
        [],
    ),
]

GEEL_LOCATION_TEXT = (
    "De dienst {{ dienst }} werkt vanuit het administratief centrum van de gemeente. Het Sociaal Huis blijft "
    "het vaste onthaalpunt voor de sociale dienstverlening van het OCMW; medewerkers van de dienst houden "
    "daar op afspraak zitdagen. De kosten van de werkplekken worden verdeeld volgens bijlage 1."
)

# --- Geel ------------------------------------------------------------------------------------------

GEEL_SERVICE_ARTICLES = {
    # service: per-service categories it gets an article in (version 1)
    "ICT": [
        C.SERVICE_WORKING_METHOD,
        C.SERVICE_EMPLOYER_AUTHORITY,
        C.SERVICE_FUNCTIONAL_AUTHORITY,
        C.SERVICE_LOCATION,
        C.SERVICE_FINANCING,
    ],
    "Personeel en HR": [
        C.SERVICE_WORKING_METHOD,
        C.SERVICE_EMPLOYER_AUTHORITY,
        C.SERVICE_FUNCTIONAL_AUTHORITY,
    ],
    "Financiën": [C.SERVICE_WORKING_METHOD, C.SERVICE_EMPLOYER_AUTHORITY, C.SERVICE_FINANCING],
}
GEEL_OPTIONAL = [
    "Gedeelde visie",
    "Geïntegreerd sociaal beleid",
    "Gemeenschappelijke werkingskosten",
    "Verwerking van persoonsgegevens",
    "Geschillen",
]
GEEL_ANNEX_SERVICES = [
    # service, provider, gemeente share, key, note
    ("ICT", "gemeente", "70", "aantal werkposten", "Eén helpdesk en één netwerk voor beide besturen."),
    ("Communicatie", "gemeente", "80", "aantal publicaties per jaar", ""),
    ("Technische dienst", "gemeente", "75", "oppervlakte van de gebouwen in m²", ""),
    ("Personeel en HR", "gemeente", "60", "aantal VTE op 31 december", ""),
    ("Financiën", "gemeente", "65", "aantal boekingen per jaar", ""),
    ("Interne preventie", "ocmw", "50", "gelijke delen", "Gestructureerde samenwerking, geen integratie."),
    ("Secretariaat", "gemeente", "70", "aantal agendapunten van de raden", ""),
    ("Aankoop", "gemeente", "65", "waarde van de bestellingen", ""),
    ("Juridische dienst", "gemeente", "70", "aantal dossiers", ""),
    ("Archief", "ocmw", "50", "strekkende meter archief", "Gestructureerde samenwerking, geen integratie."),
]
GEEL_STAFF = [
    # name, function, employer, service, fte, since
    ("Tom Van Dyck", "Diensthoofd ICT", "gemeente", "ICT", "1", datetime.date(2026, 7, 1)),
    ("Wout Luyten", "ICT-medewerker", "ocmw", "ICT", "1", datetime.date(2026, 7, 1)),
    ("Nathalie Willems", "HR-verantwoordelijke", "ocmw", "Personeel en HR", "0.8", datetime.date(2026, 7, 1)),
    (
        "Jolien Aerts",
        "Stafmedewerker communicatie",
        "gemeente",
        "Communicatie",
        "1",
        datetime.date(2026, 7, 1),
    ),
    ("Ruben Geerts", "Boekhouder", "ocmw", "Financiën", "0.5", datetime.date(2026, 9, 1)),
]

# --- Ieper -----------------------------------------------------------------------------------------

IEPER_SERVICE_ARTICLES = {
    "ICT": [C.SERVICE_WORKING_METHOD, C.SERVICE_EMPLOYER_AUTHORITY, C.SERVICE_FUNCTIONAL_AUTHORITY],
    "Financiën": [C.SERVICE_WORKING_METHOD, C.SERVICE_FINANCING],
}
IEPER_OPTIONAL = ["Overleg over de uitvoering", "Facturatie en betaling", "Geschillen"]
IEPER_ANNEX_SERVICES = [
    ("ICT", "gemeente", "75", "aantal werkposten", ""),
    ("Financiën", "gemeente", "70", "aantal boekingen per jaar", ""),
    ("Personeel en HR", "gemeente", "65", "aantal VTE op 31 december", "Eerst gestructureerde samenwerking."),
]
IEPER_STAFF = [
    ("Stijn Vanhoutte", "ICT-coördinator", "gemeente", "ICT", "1", datetime.date(2027, 1, 1)),
    ("Lies Decock", "Medewerker boekhouding", "ocmw", "Financiën", "0.8", datetime.date(2027, 1, 1)),
    ("Annelies Pype", "Personeelsconsulent", "ocmw", "Personeel en HR", "0.5", datetime.date(2027, 1, 1)),
    ("Jonas Verhaeghe", "Helpdeskmedewerker", "ocmw", "ICT", "1", datetime.date(2027, 1, 1)),
]


# --- Helpers ---------------------------------------------------------------------------------------


def _library(user, scale: int) -> dict[str, Clause]:
    """The consultancy-wide library (created once); {title: clause}."""
    existing = {c.title: c for c in Clause.objects.library()}
    for category, title, mandatory, guidance, text, _later in LIBRARY:
        if title in existing:
            continue
        clause = services.clause_create(
            user=user, category=category, title=title, text=text, mandatory=mandatory, guidance=guidance
        )
        existing[title] = clause  # later versions come after Geel's first agreement (_library_updates)
    for n in range(2, scale + 1):
        for category, title, mandatory, guidance, text, _later in LIBRARY:
            if mandatory:
                continue
            variant = f"{title} (variant {n})"
            if variant in existing:
                continue
            existing[variant] = services.clause_create(
                user=user, category=category, title=variant, text=text, mandatory=False, guidance=guidance
            )
    return existing


def _library_updates(user, clauses: dict[str, Clause]) -> None:
    """The second versions of some clauses, written after Geel's version 1 was adopted."""
    for _category, title, _mandatory, _guidance, _text, later in LIBRARY:
        clause = clauses[title]
        for new_title, new_text, note in later:
            latest = services.latest_version(clause)
            if latest.text == new_text:
                continue
            services.clause_version_add(
                user=user,
                clause=clause,
                title=new_title,
                text=new_text,
                change_note=note,
                expected_number=latest.number,
            )


def _add_clause(user, version, clause: Clause, service: str = "") -> Article:
    return services.article_add(
        user=user, version=version, clause_version=services.latest_version(clause), service=service
    )


def _fill(user, version, clauses, *, service_articles, optional, annex_services, staff, values, start):
    version = services.version_update(
        user=user,
        version=version,
        expected_edit_version=version.edit_version,
        title=version.title,
        start_date=start,
        preamble=(
            "Tussen {{ gemeente }}, vertegenwoordigd door de gemeenteraad, en {{ ocmw }}, vertegenwoordigd "
            "door de raad voor maatschappelijk welzijn, wordt overeengekomen wat volgt."
        ),
    )
    by_category = {}
    for category, title, _m, _g, _t, _l in LIBRARY:
        if category in services.PER_SERVICE_CATEGORIES:
            by_category.setdefault(category, clauses[title])  # the first clause of each per-service chapter
    for service, categories in service_articles.items():
        for category in categories:
            _add_clause(user, version, by_category[category], service)
    for title in optional:
        _add_clause(user, version, clauses[title])
    for name, provider, share, key, note in annex_services:
        services.annex_service_add(
            user=user,
            version=version,
            service=name,
            provider=provider,
            gemeente_share=Decimal(share),
            allocation_basis=key,
            note=note,
        )
    for name, function, employer, service, fte, since in staff:
        services.annex_staff_add(
            user=user,
            version=version,
            name=name,
            function=function,
            employer=employer,
            service=service,
            fte=Decimal(fte),
            since=since,
        )
    for key, value in values.items():
        services.placeholder_set(user=user, version=version, key=key, value=value)
    return version


def _stamp(version: AgreementVersion, times: dict[str, datetime.datetime]) -> None:
    """Move the workflow's timestamps (and the events') to the demo's dates."""
    fields = {f"{kind}_at": at for kind, at in times.items() if kind in ("submitted", "approved", "adopted")}
    if fields:
        AgreementVersion.objects.filter(pk=version.pk).update(**fields)
        version.refresh_from_db()
    kinds = {
        "created": AgreementEvent.Kind.CREATED,
        "new_version": AgreementEvent.Kind.NEW_VERSION,
        "submitted": AgreementEvent.Kind.SUBMITTED,
        "approved": AgreementEvent.Kind.APPROVED,
        "council": AgreementEvent.Kind.COUNCIL_DECISION,
        "ocmw": AgreementEvent.Kind.OCMW_DECISION,
        "adopted": AgreementEvent.Kind.ADOPTED,
    }
    for kind, at in times.items():
        AgreementEvent.objects.filter(version=version, kind=kinds[kind]).update(at=at)
    if "created" in times or "new_version" in times:
        AgreementVersion.objects.filter(pk=version.pk).update(
            created_at=times.get("created") or times.get("new_version")
        )


def _programme(lg: LocalGovernment, key: str) -> Programme | None:
    return Programme.objects.filter(local_government=lg, title=PROGRAMMES[key]["title"]).first()


# --- Geel and Ieper --------------------------------------------------------------------------------


def _geel(users, lg, clauses, scale: int) -> None:
    programme = _programme(lg, "a")
    if programme is None or Agreement.objects.filter(programme=programme).exists():
        return
    consultant, director = users["consultant.a"], users["directeur.a"]
    v1 = services.agreement_start(user=consultant, programme=programme)
    v1 = _fill(
        consultant,
        v1,
        clauses,
        service_articles=GEEL_SERVICE_ARTICLES,
        optional=GEEL_OPTIONAL,
        annex_services=GEEL_ANNEX_SERVICES,
        staff=GEEL_STAFF,
        values={
            "financieel_directeur": "Hilde Van den Broeck",
            "opzegtermijn": "twaalf maanden",
            "rechtbank": "de Nederlandstalige rechtbank van eerste aanleg Antwerpen, afdeling Turnhout",
        },
        start=datetime.date(2026, 7, 1),
    )
    _stamp(v1, {"created": _at(2026, 3, 16, 9, 30)})
    v1 = services.agreement_submit(user=consultant, version=v1, comment="Klaar voor de raden van juni.")
    v1 = services.agreement_approve(
        user=director, version=v1, comment="Akkoord om te agenderen op de raden van 22 juni."
    )
    _stamp(v1, {"submitted": _at(2026, 5, 4, 16, 10), "approved": _at(2026, 5, 11, 11, 45)})
    for council, number in (("gemeenteraad", "GR/2026/087"), ("ocmwraad", "RMW/2026/031")):
        v1 = services.agreement_record_decision(
            user=consultant, version=v1, council=council, date=datetime.date(2026, 6, 22), number=number
        )
    v1 = services.agreement_adopt(user=consultant, version=v1)
    _stamp(
        v1,
        {
            "council": _at(2026, 6, 23, 9, 15),
            "ocmw": _at(2026, 6, 23, 9, 20),
            "adopted": _at(2026, 6, 23, 9, 25),
        },
    )

    _college_updates(consultant, v1)

    # After the adoption the library moved on, and Geel adapted the location clause to its own buildings.
    _library_updates(consultant, clauses)
    location = services.clause_adapt(
        user=consultant, clause=clauses["Locatie van de dienst"], local_government=lg
    )
    latest = services.latest_version(location)
    if latest.text != GEEL_LOCATION_TEXT:
        services.clause_version_add(
            user=consultant,
            clause=location,
            title="Locatie van de dienst (Geel)",
            text=GEEL_LOCATION_TEXT,
            change_note="Het administratief centrum en het Sociaal Huis van Geel met naam genoemd.",
            expected_number=latest.number,
        )

    # Version 2: communicatie joins the shared services, ICT moves, the cost article follows the library.
    v2 = services.agreement_new_version(user=consultant, agreement=v1.agreement)
    _stamp(v2, {"new_version": _at(2026, 10, 5, 14, 0)})
    articles = list(v2.articles.all())
    cost = next(a for a in articles if a.title == "Verdeling van de kosten")
    new_cost = services.latest_version(clauses["Verdeling van de kosten"])
    services.article_update(
        user=consultant,
        article=cost,
        expected_edit_version=cost.edit_version,
        title=new_cost.title,
        text=new_cost.text,
    )
    ict_location = next(a for a in articles if a.category == C.SERVICE_LOCATION and a.service == "ICT")
    services.article_remove(user=consultant, article=ict_location)
    _add_clause(consultant, v2, location, "ICT")
    _add_clause(consultant, v2, clauses["Werkwijze van de dienst"], "Communicatie")
    _add_clause(consultant, v2, location, "Communicatie")
    vision = next(a for a in articles if a.title == "Gedeelde visie")
    services.article_remove(user=consultant, article=vision)
    services.article_add(
        user=consultant,
        version=v2,
        category=C.GENERAL,
        title="Eén onthaal in het Sociaal Huis",
        text=(
            "Vanaf {{ startdatum }} is het Sociaal Huis het gezamenlijke onthaal van {{ gemeente }} en "
            "{{ ocmw }} voor alle vragen over welzijn, wonen en premies. De medewerkers van het onthaal "
            "verwijzen door naar de juiste dienst, ongeacht welke partij die dienst levert."
        ),
    )
    for n in range(2, scale + 1):
        for k in range(1, 11):
            services.article_add(
                user=consultant,
                version=v2,
                category=C.GENERAL,
                title=f"Bijkomende afspraak {n}.{k}",
                text=(
                    "Gemeente en OCMW spreken af om deze werkafspraak elk kwartaal samen op te volgen in het "
                    "managementteam en knelpunten te melden aan {{ algemeen_directeur }}."
                ),
            )
    ict = v2.annex_services.get(service="ICT")
    services.annex_service_update(
        user=consultant,
        annex_service=ict,
        expected_edit_version=ict.edit_version,
        service=ict.service,
        provider=ict.provider,
        gemeente_share=Decimal("65"),
        allocation_basis="aantal werkposten en gebruikers van het OCMW-pakket",
        note=ict.note,
    )
    services.annex_staff_add(
        user=consultant,
        version=v2,
        name="Sara Mertens",
        function="Communicatiemedewerker",
        employer="ocmw",
        service="Communicatie",
        fte=Decimal("0.6"),
        since=datetime.date(2027, 1, 1),
    )
    v2 = services.version_update(
        user=consultant,
        version=v2,
        expected_edit_version=v2.edit_version,
        title=v2.title,
        start_date=datetime.date(2027, 1, 1),
        preamble=v2.preamble,
    )


def _college_updates(consultant, v1: AgreementVersion) -> None:
    """The college keeps the staff list of the adopted version up to date (no new version, no council)."""
    services.annex_staff_college_add(
        user=consultant,
        version=v1,
        decision_date=datetime.date(2026, 9, 7),
        decision_reference="CBS/2026/0412",
        name="Ilse Peeters",
        function="Aankoper",
        employer="gemeente",
        service="Aankoop",
        fte=Decimal("0.5"),
        since=datetime.date(2026, 10, 1),
    )
    ruben = v1.annex_staff.get(name="Ruben Geerts")
    services.annex_staff_college_update(
        user=consultant,
        annex_staff=ruben,
        expected_edit_version=ruben.edit_version,
        decision_date=datetime.date(2026, 9, 21),
        name=ruben.name,
        function=ruben.function,
        employer=ruben.employer,
        service=ruben.service,
        fte=Decimal("0.8"),
        since=ruben.since,
    )
    updates = v1.events.filter(kind=AgreementEvent.Kind.STAFF_LIST).order_by("at", "pk")
    for event, at in zip(updates, (_at(2026, 9, 8, 11, 5), _at(2026, 9, 22, 9, 40)), strict=True):
        AgreementEvent.objects.filter(pk=event.pk).update(at=at)


def _ieper(users, lg, clauses) -> None:
    programme = _programme(lg, "b")
    if programme is None or Agreement.objects.filter(programme=programme).exists():
        return
    consultant, director = users["consultant.b"], users["directeur.b"]
    v1 = services.agreement_start(user=consultant, programme=programme)
    v1 = _fill(
        consultant,
        v1,
        clauses,
        service_articles=IEPER_SERVICE_ARTICLES,
        optional=IEPER_OPTIONAL,
        annex_services=IEPER_ANNEX_SERVICES,
        staff=IEPER_STAFF,
        values={
            "financieel_directeur": "Griet Vandenbussche",
            "opzegtermijn": "zes maanden",
            "rechtbank": "de rechtbank van eerste aanleg West-Vlaanderen, afdeling Ieper",
        },
        start=datetime.date(2027, 1, 1),
    )
    _stamp(v1, {"created": _at(2026, 10, 19, 10, 0)})
    v1 = services.agreement_submit(user=consultant, version=v1, comment="Voor de raden van december.")
    v1 = services.agreement_approve(
        user=director, version=v1, comment="Goed voor de agenda van de raden van 14 december."
    )
    _stamp(v1, {"submitted": _at(2026, 11, 12, 15, 30), "approved": _at(2026, 11, 18, 9, 0)})


def seed_agreements(*, lgs: dict[str, LocalGovernment], users: dict, scale: int = 1) -> None:
    """The library, Geel's adopted agreement with a new draft, Ieper's agreement waiting for its councils."""
    clauses = _library(users["consultant.a"], scale)
    _geel(users, lgs["a"], clauses, scale)
    _ieper(users, lgs["b"], clauses)
    # a rerun after Geel existed still brings the library up to date
    _library_updates(users["consultant.a"], clauses)
