"""Demo data of the organisation scan: a complete, final scan for Geel and a scan in progress for Ieper.

`seed_scans` is a demo extender (programmes.demo.register_demo): it runs after the programmes exist, inside
seed()'s transaction, and is idempotent: a scan that already has key witnesses is left alone. `scale`
multiplies the interviews and the staff survey of Geel's first programme (the volume for measurements);
the other programmes ("– deeltraject n") get the scale-1 version. All variation comes from fixed seeds, so
two runs on empty databases give the same demo.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from decimal import Decimal
from zoneinfo import ZoneInfo

from programmes.demo import PROGRAMMES
from programmes.models import LocalGovernment, Programme, Scenario

from .models import (
    Finding,
    GuideQuestion,
    Hypothesis,
    Interview,
    InterviewAnswer,
    Organisation,
    OrganisationForm,
    Precondition,
    Scan,
    ServiceProduct,
    SupportService,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    Theme,
    Witness,
    WitnessGroup,
    WorkingMethods,
)
from .services.core import scan_start

BRUSSELS = ZoneInfo("Europe/Brussels")
GEMEENTE, OCMW, BOTH = Organisation.GEMEENTE, Organisation.OCMW, Organisation.BOTH
MANDATARY = WitnessGroup.MANDATARY
DIRECTOR = WitnessGroup.GENERAL_DIRECTOR
MT = WitnessGroup.MANAGEMENT_TEAM
HEAD = WitnessGroup.HEAD_OF_SERVICE
STAFF = WitnessGroup.STAFF
MET, NOT_MET, TO_CHECK = Precondition.MET, Precondition.NOT_MET, Precondition.TO_CHECK
F = OrganisationForm


def _day(month: int, day: int) -> datetime.date:
    return datetime.date(2026, month, day)


def _at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=BRUSSELS)


# --- Geel: twelve key witnesses, each with notes (and a score where the guide asks one) per question --
# The answers follow the twelve questions of the default guide (scans/defaults.py), in order.

GEEL_WITNESSES = [
    {
        "name": "Marc Verhoeven",
        "function": "Burgemeester",
        "organisation": GEMEENTE,
        "group": MANDATARY,
        "consents": True,
        "held_on": _day(2, 11),
        "summary": (
            "Uitgesproken voorstander van één organisatie. Wil tegen het einde van de legislatuur "
            "zichtbare resultaten voor de inwoner, te beginnen met één loket."
        ),
        "answers": [
            (
                "Grote projecten lopen bij ons binnen budget en op tijd, zoals de heraanleg van het "
                "centrum. Ik ben ook trots op hoe snel onze diensten reageren op meldingen van inwoners.",
                None,
            ),
            (
                "Goed, maar versnipperd. Wie een vraag heeft over een premie én over ondersteuning, moet "
                "vandaag naar twee gebouwen.",
                4,
            ),
            (
                "Het OCMW kent zijn cliënten persoonlijk en volgt hen lang op. Die klantgerichtheid wil ik "
                "in heel het bestuur terugzien.",
                None,
            ),
            (
                "Het college staat er unaniem achter, en ook de oppositie vraagt al jaren om één loket. "
                "Politiek is dit geen discussiepunt meer.",
                5,
            ),
            (
                "Het managementteam is mee. Bij de medewerkers hoor ik vooral vragen over hun plek en hun "
                "werkplek; daar moeten we eerlijk over communiceren.",
                4,
            ),
            (
                "De algemeen directeur en ik trekken de kar. De rem zit eerder in de gewoonten van beide "
                "huizen dan bij personen.",
                None,
            ),
            ("Eén organisatie, zonder twijfel. Gedeelde diensten zijn een tussenstap, geen eindpunt.", None),
            (
                "In het college delen we hetzelfde beeld. Of de diensthoofden het einddoel even scherp "
                "zien, weet ik minder zeker.",
                4,
            ),
            (
                "Elk huis heeft zijn eigen software, zijn eigen aankoopprocedures en zijn eigen gewoonten "
                "in college en vast bureau.",
                None,
            ),
            (
                "Er zijn al afspraken, maar veel loopt nog dubbel. Sommige dossiers passeren twee keer "
                "langs de financiële dienst.",
                3,
            ),
            (
                "Het gemeentehuis en het Sociaal Huis liggen ongeveer achthonderd meter uit elkaar. Het "
                "Sociaal Huis heeft dringend een renovatie nodig.",
                None,
            ),
            ("Slecht. Zolang we in twee gebouwen zitten, blijft één loket een belofte op papier.", 2),
        ],
    },
    {
        "name": "Annemie Goossens",
        "function": "OCMW-voorzitter, voorzitter van het bijzonder comité voor de sociale dienst",
        "organisation": OCMW,
        "group": MANDATARY,
        "consents": True,
        "held_on": _day(2, 12),
        "summary": (
            "Steunt de samenwerking, maar vraagt waarborgen voor de eigenheid van de sociale dienst en de "
            "discretie tegenover cliënten."
        ),
        "answers": [
            (
                "Onze sociale dienst is laagdrempelig en kent de kwetsbare gezinnen goed. De thuiszorg "
                "krijgt uitstekende reacties van de gebruikers.",
                None,
            ),
            (
                "Sterk voor wie ons vindt. Sommige mensen vinden de weg naar het OCMW niet, of schamen zich "
                "om binnen te stappen.",
                4,
            ),
            (
                "De gemeente communiceert veel professioneler en heeft een goed uitgebouwde technische "
                "dienst. Daar kunnen wij van leren.",
                None,
            ),
            (
                "Er is draagvlak in de raad, maar ik wil duidelijke garanties dat het sociaal beleid niet "
                "ondergeschikt wordt aan de rest.",
                3,
            ),
            (
                "Bij onze medewerkers leeft veel onrust. Ze vrezen dat het OCMW opgaat in de gemeente en "
                "dat hun expertise verloren gaat.",
                2,
            ),
            (
                "De burgemeester en de algemeen directeur trekken hard. Ik zet de rem er niet op, maar ik "
                "wil het tempo afstemmen op wat de mensen aankunnen.",
                None,
            ),
            (
                "Gedeelde ondersteunende diensten, ja. Eén organisatie kan, op voorwaarde dat de sociale "
                "dienst herkenbaar blijft als eigen dienst.",
                None,
            ),
            (
                "Over de richting zijn we het eens, minder over het tempo en over de plaats van de sociale "
                "dienst.",
                3,
            ),
            (
                "Onze dossiers vallen onder het beroepsgeheim en volgen de procedures van het bijzonder "
                "comité. Dat is een andere logica dan een aanvraag voor een vergunning.",
                None,
            ),
            (
                "Matig. Onze cliëntsoftware praat niet met de systemen van de gemeente, en de "
                "personeelsregels verschillen nog.",
                2,
            ),
            (
                "Het Sociaal Huis is verouderd: de spreekkamers zijn te klein en slecht geïsoleerd. Toch is "
                "het een vertrouwde plek voor onze cliënten.",
                None,
            ),
            (
                "Twee gebouwen maken overleg moeilijk. Bij een verhuizing moet er wel een discrete ingang "
                "voor de sociale dienst blijven.",
                2,
            ),
        ],
    },
    {
        "name": "Dirk Mertens",
        "function": "Schepen van sociale zaken en wonen",
        "organisation": BOTH,
        "group": MANDATARY,
        "consents": False,
        "held_on": _day(2, 16),
        "summary": (
            "Ziet vooral kansen voor één loket en een sterker sociaal beleid. Vraagt een duidelijke "
            "timing, zodat het traject niet blijft aanslepen."
        ),
        "answers": [
            (
                "Beide organisaties hebben gemotiveerde mensen. Het OCMW blinkt uit in persoonlijke "
                "begeleiding, de gemeente in de aanpak van projecten.",
                None,
            ),
            (
                "Degelijk. Toch worden inwoners soms van het ene loket naar het andere gestuurd.",
                4,
            ),
            (
                "Van de gemeente zou ik de planning en opvolging van projecten overnemen, van het OCMW de "
                "manier waarop het de cliënt centraal zet.",
                None,
            ),
            (
                "Breed gedragen in de meerderheid. Een paar raadsleden willen eerst zien wat het kost.",
                4,
            ),
            (
                "Het managementteam is positief, maar op de werkvloer moet het vertrouwen nog groeien, "
                "vooral bij het OCMW.",
                3,
            ),
            ("De algemeen directeur is de motor. Bij het OCMW wacht men eerder af wat er komt.", None),
            (
                "Een geïntegreerde organisatie met een sterke sociale pijler. Eerst de ondersteunende "
                "diensten samen, daarna het onthaal.",
                None,
            ),
            ("Het einddoel is in grote lijnen duidelijk, maar iedereen vult het nog anders in.", 3),
            (
                "In de aankopen en de opvolging van het budget. Elk huis houdt zijn eigen lijsten en eigen "
                "leveranciers bij.",
                None,
            ),
            (
                "Sommige processen sluiten al aan, zoals de rapportering over het meerjarenplan. Voor "
                "aankoop en personeel is er nog veel werk.",
                3,
            ),
            (
                "Twee locaties op wandelafstand, en toch twee werelden. Het OCMW-gebouw moet gerenoveerd "
                "worden.",
                None,
            ),
            ("Beperkt. De mensen zien elkaar vooral op vergaderingen, niet in het dagelijkse werk.", 2),
        ],
    },
    {
        "name": "Katrien Janssens",
        "function": "Algemeen directeur",
        "organisation": BOTH,
        "group": DIRECTOR,
        "consents": True,
        "held_on": _day(2, 9),
        "summary": (
            "Trekker van het traject. Wil één programma met duidelijke afhankelijkheden in plaats van "
            "losse projecten die elkaar in de weg lopen."
        ),
        "answers": [
            (
                "We hebben een stabiel managementteam en een gezonde financiële positie. Sinds 2019 zitten "
                "beide organisaties samen rond één tafel.",
                None,
            ),
            (
                "Goed, met uitschieters in burgerzaken en thuiszorg. Wat ontbreekt, is één herkenbaar "
                "aanspreekpunt.",
                4,
            ),
            (
                "De gemeente kan van het OCMW leren hoe je met weinig middelen een warme dienstverlening "
                "uitbouwt.",
                None,
            ),
            ("Zeer sterk. Het college en het vast bureau hebben het traject unaniem goedgekeurd.", 5),
            (
                "Het management is mee. Bij de medewerkers is er goodwill, maar ook vermoeidheid na de "
                "vorige hervormingen.",
                3,
            ),
            (
                "Ik trek, samen met de burgemeester. De rem is de werkdruk: mensen hebben weinig ruimte om "
                "naast hun gewone werk te veranderen.",
                None,
            ),
            (
                "Eén organisatie met één organogram. Daarvoor hebben we een programma nodig dat alle "
                "projecten samen aanstuurt.",
                None,
            ),
            (
                "Het beeld is gedeeld in het managementteam. Nu moeten we het vertalen naar de diensten.",
                4,
            ),
            ("Vooral in HR en ICT: twee arbeidsreglementen, twee loonpakketten, twee netwerken.", None),
            (
                "Zwak. We nemen al jaren samen beslissingen, maar de processen eronder zijn nooit "
                "gelijkgetrokken.",
                2,
            ),
            (
                "Gemeentehuis en Sociaal Huis liggen op achthonderd meter van elkaar. Het Sociaal Huis "
                "vraagt een grondige renovatie die we al jaren uitstellen.",
                None,
            ),
            (
                "Nauwelijks. Een huisvestingsplan moet deel uitmaken van het programma, anders blokkeert "
                "het de samenvoeging van diensten.",
                2,
            ),
        ],
    },
    {
        "name": "Hilde Van den Broeck",
        "function": "Financieel directeur",
        "organisation": BOTH,
        "group": MT,
        "consents": False,
        "held_on": _day(2, 18),
        "summary": (
            "Positief over één financiële dienst, maar waarschuwt voor de kosten van de renovatie en van "
            "de overstap naar één boekhoudpakket."
        ),
        "answers": [
            (
                "Onze financiële rapportering is stipt en de audit is telkens positief. Beide budgetten "
                "zitten al in één meerjarenplan.",
                None,
            ),
            (
                "Correct, maar niet opvallend. De inwoner merkt weinig van ons werk, behalve als een "
                "betaling te laat komt.",
                3,
            ),
            (
                "Het OCMW gaat zuiniger om met zijn middelen. Die kostenbewustheid mag de gemeente "
                "overnemen.",
                None,
            ),
            (
                "Het bestuur steunt het, al vraagt men mij vooral naar de besparing. Die zal er op korte "
                "termijn niet zijn.",
                4,
            ),
            (
                "Op mijn dienst is men positief. Elders hoor ik vragen over wie straks welke taken doet.",
                3,
            ),
            (
                "De algemeen directeur trekt. De rem zit in de software: zolang er twee boekhoudpakketten "
                "zijn, blijft samenwerken omslachtig.",
                None,
            ),
            (
                "Eerst gedeelde diensten, met één boekhouding als sluitstuk. Eén organisatie is logisch, "
                "maar vraagt tijd.",
                None,
            ),
            ("Iedereen wil samen, maar over de volgorde en het budget bestaan verschillende beelden.", 3),
            (
                "De aankoopprocedures, de facturatie en de opvolging van de kredieten verlopen in elk huis "
                "anders.",
                None,
            ),
            ("Slecht. Elke maand maken we twee afsluitingen en twee keer dezelfde rapporten.", 2),
            (
                "Mijn dienst zit in het gemeentehuis, de boekhouding van het OCMW in het Sociaal Huis. Voor "
                "elke vraag moet iemand over en weer.",
                None,
            ),
            (
                "Het gebouw van het OCMW is een kostenpost. De renovatie moet in het meerjarenplan "
                "opgenomen worden.",
                2,
            ),
        ],
    },
    {
        "name": "Tom Van Dyck",
        "function": "Diensthoofd ICT",
        "organisation": GEMEENTE,
        "group": HEAD,
        "consents": True,
        "held_on": _day(2, 23),
        "summary": (
            "Grote voorstander van één netwerk en één helpdesk. Vraagt extra capaciteit voor de migratie "
            "en een glasvezelverbinding met het Sociaal Huis."
        ),
        "answers": [
            (
                "We hebben een stabiel netwerk en een helpdesk die meestal dezelfde dag antwoordt. De mail "
                "draait al jaren vlot in de cloud.",
                None,
            ),
            (
                "Goed. Het digitaal loket wordt veel gebruikt; we zouden het graag uitbreiden met de "
                "diensten van het OCMW.",
                4,
            ),
            (
                "Het OCMW gaat strikt om met privacy en beroepsgeheim. Dat moeten we meenemen in ons "
                "beleid voor informatieveiligheid.",
                None,
            ),
            ("Voor ICT is de politieke steun er, omdat het snel iets oplevert.", 4),
            (
                "In mijn team twijfelt niemand. De collega's van het OCMW vragen vooral of hun programma's "
                "blijven werken.",
                4,
            ),
            (
                "De directie trekt. De rem zit bij de leverancier van de OCMW-software, die weinig zin "
                "heeft in koppelingen.",
                None,
            ),
            (
                "Eén ICT-dienst voor beide besturen. Eigenlijk doen we nu al informeel de tweede lijn voor "
                "het OCMW.",
                None,
            ),
            ("In het managementteam is het einddoel duidelijk. Op de diensten blijft het nog abstract.", 4),
            (
                "Twee netwerken, twee domeinen, andere wachtwoordregels. Het OCMW laat de eerste lijn "
                "over aan een externe partner.",
                None,
            ),
            (
                "Technisch sluit weinig aan. Een medewerker van het OCMW kan vandaag niet aanmelden op een "
                "pc van de gemeente.",
                2,
            ),
            (
                "De serverruimte zit in het gemeentehuis. Het Sociaal Huis heeft verouderde bekabeling en "
                "een trage verbinding.",
                None,
            ),
            ("Er is geen glasvezelverbinding tussen beide gebouwen. Dat is een heel concreet knelpunt.", 2),
        ],
    },
    {
        "name": "Inge Smets",
        "function": "Diensthoofd sociale dienst",
        "organisation": OCMW,
        "group": HEAD,
        "consents": False,
        "held_on": _day(2, 26),
        "summary": (
            "Kritisch maar constructief. De identiteit van de sociale dienst en de discretie tegenover "
            "cliënten staan voor haar voorop."
        ),
        "answers": [
            (
                "Onze maatschappelijk werkers gaan actief naar mensen toe en kennen de wijken. We behandelen "
                "de dossiers binnen de wettelijke termijnen.",
                None,
            ),
            ("Sterk. Wie bij ons aanklopt, wordt snel en persoonlijk geholpen.", 4),
            (
                "De gemeente heeft sterke communicatiekanalen. Die zouden ons helpen om mensen te bereiken "
                "die hun rechten niet opnemen.",
                None,
            ),
            (
                "Er is steun, maar ik vraag me af of de politiek beseft wat sociaal werk van een organisatie "
                "vraagt.",
                3,
            ),
            (
                "Op mijn dienst is de ongerustheid groot. Collega's vrezen dat de sociale dienst een loket "
                "wordt zoals een ander.",
                2,
            ),
            (
                "De algemeen directeur trekt. De rem zit bij ons, omdat we nog niet weten wat er van ons "
                "verwacht wordt.",
                None,
            ),
            (
                "Samenwerken in de ondersteunende diensten is prima. De sociale dienst zelf wil ik "
                "herkenbaar houden, met een eigen plek.",
                None,
            ),
            (
                "Nee. Voor de een is het doel efficiëntie, voor de ander betere hulpverlening. Dat is nog "
                "niet uitgesproken.",
                2,
            ),
            (
                "Wij werken met beroepsgeheim, een bijzonder comité en eigen cliëntsoftware. Bij de "
                "gemeente draait alles rond het college en de vergunningen.",
                None,
            ),
            (
                "Onze processen staan los van die van de gemeente. Een doorverwijzing gebeurt nog per mail "
                "of per telefoon.",
                2,
            ),
            (
                "We zitten in het Sociaal Huis, met te weinig spreekkamers en een wachtzaal zonder privacy.",
                None,
            ),
            (
                "Het gebouw zelf is een rem. Een gedeelde locatie kan helpen, als er ruimte blijft voor "
                "vertrouwelijke gesprekken.",
                2,
            ),
        ],
    },
    {
        "name": "Nathalie Willems",
        "function": "HR-verantwoordelijke",
        "organisation": GEMEENTE,
        "group": HEAD,
        "consents": False,
        "held_on": _day(2, 25),
        "summary": (
            "Ziet één personeelsdienst als noodzakelijke basis. Wijst op de verschillen in rechtspositie "
            "en op het belang van vroeg overleg met de vakbonden."
        ),
        "answers": [
            (
                "We hebben een degelijk vormingsbeleid en een rekrutering die snel schakelt. Het verloop bij "
                "de gemeente is laag.",
                None,
            ),
            ("Voor de inwoner zijn wij onzichtbaar, maar de diensten geven ons een goed rapport.", 4),
            (
                "Het OCMW heeft een sterke aanpak voor welzijn op het werk en begeleidt nieuwe medewerkers "
                "persoonlijk.",
                None,
            ),
            (
                "Het bestuur wil één personeelsbeleid. Over de kosten van een gelijke rechtspositie is nog "
                "niet gesproken.",
                4,
            ),
            (
                "De medewerkers willen vooral weten of hun statuut en hun loon veranderen. Zolang dat "
                "onduidelijk is, blijft het draagvlak broos.",
                3,
            ),
            (
                "De algemeen directeur trekt. De vakbonden kijken kritisch mee en vragen overleg voor er "
                "iets beslist wordt.",
                None,
            ),
            ("Eén personeelsdienst met één rechtspositieregeling. De rest volgt daaruit.", None),
            (
                "Het management ziet één organisatie, maar wat dat concreet betekent voor de mensen, is nog "
                "vaag.",
                3,
            ),
            (
                "Twee loonpakketten, twee arbeidsreglementen en een verschillende regeling voor thuiswerk.",
                None,
            ),
            (
                "Sommige procedures, zoals de selectie van leidinggevenden, lopen al samen. De "
                "loonadministratie niet.",
                3,
            ),
            (
                "De personeelsdienst zit in het gemeentehuis; de personeelsdossiers van het OCMW liggen in "
                "het Sociaal Huis.",
                None,
            ),
            (
                "Weinig. Voor een sollicitatie- of functioneringsgesprek moeten collega's vaak van gebouw "
                "wisselen.",
                2,
            ),
        ],
    },
    {
        "name": "Jolien Aerts",
        "function": "Stafmedewerker communicatie",
        "organisation": GEMEENTE,
        "group": STAFF,
        "consents": True,
        "held_on": _day(3, 3),
        "summary": (
            "Wil één huisstijl en één website. Vraagt om snel en eerlijk naar de medewerkers te "
            "communiceren, ook als nog niet alles beslist is."
        ),
        "answers": [
            (
                "Ons infoblad en onze website worden goed gelezen, en we reageren snel op vragen via "
                "sociale media.",
                None,
            ),
            (
                "Sterk. Inwoners vinden de informatie van de gemeente makkelijk, die van het OCMW al minder.",
                4,
            ),
            (
                "Het OCMW heeft een goede band met verenigingen en welzijnspartners. Dat netwerk zouden we "
                "graag benutten.",
                None,
            ),
            ("Duidelijk aanwezig. Het bestuur wil één herkenbaar verhaal naar de inwoner.", 4),
            ("Bij de gemeente positief. Bij het OCMW is er meer nood aan uitleg over het waarom.", 4),
            (
                "De directie trekt. Er is nog geen communicatieplan voor het traject, en dat voelen de "
                "medewerkers.",
                None,
            ),
            (
                "Eén organisatie, met één merk en één website. Twee logo's naast elkaar verwarren de "
                "inwoner.",
                None,
            ),
            (
                "Aan de top is het einddoel helder, maar het verhaal is nog niet vertaald naar de "
                "medewerkers.",
                3,
            ),
            (
                "Het OCMW communiceert via een eigen folder en een eigen webpagina. Er is geen gezamenlijke "
                "redactieplanning.",
                None,
            ),
            ("Teksten van het OCMW komen wel in ons infoblad, maar meestal op het laatste moment.", 3),
            (
                "Communicatie zit in het gemeentehuis. In het onthaal van het Sociaal Huis hangt geen "
                "enkele affiche van de gemeente.",
                None,
            ),
            (
                "Redelijk. De afstand is klein, maar er is geen plek waar we samen aan projecten werken.",
                3,
            ),
        ],
    },
    {
        "name": "Koen Vermeiren",
        "function": "Teamleider technische dienst",
        "organisation": GEMEENTE,
        "group": HEAD,
        "consents": False,
        "held_on": _day(3, 5),
        "summary": (
            "Praktisch ingesteld. De technische dienst werkt al informeel voor het OCMW en wil dat nu "
            "ook administratief geregeld zien."
        ),
        "answers": [
            (
                "We grijpen snel in bij defecten en doen veel zelf. Het wagenpark is goed onderhouden.",
                None,
            ),
            ("Goed. Meldingen van inwoners lossen we meestal binnen de week op.", 4),
            (
                "Het OCMW plant het onderhoud van zijn gebouwen beter op lange termijn. Wij werken nog te "
                "veel reactief.",
                None,
            ),
            ("Het bestuur vraagt al jaren dat we ook voor het OCMW klaarstaan.", 4),
            (
                "Mijn ploeg werkt al voor het Sociaal Huis en het woonzorgcentrum. Voor hen verandert er "
                "weinig.",
                4,
            ),
            (
                "De directie trekt. De rem zit in de administratie: elke opdracht voor het OCMW vraagt een "
                "aparte bestelbon.",
                None,
            ),
            ("Eén technische dienst voor alle gebouwen, met één planning.", None),
            (
                "Voor de technische dienst is het duidelijk. Of dat voor de anderen ook zo is, weet ik niet.",
                4,
            ),
            (
                "Het OCMW werkt met externe aannemers voor klein onderhoud; wij doen dat met eigen mensen.",
                None,
            ),
            ("Praktisch loopt het, administratief niet. De uren voor het OCMW houden we met de hand bij.", 3),
            (
                "De werkplaats ligt buiten het centrum. Het Sociaal Huis heeft last van vocht en een "
                "verouderde verwarming.",
                None,
            ),
            (
                "Het Sociaal Huis kost ons veel herstellingen. Een renovatie of een verhuizing zou veel "
                "oplossen.",
                2,
            ),
        ],
    },
    {
        "name": "Sarah Hermans",
        "function": "Maatschappelijk werker",
        "organisation": OCMW,
        "group": STAFF,
        "consents": False,
        "held_on": _day(3, 10),
        "summary": (
            "Bezorgd om de vertrouwensband met cliënten. Ziet voordelen in een gedeeld onthaal, op "
            "voorwaarde dat de privacy gegarandeerd blijft."
        ),
        "answers": [
            (
                "We nemen tijd voor mensen en volgen hen op tot hun situatie stabiel is. Onze cliënten "
                "weten ons te vinden.",
                None,
            ),
            (
                "Sterk in begeleiding, minder in bereikbaarheid. Na vier uur neemt niemand nog de telefoon "
                "op.",
                4,
            ),
            (
                "De gemeente heeft een digitaal loket en ruimere openingsuren. Voor onze cliënten zou dat "
                "een verschil maken.",
                None,
            ),
            (
                "Ik hoor de politiek vooral over efficiëntie spreken, minder over de kwaliteit van de hulp.",
                3,
            ),
            (
                "Mijn collega's zijn ongerust. We weten niet of we straks achter een algemeen loket zitten.",
                2,
            ),
            (
                "De directie trekt. Wij houden de rem erop, omdat niemand ons al gevraagd heeft hoe het "
                "beter kan.",
                None,
            ),
            (
                "Gedeelde ondersteunende diensten, ja. Voor de hulpverlening wil ik eerst zien hoe de "
                "discretie gegarandeerd wordt.",
                None,
            ),
            (
                "Ik zie geen gedeeld beeld. Iedereen spreekt over één organisatie, maar niemand legt uit "
                "hoe die eruitziet.",
                2,
            ),
            (
                "Wij werken met een sociaal onderzoek en beslissingen van het bijzonder comité. Dat ritme "
                "past niet bij de planning van de gemeente.",
                None,
            ),
            (
                "Heel beperkt. Als iemand bij de gemeente een huurpremie aanvraagt, weten wij dat niet.",
                2,
            ),
            (
                "Het Sociaal Huis is oud en gehorig. Soms voeren we gesprekken in de gang, omdat alle "
                "spreekkamers bezet zijn.",
                None,
            ),
            (
                "Helemaal niet. In dit gebouw kunnen we geen nieuwe collega's ontvangen, laat staan "
                "samenwerken.",
                1,
            ),
        ],
    },
    {
        "name": "Griet Van Gool",
        "function": "Verantwoordelijke thuiszorg",
        "organisation": OCMW,
        "group": HEAD,
        "consents": True,
        "held_on": _day(3, 12),
        "summary": (
            "Trots op de thuiszorg. Hoopt dat de samenwerking de planning en de facturatie eenvoudiger "
            "maakt, zonder dat de zorg zelf verandert."
        ),
        "answers": [
            (
                "De thuiszorg is flexibel en komt elke week bij honderden gezinnen. Onze verzorgenden "
                "kennen hun cliënten goed.",
                None,
            ),
            ("Zeer sterk. Onze tevredenheidsmeting scoort al jaren hoog.", 5),
            ("Van de gemeente wil ik de digitale planning en het beheer van het wagenpark overnemen.", None),
            ("Er is steun, maar de thuiszorg komt in de plannen nauwelijks voor.", 3),
            ("Mijn team is nieuwsgierig, niet negatief. Ze willen weten wat er voor hen verandert.", 3),
            (
                "De burgemeester en de algemeen directeur trekken. De OCMW-voorzitter bewaakt het tempo.",
                None,
            ),
            (
                "Gedeelde diensten voor ICT, personeel en aankoop. Aan de zorg zelf verandert best zo "
                "weinig mogelijk.",
                None,
            ),
            ("Deels. Voor de ondersteunende diensten is het doel duidelijk, voor de zorg niet.", 3),
            (
                "De facturatie van de thuiszorg gebeurt manueel, los van de financiële dienst van de "
                "gemeente.",
                None,
            ),
            ("Slecht. Onze planning zit in een apart pakket dat met niets gekoppeld is.", 2),
            (
                "De thuiszorg heeft twee bureaus in het Sociaal Huis en geen parking voor de dienstwagens.",
                None,
            ),
            (
                "Een gedeelde locatie zou overleg makkelijker maken, als de verzorgenden er vlot kunnen "
                "vertrekken en terugkomen.",
                2,
            ),
        ],
    },
]

# Extra witnesses at --scale N: functions of staff and heads of service, notes mixed from the core
# witnesses of the same organisation (mandataries and directors speak for themselves, so not them).
EXTRA_ROLES = [
    ("Administratief medewerker burgerzaken", GEMEENTE, STAFF),
    ("Maatschappelijk werker", OCMW, STAFF),
    ("Medewerker technische dienst", GEMEENTE, STAFF),
    ("Verzorgende thuiszorg", OCMW, STAFF),
    ("Diensthoofd burgerzaken", GEMEENTE, HEAD),
    ("Teamverantwoordelijke sociale dienst", OCMW, HEAD),
    ("ICT-medewerker", GEMEENTE, STAFF),
    ("Onthaalmedewerker Sociaal Huis", OCMW, STAFF),
    ("Medewerker financiële dienst", GEMEENTE, STAFF),
    ("Administratief medewerker OCMW", OCMW, STAFF),
    ("Diensthoofd vrije tijd", GEMEENTE, HEAD),
    ("Medewerker personeelsdienst OCMW", OCMW, STAFF),
]
EXTRA_SUMMARIES = [
    "Open gesprek; vooral vragen over wat er concreet verandert in het eigen team.",
    "Positief over de samenwerking, maar vraagt duidelijke afspraken over wie wat beslist.",
    "Afwachtend: wil eerst zien dat een eerste gedeelde dienst goed werkt.",
    "Veel praktische voorbeelden van dubbel werk tussen beide huizen.",
    "Bezorgd over de werkdruk tijdens de overgang, maar overtuigd van het doel.",
    "Ziet vooral kansen voor de inwoner; heeft weinig zicht op de planning van het traject.",
]
FIRST_NAMES = [
    "An", "Bram", "Caroline", "Dieter", "Ellen", "Filip", "Greet", "Hans", "Ilse", "Jeroen",
    "Karen", "Lotte", "Maarten", "Nele", "Pieter-Jan", "Ruth", "Sven", "Tine", "Wouter", "Yasmine",
    "Ahmed", "Bieke", "Chris", "Dorien", "Eline", "Frank", "Gert", "Hanne", "Jens", "Kim",
    "Lien", "Mathias", "Nathan", "Olivia", "Rik", "Sara", "Thomas", "Veerle", "Ward", "Zoë",
]  # fmt: skip
LAST_NAMES_GEEL = [
    "Aerts", "Bogaerts", "Claessens", "De Smedt", "Dierckx", "Geens", "Hendrickx", "Jacobs", "Kenis",
    "Lemmens", "Luyten", "Meeus", "Nuyts", "Oris", "Peetermans", "Roelants", "Schellens", "Sels",
    "Swinnen", "Thijs", "Van Looy", "Vanhoof", "Verachtert", "Verbist", "Vos", "Wuyts", "Daems", "Cools",
    "Bellens", "Van Gorp", "Boeckx", "Heylen", "Mariën", "Laenen", "Stevens", "Tilkens", "Helsen",
    "Van Hout", "Goris", "Van Camp",
]  # fmt: skip
LAST_NAMES_IEPER = [
    "Vandenbroucke", "Declercq", "Verhaeghe", "Lefebvre", "Dewulf", "Vandewalle", "Decock", "Vermeersch",
    "Deconinck", "Lauwers", "Vanhee", "Bossuyt", "Dumon", "Ghekiere", "Dejonghe", "Delanote",
    "Vandecasteele", "Pattyn", "Coudeville", "Vanneste",
]  # fmt: skip

GEEL_FINDINGS = [
    # kind, theme, text, quote, source witness, key finding
    (
        Finding.Kind.STRENGTH,
        Theme.SUPPORT,
        "Het politieke draagvlak is groot: college en vast bureau steunen het traject unaniem, en ook de "
        "oppositie vraagt om één loket.",
        "Het college en het vast bureau hebben het traject unaniem goedgekeurd.",
        "Katrien Janssens",
        True,
    ),
    (
        Finding.Kind.STRENGTH,
        Theme.STRENGTHS,
        "Beide organisaties leveren sterke dienstverlening: burgerzaken en de thuiszorg krijgen goede "
        "beoordelingen van de inwoners.",
        "Onze tevredenheidsmeting scoort al jaren hoog.",
        "Griet Van Gool",
        True,
    ),
    (
        Finding.Kind.STRENGTH,
        Theme.DIRECTION,
        "Het managementteam deelt het einddoel van één organisatie en ziet ICT, personeel en financiën "
        "als de eerste gedeelde diensten.",
        "",
        None,
        False,
    ),
    (
        Finding.Kind.STRENGTH,
        Theme.WORKING_METHODS,
        "Er groeit al informele samenwerking: de technische dienst en de ICT-dienst van de gemeente "
        "springen geregeld bij voor het OCMW.",
        "Mijn ploeg werkt al voor het Sociaal Huis en het woonzorgcentrum.",
        "Koen Vermeiren",
        False,
    ),
    (
        Finding.Kind.RISK,
        Theme.SUPPORT,
        "Het draagvlak bij de medewerkers van het OCMW is laag. Zij vrezen dat de sociale dienst haar "
        "eigenheid en de vertrouwensband met cliënten verliest.",
        "Collega's vrezen dat de sociale dienst een loket wordt zoals een ander.",
        "Inge Smets",
        True,
    ),
    (
        Finding.Kind.RISK,
        Theme.HOUSING,
        "De huisvesting remt de integratie: twee gebouwen op achthonderd meter van elkaar, en het Sociaal "
        "Huis moet grondig gerenoveerd worden.",
        "Zolang we in twee gebouwen zitten, blijft één loket een belofte op papier.",
        "Marc Verhoeven",
        True,
    ),
    (
        Finding.Kind.RISK,
        Theme.WORKING_METHODS,
        "Processen en software zijn nauwelijks op elkaar afgestemd: twee boekhoudpakketten, twee "
        "loonpakketten en twee netwerken.",
        "",
        None,
        False,
    ),
    (
        Finding.Kind.RISK,
        Theme.DIRECTION,
        "Het einddoel wordt verschillend ingevuld (efficiëntie tegenover betere hulpverlening), en er is "
        "nog geen communicatieplan voor de medewerkers.",
        "",
        None,
        False,
    ),
]
GEEL_SCENARIO_REASON = (
    "Het advies komt uit op pragmatisch met projectbeheer, omdat de werkwijzen nog sterk verschillen en "
    "het draagvlak bij het OCMW lager ligt. Toch kiezen we voor programmatorisch: het bestuur wil "
    "uitdrukkelijk één geïntegreerde organisatie, het politieke draagvlak is groot, en huisvesting, ICT "
    "en personeel hangen sterk van elkaar af (de samenvoeging van diensten wacht op één netwerk en één "
    "locatie). Losse projecten zouden elkaar blokkeren; één programma stuurt ze samen aan, met bijzondere "
    "aandacht voor het draagvlak bij de medewerkers van het OCMW."
)

# --- The staff survey ------------------------------------------------------------------------------

# organisation, department, invited, responded (at scale 1)
GEEL_DEPARTMENTS = [
    (GEMEENTE, "Technische dienst", 20, 13),
    (GEMEENTE, "Burgerzaken", 12, 10),
    (GEMEENTE, "Financiën", 8, 7),
    (GEMEENTE, "ICT", 4, 3),
    (GEMEENTE, "Communicatie", 3, 2),
    (GEMEENTE, "Personeel en HR", 2, 2),
    (OCMW, "Sociale dienst", 15, 11),
    (OCMW, "Thuiszorg", 10, 7),
    (OCMW, "Administratie", 6, 5),
]
IEPER_DEPARTMENTS = [
    (GEMEENTE, "Technische dienst", 10, 4),
    (GEMEENTE, "Burgerzaken", 6, 3),
    (GEMEENTE, "Financiën", 4, 2),
    (GEMEENTE, "ICT", 3, 1),
    (OCMW, "Sociale dienst", 9, 4),
    (OCMW, "Thuiszorg", 5, 3),
    (OCMW, "Administratie", 3, 1),
]
# The mean score per score question (in order) per organisation, and a shift per department.
GEEL_MEANS = {GEMEENTE: (3.9, 3.8, 3.2), OCMW: (2.8, 3.3, 2.5)}
IEPER_MEANS = {GEMEENTE: (3.6, 3.5, 3.1), OCMW: (2.9, 3.2, 2.7)}
DEPARTMENT_SHIFT = {"Sociale dienst": -0.4, "ICT": 0.4, "Communicatie": 0.3, "Thuiszorg": 0.1}

WORRIES = [
    "Ik vrees dat de werkdruk stijgt zolang de overgang duurt.",
    "Ik wil weten of mijn functie en mijn werkplek blijven zoals ze zijn.",
    "Twee softwarepakketten naast elkaar geven nu al dubbel werk; ik hoop dat het tijdens de overgang "
    "niet erger wordt.",
    "Ik ben bang dat er beslist wordt zonder de werkvloer te bevragen.",
    "Er wordt veel vergaderd over de samenwerking, maar op de werkvloer verandert er weinig.",
    "De regels voor verlof en thuiswerk verschillen; ik vrees dat iemand erop achteruitgaat.",
    "Het is onduidelijk wie straks mijn leidinggevende wordt.",
    "Onze dienst heeft nu al te weinig mensen; ik zie niet hoe we er nog taken bij kunnen nemen.",
    "Ik hoop dat de kennis van ervaren collega's niet verloren gaat als de diensten herschikt worden.",
    "Ik vrees dat ik straks voor twee besturen moet werken zonder extra uren.",
    "Als er verhuisd wordt, wil ik weten waar mijn bureau komt en hoe ik er geraak.",
    "Ik ben bang dat de kleine diensten ondersneeuwen in één grote organisatie.",
    "Na de vorige reorganisatie is er weinig vertrouwen dat het deze keer beter opgevolgd wordt.",
    "Niemand weet welke software we straks gebruiken; dat maakt vooruit plannen moeilijk.",
]
WORRIES_OCMW = [
    "Ik vrees dat de sociale dienst haar eigen gezicht verliest en een loket wordt zoals een ander.",
    "Cliënten moeten erop kunnen rekenen dat hun gegevens vertrouwelijk blijven.",
    "Kwetsbare mensen stappen niet zomaar een groot administratief centrum binnen.",
    "Ik ben bang dat besparen belangrijker wordt dan goede hulpverlening.",
    "De thuiszorg komt nauwelijks voor in de plannen, terwijl wij een groot team zijn.",
    "Ik weet niet of mijn contract en mijn anciënniteit behouden blijven.",
    "Onze doelgroep heeft tijd en rust nodig, geen efficiëntiedoelen.",
    "De maatschappelijk werkers hebben nu al te veel dossiers; een reorganisatie komt er nog bovenop.",
    "Ik vrees dat het bijzonder comité minder zicht krijgt op de dossiers.",
]
IDEAS = [
    "Organiseer infomomenten per dienst, waar we ook vragen kunnen stellen.",
    "Laat collega's van gemeente en OCMW een dag met elkaar meelopen.",
    "Begin met één helpdesk voor ICT, dan merkt iedereen snel het voordeel.",
    "Maak één onthaal waar inwoners met al hun vragen terechtkunnen.",
    "Stel per dienst een aanspreekpunt aan dat de vragen van collega's verzamelt.",
    "Communiceer een duidelijke planning, ook als die later nog wijzigt.",
    "Breng de personeelsregels snel op één lijn, zodat niemand zich benadeeld voelt.",
    "Start een gezamenlijke nieuwsbrief voor alle medewerkers.",
    "Koop samen aan: één raamcontract voor kantoormateriaal en onderhoud spaart tijd.",
    "Vier de eerste resultaten, zodat iedereen ziet dat het vooruitgaat.",
    "Geef leidinggevenden een opleiding in het begeleiden van verandering.",
    "Laat de vakbonden van bij het begin mee aan tafel zitten.",
    "Werk eerst met kleine proefprojecten voor u iets groots verandert.",
    "Maak per dienst duidelijk wat er de komende zes maanden concreet verandert.",
    "Zet een gezamenlijk vormingsaanbod op, zodat collega's elkaar leren kennen.",
    "Kies snel één mailadres en één telefoonnummer voor de hele organisatie.",
    "Geef diensthoofden tijd om het traject met hun team te bespreken.",
]
IDEAS_OCMW = [
    "Zorg voor een discrete ingang en aparte spreekkamers voor de sociale dienst.",
    "Betrek de medewerkers van de thuiszorg bij de keuze van een nieuw planningspakket.",
    "Vraag de maatschappelijk werkers hoe de doorverwijzing tussen beide huizen beter kan.",
    "Laat een maatschappelijk werker meedenken in de projectgroep voor het onthaal.",
    "Hou de vertrouwde gezichten aan het onthaal van de sociale dienst.",
]
IDEAS_GEEL = ["Gebruik de renovatie van het Sociaal Huis om werk te maken van één gezamenlijke locatie."]


# --- Support services along the VVSG weighing framework --------------------------------------------


def _hyp(form, description, legal, process, governance) -> dict:
    """A hypothesis with its three preconditions, each a (state, reason) pair."""
    return {
        "form": form,
        "description": description,
        "legal": legal[0],
        "legal_reason": legal[1],
        "process": process[0],
        "process_reason": process[1],
        "governance": governance[0],
        "governance_reason": governance[1],
    }


def _product(name, users, fte, costs, outsourced, quality, quality_note, decision, decision_note, hypotheses):
    return {
        "name": name,
        "users": users,
        "fte_gemeente": Decimal(fte[0]),
        "fte_ocmw": Decimal(fte[1]),
        "running_costs": Decimal(costs),
        "outsourced": outsourced,
        "current_quality_providers": quality[0],
        "current_quality_users": quality[1],
        "desired_quality_providers": quality[2],
        "desired_quality_users": quality[3],
        "quality_note": quality_note,
        "decision": decision,
        "decision_note": decision_note,
        "hypotheses": hypotheses,
    }


GEEL_SERVICES = {
    "ICT": {
        "working_methods": WorkingMethods.DIFFERENT,
        "working_methods_note": (
            "De gemeente heeft een eigen ICT-dienst; het OCMW besteedt de eerste lijn uit aan een externe "
            "partner en doet voor de tweede lijn informeel een beroep op de gemeente. Er zijn twee "
            "netwerken, twee domeinen en verschillende wachtwoordregels."
        ),
        "total_scenario": F.INTEGRATION,
        "total_scenario_note": (
            "ICT wordt één dienst voor gemeente en OCMW, met één helpdesk en één netwerk. "
            "Informatieveiligheid loopt via de intergemeentelijke dienst. Voorwaarden: een "
            "glasvezelverbinding tussen beide gebouwen en een protocol voor de toegang tot sociale dossiers."
        ),
        "products": [
            _product(
                "Helpdesk eerste lijn",
                "Alle medewerkers van gemeente en OCMW",
                ("2.0", "0.3"),
                "38500",
                "Eerste lijn van het OCMW bij een externe partner",
                (3, 3, 4, 5),
                "De helpdesk van de gemeente lost de meeste meldingen dezelfde dag op. Medewerkers van het "
                "OCMW wachten soms dagen op de externe partner.",
                F.INTEGRATION,
                "Eén helpdesk voor beide besturen, bemand door de ICT-dienst. Het contract met de externe "
                "partner loopt eind 2026 af en wordt niet verlengd.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "De ICT-dienst van de gemeente neemt de eerste lijn van het OCMW over, met één "
                        "ticketsysteem.",
                        (
                            MET,
                            "Art. 196 §2 van het decreet over het lokaal bestuur laat toe dat de gemeente "
                            "deze dienst levert aan het OCMW, geregeld in de beheersovereenkomst.",
                        ),
                        (
                            MET,
                            "Het ticketsysteem van de gemeente kan de meldingen van het OCMW meteen opnemen.",
                        ),
                        (MET, "College en vast bureau vragen uitdrukkelijk één helpdesk."),
                    ),
                    _hyp(
                        F.OUTSOURCING,
                        "Beide besturen besteden de eerste lijn uit aan één externe partner.",
                        (
                            MET,
                            "Mogelijk via een eigen overheidsopdracht of een raamcontract van een "
                            "aankoopcentrale.",
                        ),
                        (
                            NOT_MET,
                            "Een externe helpdesk kent de lokale toepassingen te weinig, zo leert de "
                            "ervaring van het OCMW.",
                        ),
                        (NOT_MET, "Het bestuur wil de ICT-kennis in huis houden."),
                    ),
                ],
            ),
            _product(
                "Netwerkbeheer en infrastructuur",
                "Alle diensten, ICT-dienst",
                ("1.2", "0"),
                "62000",
                "Onderhoud van de firewall en de back-up",
                (3, 3, 4, 4),
                "Het netwerk van de gemeente is stabiel. Het Sociaal Huis heeft verouderde bekabeling en "
                "een trage verbinding.",
                F.INTEGRATION,
                "Eén netwerk en één domein voor beide besturen, na de aanleg van een glasvezelverbinding "
                "tussen gemeentehuis en Sociaal Huis.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "Eén netwerk en één domein, beheerd door de ICT-dienst van de gemeente.",
                        (MET, "Geen juridisch bezwaar, mits afspraken over de toegang tot sociale gegevens."),
                        (
                            MET,
                            "Haalbaar met een glasvezelverbinding tussen beide gebouwen; die is geraamd en "
                            "opgenomen in het meerjarenplan.",
                        ),
                        (MET, "Staat bij de prioriteiten van het managementteam."),
                    ),
                    _hyp(
                        F.INTERMUNICIPAL,
                        "De infrastructuur van beide besturen gaat naar de intergemeentelijke "
                        "ICT-vereniging.",
                        (MET, "De statuten van de vereniging laten deze dienstverlening toe."),
                        (
                            NOT_MET,
                            "Enkele toepassingen van de sociale dienst kunnen niet in een extern datacenter "
                            "draaien.",
                        ),
                        (NOT_MET, "Het bestuur kiest ervoor de infrastructuur zelf te beheren."),
                    ),
                ],
            ),
            _product(
                "Informatieveiligheid en GDPR",
                "Alle diensten, in het bijzonder de sociale dienst",
                ("0.3", "0.2"),
                "12500",
                "Functionaris voor gegevensbescherming van het OCMW bij een externe partner",
                (2, 2, 4, 4),
                "Er is geen gezamenlijk beleid voor informatieveiligheid. De sociale dienst werkt met "
                "gevoelige gegevens onder beroepsgeheim.",
                F.INTERMUNICIPAL,
                "Eén functionaris voor gegevensbescherming voor beide besturen via de intergemeentelijke "
                "dienst, met één plan voor informatieveiligheid.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "Eén beleid en één functionaris voor gegevensbescherming in eigen dienst.",
                        (
                            MET,
                            "Toegelaten, mits een protocol de toegang tot sociale dossiers beperkt tot wie "
                            "ze nodig heeft.",
                        ),
                        (NOT_MET, "Intern heeft niemand de vereiste kennis en de tijd."),
                        (MET, "Het bestuur steunt één beleid voor beide besturen."),
                    ),
                    _hyp(
                        F.INTERMUNICIPAL,
                        "De intergemeentelijke dienst levert de functionaris en begeleidt het beleid.",
                        (MET, "Eén functionaris voor meerdere besturen is toegelaten."),
                        (MET, "De dienst werkt al voor verschillende besturen in de regio."),
                        (MET, "College en vast bureau gaan akkoord met de kostprijs."),
                    ),
                ],
            ),
        ],
    },
    "Personeel en HR": {
        "working_methods": WorkingMethods.DIFFERENT,
        "working_methods_note": (
            "Beide besturen hebben een eigen personeelsdienst, met een eigen loonpakket, arbeidsreglement "
            "en regeling voor thuiswerk. Selecties voor leidinggevende functies verlopen al gezamenlijk."
        ),
        "total_scenario": F.INTEGRATION,
        "total_scenario_note": (
            "Eén personeelsdienst voor beide besturen, in fasen: eerst rekrutering en vorming, daarna de "
            "loonadministratie na de keuze van één loonpakket. Tijdig overleg met de vakbonden en het "
            "gelijktrekken van de rechtspositie zijn voorwaarden."
        ),
        "products": [
            _product(
                "Loonadministratie",
                "Alle medewerkers, financiële dienst",
                ("1.8", "0.9"),
                "24000",
                "Loonverwerking van het OCMW via een sociaal secretariaat",
                (3, 3, 4, 4),
                "De lonen worden correct en op tijd betaald, maar elke wijziging in de regelgeving moet twee "
                "keer verwerkt worden.",
                F.INTEGRATION,
                "Eén loonadministratie in eigen beheer zodra er één loonpakket is (gepland in 2027). Tot "
                "dan blijft het sociaal secretariaat voor het OCMW.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "Eén loonadministratie voor beide besturen, in één pakket.",
                        (
                            MET,
                            "Toegelaten; het gelijkschakelen van de rechtspositieregelingen vraagt wel een "
                            "beslissing van beide raden.",
                        ),
                        (MET, "Haalbaar na de keuze van één loonpakket, gepland in 2027."),
                        (MET, "Het bestuur wil één personeelsbeleid."),
                    ),
                    _hyp(
                        F.OUTSOURCING,
                        "Beide besturen laten de lonen verwerken door één sociaal secretariaat.",
                        (
                            MET,
                            "De loonverwerking mag uitbesteed worden; de werkgever blijft verantwoordelijk.",
                        ),
                        (MET, "Het OCMW heeft er goede ervaringen mee."),
                        (
                            NOT_MET,
                            "Na een vergelijking van de kosten houdt het bestuur de lonen liever in eigen "
                            "beheer.",
                        ),
                    ),
                ],
            ),
            _product(
                "Rekrutering en selectie",
                "Diensthoofden, kandidaten",
                ("0.8", "0.3"),
                "9500",
                "Assessments voor leidinggevende functies",
                (4, 3, 4, 4),
                "Vacatures raken snel ingevuld, al vinden diensthoofden de procedure zwaar voor kleine "
                "functies.",
                F.INTEGRATION,
                "Eén selectieteam en één vacaturepagina voor beide besturen, met gezamenlijke "
                "wervingsreserves.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "Eén selectieteam met gezamenlijke wervingsreserves.",
                        (
                            MET,
                            "Gezamenlijke wervingsreserves zijn mogelijk als beide "
                            "rechtspositieregelingen ze voorzien.",
                        ),
                        (MET, "Selecties voor leidinggevenden verlopen al gezamenlijk."),
                        (MET, "Het managementteam vraagt het zelf."),
                    ),
                ],
            ),
            _product(
                "Vorming en opleiding",
                "Alle medewerkers, leidinggevenden",
                ("0.5", "0.2"),
                "31000",
                "Externe opleiders",
                (3, 4, 4, 4),
                "Het aanbod is ruim, maar medewerkers van het OCMW kennen het vormingsaanbod van de "
                "gemeente niet.",
                F.STRUCTURED,
                "Eén vormingskalender en gedeelde opleidingen; de budgetten blijven voorlopig apart.",
                [
                    _hyp(
                        F.STRUCTURED,
                        "Een gezamenlijke vormingskalender, zonder de diensten samen te voegen.",
                        (MET, "Geen juridische beperking."),
                        (MET, "Een gedeelde kalender is snel opgezet."),
                        (MET, "Het managementteam steunt het als eerste stap."),
                    ),
                    _hyp(
                        F.INTEGRATION,
                        "Eén vormingsbudget en één vormingsverantwoordelijke voor beide besturen.",
                        (MET, "Mogelijk binnen de beheersovereenkomst."),
                        (
                            NOT_MET,
                            "De budgetten zitten in verschillende kredieten; samenvoegen kan pas bij de "
                            "volgende aanpassing van het meerjarenplan.",
                        ),
                        (NOT_MET, "College en vast bureau willen eerst de gezamenlijke kalender evalueren."),
                    ),
                ],
            ),
        ],
    },
    "Financiën": {
        "working_methods": WorkingMethods.SAME,
        "working_methods_note": (
            "Sinds 2019 werkt de financiële dienst onder één financieel directeur, met dezelfde procedures "
            "en één meerjarenplan. Wel zijn er nog twee boekhoudpakketten en twee maandafsluitingen."
        ),
        "total_scenario": F.INTEGRATION,
        "total_scenario_note": (
            "Eén financiële dienst onder de financieel directeur, met één pakket waarin gemeente en OCMW "
            "twee entiteiten blijven. De facturatie van de thuiszorg blijft bij het OCMW en wordt "
            "geautomatiseerd."
        ),
        "products": [
            _product(
                "Boekhouding en betalingen",
                "Budgethouders, leveranciers",
                ("3.0", "1.2"),
                "18500",
                "",
                (3, 3, 4, 4),
                "Betalingen gebeuren correct, maar het dubbele werk in twee pakketten vertraagt de "
                "afsluitingen.",
                F.INTEGRATION,
                "Eén boekhoudteam met één pakket waarin gemeente en OCMW twee entiteiten blijven.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "Eén boekhoudteam en één pakket met twee entiteiten.",
                        (
                            MET,
                            "Gemeente en OCMW houden als rechtspersoon elk een eigen boekhouding; één "
                            "dienst mag beide voeren.",
                        ),
                        (
                            MET,
                            "Haalbaar: het nieuwe pakket kan twee entiteiten voeren; de overstap vraagt een "
                            "jaar voorbereiding.",
                        ),
                        (MET, "Gesteund door de financieel directeur en het managementteam."),
                    ),
                ],
            ),
            _product(
                "Budgetopvolging en BBC-rapportering",
                "Managementteam, college, vast bureau en raden",
                ("1.0", "0.4"),
                "6000",
                "",
                (4, 3, 4, 5),
                "De rapportering is stipt, maar de raadsleden vinden ze moeilijk leesbaar.",
                F.INTEGRATION,
                "De rapportering over het meerjarenplan gebeurt al samen; dat wordt vastgelegd in de "
                "beheersovereenkomst.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "Eén team volgt het meerjarenplan van beide besturen op.",
                        (MET, "Sinds 2020 is er één geïntegreerd meerjarenplan."),
                        (MET, "De rapportering gebeurt al gezamenlijk."),
                        (MET, "Geen bezwaar in college en vast bureau."),
                    ),
                    _hyp(
                        F.NEW_PROCESSES,
                        "Een vereenvoudigde kwartaalrapportering met een leesbare samenvatting voor de "
                        "raadsleden.",
                        (MET, "De wettelijke rapportering blijft ongewijzigd."),
                        (MET, "Het boekhoudpakket laat een eigen sjabloon toe."),
                        (MET, "De raadsleden vragen er zelf om."),
                    ),
                ],
            ),
            _product(
                "Facturatie thuiszorg",
                "Cliënten van de thuiszorg, dienst thuiszorg",
                ("0", "0.8"),
                "4200",
                "",
                (2, 2, 4, 4),
                "De facturen worden met de hand opgemaakt, los van de boekhouding. Fouten leiden tot veel "
                "telefoons van cliënten.",
                F.NEW_PROCESSES,
                "De facturatie blijft bij het OCMW, maar wordt geautomatiseerd vanuit het planningspakket "
                "van de thuiszorg.",
                [
                    _hyp(
                        F.NEW_PROCESSES,
                        "Automatische facturatie vanuit de zorgplanning.",
                        (MET, "Geen juridisch bezwaar."),
                        (MET, "Het planningspakket heeft een module voor facturatie."),
                        (MET, "Past binnen het meerjarenplan."),
                    ),
                    _hyp(
                        F.INTEGRATION,
                        "De financiële dienst neemt de facturatie van de thuiszorg over.",
                        (MET, "Mogelijk binnen de beheersovereenkomst."),
                        (
                            NOT_MET,
                            "De facturatie hangt sterk samen met de zorgplanning en hoort dicht bij de "
                            "thuiszorg.",
                        ),
                        (NOT_MET, "De OCMW-voorzitter wil de facturatie dicht bij de zorg houden."),
                    ),
                ],
            ),
        ],
    },
    "Communicatie": {
        "working_methods": WorkingMethods.GEMEENTE_ONLY,
        "working_methods_note": (
            "Enkel de gemeente heeft een communicatiedienst. Het OCMW maakt zijn folders zelf op via de "
            "administratie en levert teksten aan voor het infoblad."
        ),
        "total_scenario": F.INTEGRATION,
        "total_scenario_note": (
            "Eén communicatiedienst voor beide besturen, met één huisstijl, één website en één intranet. "
            "De nieuwsbrief voor de medewerkers start meteen, als quick win."
        ),
        "products": [
            _product(
                "Infoblad en website",
                "Inwoners, verenigingen, welzijnspartners",
                ("2.0", "0.2"),
                "46000",
                "Drukwerk en hosting van de website",
                (4, 4, 5, 4),
                "Het infoblad wordt goed gelezen. De informatie van het OCMW is moeilijk te vinden op de "
                "website.",
                F.INTEGRATION,
                "De communicatiedienst werkt voor beide besturen; het OCMW krijgt een vaste rubriek in het "
                "infoblad en een plaats op één website.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "De communicatiedienst van de gemeente werkt ook voor het OCMW.",
                        (MET, "De beheersovereenkomst kan regelen dat de dienst ook voor het OCMW werkt."),
                        (MET, "De redactieplanning is eenvoudig uit te breiden."),
                        (MET, "Het bestuur wil één herkenbaar verhaal naar de inwoner."),
                    ),
                ],
            ),
            _product(
                "Interne communicatie",
                "Alle medewerkers",
                ("0.5", "0.1"),
                "3500",
                "",
                (2, 2, 4, 4),
                "Er is geen gezamenlijk intranet. Medewerkers horen nieuws over het traject vaak via "
                "collega's.",
                F.INTEGRATION,
                "Eén intranet en één nieuwsbrief voor alle medewerkers; de nieuwsbrief start meteen als "
                "eerste stap.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "Eén intranet en één nieuwsbrief voor alle medewerkers.",
                        (MET, "Geen juridisch bezwaar."),
                        (MET, "Haalbaar zodra er één netwerk is; de nieuwsbrief kan meteen starten."),
                        (MET, "De algemeen directeur wil een communicatieplan voor het traject."),
                    ),
                    _hyp(
                        F.STRUCTURED,
                        "Een gezamenlijke nieuwsbrief, met elk een eigen intranet.",
                        (MET, "Geen juridisch bezwaar."),
                        (MET, "Kan meteen starten."),
                        (MET, "Geen bezwaar."),
                    ),
                ],
            ),
        ],
    },
    "Technische dienst": {
        "working_methods": WorkingMethods.DIFFERENT,
        "working_methods_note": (
            "De technische dienst van de gemeente springt informeel bij voor het OCMW; voor klein "
            "onderhoud werkt het OCMW met externe aannemers. De uren voor het OCMW worden met de hand "
            "bijgehouden."
        ),
        "total_scenario": F.INTEGRATION,
        "total_scenario_note": (
            "Eén technische dienst voor alle gebouwen, het groen en het wagenpark van beide besturen. De "
            "renovatie van het Sociaal Huis wordt een apart project in het programma."
        ),
        "products": [
            _product(
                "Onderhoud van gebouwen",
                "Alle diensten, gebruikers van de gebouwen",
                ("9.0", "0.5"),
                "185000",
                "Klein onderhoud van de OCMW-gebouwen, onderhoud van verwarming en liften",
                (3, 3, 4, 4),
                "Dringende herstellingen gebeuren snel; het planmatig onderhoud van het Sociaal Huis blijft "
                "achter.",
                F.INTEGRATION,
                "Eén technische dienst voor alle gebouwen van gemeente en OCMW, met één meldingssysteem en "
                "één onderhoudsplanning.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "De technische dienst van de gemeente onderhoudt ook de gebouwen van het OCMW.",
                        (
                            MET,
                            "De terbeschikkingstelling van personeel wordt geregeld in de "
                            "beheersovereenkomst.",
                        ),
                        (MET, "Het meldingssysteem van de gemeente kan de gebouwen van het OCMW opnemen."),
                        (MET, "Het bestuur vraagt dit al langer."),
                    ),
                    _hyp(
                        F.OUTSOURCING,
                        "Het onderhoud van alle gebouwen gaat naar externe aannemers.",
                        (MET, "Mogelijk met een raamcontract na een overheidsopdracht."),
                        (NOT_MET, "Aannemers reageren trager op dringende herstellingen dan de eigen ploeg."),
                        (NOT_MET, "Het bestuur wil een sterke eigen technische dienst."),
                    ),
                ],
            ),
            _product(
                "Groenonderhoud",
                "Inwoners, alle diensten",
                ("8.0", "0"),
                "145000",
                "Maaien van bermen en snoeien van hoge bomen",
                (4, 4, 4, 4),
                "Het groen rond het Sociaal Huis en het woonzorgcentrum wordt op afroep onderhouden.",
                F.STRUCTURED,
                "Het groen van het OCMW komt in de vaste planning van de groendienst, zonder verdere "
                "integratie.",
                [
                    _hyp(
                        F.STRUCTURED,
                        "Vaste afspraken over het groenonderhoud van de OCMW-sites.",
                        (MET, "Geen juridisch bezwaar."),
                        (MET, "De groendienst kan de percelen in zijn planning opnemen."),
                        (MET, "Geen bezwaar."),
                    ),
                ],
            ),
            _product(
                "Wagenpark",
                "Technische dienst, thuiszorg, sociale dienst",
                ("0.5", "0.1"),
                "68000",
                "Onderhoud en herstel van de voertuigen",
                (3, 2, 4, 4),
                "De dienstwagens van de thuiszorg worden apart onderhouden; een defect betekent soms een "
                "uitgestelde ronde.",
                F.INTEGRATION,
                "Eén beheer van het wagenpark voor beide besturen, met voorrang voor de dienstwagens van de "
                "thuiszorg.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "Eén beheer van alle voertuigen van gemeente en OCMW.",
                        (MET, "Geen juridisch bezwaar; de voertuigen blijven eigendom van elk bestuur."),
                        (
                            MET,
                            "Haalbaar met vaste voorrang voor de dienstwagens van de thuiszorg tijdens de "
                            "rondes van de verzorgenden.",
                        ),
                        (MET, "Gesteund door de burgemeester en de OCMW-voorzitter."),
                    ),
                ],
            ),
        ],
    },
    "Aankoop": {
        "working_methods": WorkingMethods.OCMW_ONLY,
        "working_methods_note": (
            "Enkel het OCMW heeft een aankoopcel, opgebouwd voor het woonzorgcentrum. Bij de gemeente koopt "
            "elke dienst zelf aan, met eigen leveranciers."
        ),
        "total_scenario": F.INTEGRATION,
        "total_scenario_note": (
            "Eén aankoopdienst voor beide besturen, gebouwd op de aankoopcel van het OCMW, die waar het "
            "kan afneemt via de aankoopcentrale van de intercommunale."
        ),
        "products": [
            _product(
                "Overheidsopdrachten en raamcontracten",
                "Alle diensten",
                ("0.6", "1.2"),
                "7500",
                "Juridisch advies bij Europese aanbestedingen",
                (3, 2, 4, 4),
                "De aankoopcel van het OCMW werkt degelijk, maar de diensten van de gemeente kennen haar "
                "niet en schrijven zelf bestekken.",
                F.INTEGRATION,
                "Eén aankoopcel voor beide besturen, vertrekkend van de aankoopcel van het OCMW, die waar "
                "mogelijk afneemt via een aankoopcentrale.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "De aankoopcel van het OCMW werkt voor beide besturen.",
                        (
                            MET,
                            "Toegelaten als gezamenlijke opdracht, die beide besturen formeel goedkeuren.",
                        ),
                        (MET, "De aankoopcel heeft de procedures en de modellen al."),
                        (MET, "College en vast bureau steunen één aankoopbeleid."),
                    ),
                    _hyp(
                        F.INTERMUNICIPAL,
                        "Beide besturen nemen zoveel mogelijk af via de aankoopcentrale van de "
                        "intercommunale.",
                        (
                            MET,
                            "Wie afneemt via een aankoopcentrale, hoeft zelf geen plaatsingsprocedure te "
                            "voeren.",
                        ),
                        (MET, "De raamcontracten bestaan al."),
                        (
                            MET,
                            "College en vast bureau steunen het, zolang lokale leveranciers kansen houden.",
                        ),
                    ),
                ],
            ),
            _product(
                "Bestellingen en voorraad kantoormateriaal",
                "Alle diensten",
                ("0.3", "0.4"),
                "21000",
                "",
                (3, 3, 4, 4),
                "Elke dienst bestelt zelf; in het ene gebouw liggen overschotten, in het andere tekorten.",
                F.INTEGRATION,
                "Eén bestelsysteem en één voorraad voor beide gebouwen.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "Eén bestelsysteem en één voorraad, beheerd door de aankoopcel.",
                        (MET, "Geen juridisch bezwaar."),
                        (MET, "Het bestelsysteem van het OCMW kan de diensten van de gemeente opnemen."),
                        (MET, "Geen bezwaar."),
                    ),
                ],
            ),
        ],
    },
    # The four services below got a short assessment: one product each.
    "Interne preventie": {
        "working_methods": WorkingMethods.SAME,
        "working_methods_note": (
            "Beide besturen zijn aangesloten bij dezelfde externe dienst voor preventie en bescherming; de "
            "interne preventieadviseur werkt al voor beide."
        ),
        "total_scenario": F.STRUCTURED,
        "total_scenario_note": (
            "Geen verdere integratie nodig: één preventieadviseur en één externe dienst werken al voor "
            "beide besturen. Er komt één globaal preventieplan."
        ),
        "products": [
            _product(
                "Risicoanalyse en preventie op het werk",
                "Alle medewerkers, leidinggevenden",
                ("0.5", "0.2"),
                "16000",
                "Externe dienst voor preventie en bescherming op het werk",
                (4, 4, 4, 4),
                "De samenwerking loopt goed; enkel voor het Sociaal Huis is de risicoanalyse achterstallig.",
                F.STRUCTURED,
                "De huidige samenwerking blijft, met één globaal preventieplan voor beide besturen.",
                [
                    _hyp(
                        F.STRUCTURED,
                        "Eén preventieadviseur en één globaal preventieplan voor beide besturen.",
                        (MET, "Een gemeenschappelijke interne dienst voor preventie is toegelaten."),
                        (MET, "Het werkt vandaag al zo."),
                        (MET, "Geen bezwaar."),
                    ),
                ],
            ),
        ],
    },
    "Secretariaat": {
        "working_methods": WorkingMethods.DIFFERENT,
        "working_methods_note": (
            "Het secretariaat van de gemeente en dat van het OCMW bereiden elk hun eigen zittingen voor, al "
            "gebruiken ze hetzelfde pakket voor de notulen."
        ),
        "total_scenario": F.INTEGRATION,
        "total_scenario_note": (
            "Eén secretariaat voor beide besturen. Dat hangt af van de huisvesting: beide teams moeten op "
            "één plek kunnen werken."
        ),
        "products": [
            _product(
                "Voorbereiding van college, vast bureau en raden",
                "Mandatarissen, algemeen directeur, diensthoofden",
                ("2.0", "1.0"),
                "9000",
                "",
                (3, 3, 4, 4),
                "Dossiers die beide besturen raken, worden soms twee keer voorbereid.",
                F.INTEGRATION,
                "Eén secretariaat voor alle zittingen, met één agenda voor college, vast bureau en beide "
                "raden.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "Eén secretariaat bereidt de zittingen van alle organen voor.",
                        (MET, "De algemeen directeur bereidt de zittingen van beide besturen voor."),
                        (MET, "Beide teams gebruiken al hetzelfde notulenpakket."),
                        (MET, "Het college en het vast bureau steunen het."),
                    ),
                ],
            ),
        ],
    },
    "Juridische dienst": {
        "working_methods": WorkingMethods.GEMEENTE_ONLY,
        "working_methods_note": (
            "Enkel de gemeente heeft een juridisch medewerker; het OCMW vraagt advies aan de gemeente of "
            "aan een advocatenkantoor."
        ),
        "total_scenario": F.INTEGRATION,
        "total_scenario_note": (
            "De juridische dienst werkt voor beide besturen. Voor sociaal recht blijft een externe "
            "specialist beschikbaar."
        ),
        "products": [
            _product(
                "Juridisch advies",
                "Algemeen directeur, diensthoofden, sociale dienst",
                ("1.0", "0"),
                "28000",
                "Geschillen en gerechtelijke procedures bij een advocatenkantoor",
                (3, 3, 4, 4),
                "De adviezen zijn degelijk, maar de kennis van het sociaal recht is beperkt.",
                F.INTEGRATION,
                "De juridisch medewerker adviseert beide besturen; voor sociaal recht blijft een externe "
                "specialist beschikbaar.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "De juridische dienst van de gemeente werkt ook voor het OCMW.",
                        (MET, "Te regelen in de beheersovereenkomst."),
                        (MET, "Haalbaar met een opleiding in sociaal recht voor de juridisch medewerker."),
                        (MET, "Geen bezwaar."),
                    ),
                ],
            ),
        ],
    },
    "Archief": {
        "working_methods": WorkingMethods.DIFFERENT,
        "working_methods_note": (
            "Beide besturen beheren hun eigen archief. Het archief van het OCMW staat in de kelder van het "
            "Sociaal Huis, waar vocht een probleem is."
        ),
        "total_scenario": F.STRUCTURED,
        "total_scenario_note": (
            "Gestructureerde samenwerking: één archivaris en één archiveringsplan, en het OCMW-archief "
            "verhuist uit de vochtige kelder."
        ),
        "products": [
            _product(
                "Beheer van het papieren en digitale archief",
                "Alle diensten, onderzoekers, inwoners",
                ("0.8", "0.2"),
                "11000",
                "Vernietiging van documenten door een gespecialiseerde firma",
                (2, 2, 4, 3),
                "Het archief van het OCMW is deels niet ontsloten en loopt schade op door vocht.",
                F.STRUCTURED,
                "De archivaris van de gemeente ontsluit ook het archief van het OCMW; beide archieven "
                "blijven juridisch gescheiden.",
                [
                    _hyp(
                        F.STRUCTURED,
                        "Eén archivaris en één archiveringsplan, met aparte archieven.",
                        (
                            MET,
                            "Elk bestuur blijft eigenaar van zijn archief; de bewaartermijnen van sociale "
                            "dossiers blijven gelden.",
                        ),
                        (MET, "Eén archiveringsplan en één archiefruimte volstaan."),
                        (MET, "Geen bezwaar."),
                    ),
                ],
            ),
        ],
    },
}

# --- Ieper: a scan in progress --------------------------------------------------------------------

IEPER_WITNESSES = [
    {
        "name": "Stefaan Vanneste",
        "function": "Burgemeester",
        "organisation": GEMEENTE,
        "group": MANDATARY,
        "consents": True,
        "held_on": _day(5, 19),
        "summary": (
            "Wil vooral efficiëntere ondersteunende diensten en is voorzichtig over één organisatie op "
            "korte termijn."
        ),
        "answers": [
            (
                "De stad heeft een sterke uitstraling dankzij toerisme en erfgoed, en een goed "
                "georganiseerde dienst burgerzaken.",
                None,
            ),
            ("Goed. Inwoners zijn tevreden over de openingsuren van het stadhuis en het digitale loket.", 4),
            (
                "Het OCMW heeft een hechte band met de welzijnspartners in de regio. Die netwerkkracht kan "
                "de stad gebruiken.",
                None,
            ),
            (
                "De meerderheid wil samenwerken, maar stap voor stap. Niemand vraagt om een grote fusie van "
                "vandaag op morgen.",
                4,
            ),
            ("Het management is bereid; of de medewerkers mee zijn, moet de bevraging tonen.", 3),
            (
                "De algemeen directeur trekt. De rem is de volle agenda: er lopen nog andere grote projecten "
                "in de stad.",
                None,
            ),
            (
                "Eerst gedeelde ondersteunende diensten, met een projectaanpak per dienst. Eén organisatie "
                "is voor later.",
                None,
            ),
            ("Over de eerste stappen zijn we het eens, over het eindpunt niet.", 3),
            ("In de aankoop en de personeelsadministratie: elk huis heeft zijn eigen regels.", None),
            ("Redelijk. Voor de financiën werken we al met één team, elders nog niet.", 3),
            (
                "Het stadhuis ligt aan de Grote Markt, het OCMW heeft een eigen administratief centrum iets "
                "verderop. Beide gebouwen zitten vol.",
                None,
            ),
            ("Matig. Er is weinig ruimte om teams samen te zetten, al is de afstand klein.", 3),
        ],
    },
    {
        "name": "Marleen Deprez",
        "function": "OCMW-voorzitter",
        "organisation": OCMW,
        "group": MANDATARY,
        "consents": False,
        "held_on": _day(5, 21),
        "summary": (
            "Steunt samenwerking in de ondersteunende diensten, maar wil de sociale dienst buiten de "
            "eerste fase houden."
        ),
        "answers": [
            (
                "Onze sociale dienst werkt nauw samen met het CAW en de huisartsen. We bereiken veel mensen "
                "die anders uit de boot vallen.",
                None,
            ),
            ("Sterk, zeker in de begeleiding van mensen met schulden.", 4),
            ("De stad is goed in projectwerking en heeft een sterke communicatiedienst.", None),
            (
                "Er is steun voor gedeelde diensten. Voor verdere stappen wil de raad eerst resultaten zien.",
                3,
            ),
            (
                "De medewerkers van het OCMW zijn terughoudend. Ze hebben al veel veranderingen achter de "
                "rug.",
                2,
            ),
            (
                "De algemeen directeur trekt. Ik waak erover dat de sociale dienst niet opgaat in het "
                "geheel.",
                None,
            ),
            (
                "Gedeelde ondersteunende diensten, met een heldere beheersovereenkomst. Geen volledige "
                "integratie van de hulpverlening.",
                None,
            ),
            ("Voor de ondersteunende diensten delen we het beeld, voor de rest niet.", 3),
            (
                "Sociale dossiers vragen een andere aanpak dan die van de stad, met beroepsgeheim en een "
                "eigen comité.",
                None,
            ),
            ("Zwak. Het OCMW heeft eigen software en een eigen personeelsadministratie.", 2),
            (
                "Het administratief centrum van het OCMW is degelijk, maar de sociale dienst heeft te weinig "
                "gespreksruimtes.",
                None,
            ),
            ("Alles onder één dak hoeft niet. Goede afspraken zijn belangrijker dan de locatie.", 3),
        ],
    },
    {
        "name": "Bart Desmet",
        "function": "Algemeen directeur",
        "organisation": BOTH,
        "group": DIRECTOR,
        "consents": True,
        "held_on": _day(5, 27),
        "summary": (
            "Wil een pragmatische aanpak met projectbeheer: één ondersteunende dienst tegelijk, telkens met "
            "een goedgekeurd projectplan."
        ),
        "answers": [
            (
                "We hebben een jong managementteam dat goed samenwerkt, en een financiële dienst die al voor "
                "beide besturen werkt.",
                None,
            ),
            ("Goed voor de meeste diensten. De doorverwijzing tussen stad en OCMW kan beter.", 4),
            ("Het OCMW werkt klantgerichter; de stad plant beter.", None),
            ("Het college en het vast bureau steunen een aanpak in fasen.", 4),
            (
                "Het managementteam is mee. De medewerkers willen vooral weten wat er concreet verandert.",
                3,
            ),
            (
                "Ik trek, samen met de financieel directeur. De rem is de beperkte capaciteit om naast de "
                "dagelijkse werking projecten te dragen.",
                None,
            ),
            (
                "Gedeelde diensten, één voor één, telkens met een goedgekeurd projectplan. Eén organisatie "
                "is geen doel op zich.",
                None,
            ),
            ("Het beeld voor de komende twee jaar is gedeeld. Daarna lopen de ideeën uiteen.", 3),
            (
                "In ICT en HR: twee netwerken en twee personeelsadministraties. Financiën werkt al samen.",
                None,
            ),
            ("Gemiddeld. Waar we al samenwerken, loopt het vlot.", 3),
            (
                "Stadhuis en OCMW-centrum liggen dicht bij elkaar. Een nieuw administratief centrum staat "
                "niet in het meerjarenplan.",
                None,
            ),
            ("Voldoende voor gedeelde diensten, niet voor één organisatie onder één dak.", 3),
        ],
    },
    {
        "name": "Ann Lefevere",
        "function": "Diensthoofd sociale dienst",
        "organisation": OCMW,
        "group": HEAD,
        "consents": False,
        "held_on": _day(6, 3),
        "summary": (
            "Gesprek na de eerste twee thema's onderbroken; het vervolg over richting, werkwijzen en "
            "huisvesting is ingepland."
        ),
        "answers": [
            (
                "Elk gezin heeft een vaste maatschappelijk werker, zodat mensen hun verhaal niet telkens "
                "opnieuw moeten doen.",
                None,
            ),
            ("Sterk, maar de wachttijd voor een eerste gesprek loopt op.", 4),
            ("De stad heeft een vlot digitaal loket. Onze cliënten vragen daar geregeld naar.", None),
            ("Ik merk steun, maar ook weinig kennis van hoe een sociale dienst werkt.", 3),
            (
                "Op mijn dienst is er veel scepsis. Mensen vrezen meer administratie en minder tijd voor "
                "cliënten.",
                2,
            ),
            (
                "De algemeen directeur trekt. De voorzitter houdt de rem erop waar het de sociale dienst "
                "raakt.",
                None,
            ),
        ],
        "partial": True,
    },
    {
        # no interview yet: planned
        "name": "Wim Vandamme",
        "function": "Diensthoofd ICT",
        "organisation": GEMEENTE,
        "group": HEAD,
        "consents": True,
        "held_on": None,
        "summary": "",
        "answers": [],
    },
]

IEPER_FINDINGS = [
    (
        Finding.Kind.STRENGTH,
        Theme.SUPPORT,
        "College en vast bureau steunen gedeelde ondersteunende diensten, met een aanpak in fasen.",
        "Het college en het vast bureau steunen een aanpak in fasen.",
        "Bart Desmet",
        True,
    ),
    (
        Finding.Kind.RISK,
        Theme.SUPPORT,
        "De medewerkers van het OCMW zijn terughoudend na eerdere veranderingen.",
        "",
        None,
        False,
    ),
]

IEPER_SERVICES = {
    "ICT": {
        "working_methods": WorkingMethods.DIFFERENT,
        "working_methods_note": (
            "De stad heeft een ICT-dienst van drie medewerkers; het OCMW heeft één ICT-medewerker en een "
            "eigen netwerk."
        ),
        "total_scenario": F.INTEGRATION,
        "total_scenario_note": (
            "Eén ICT-dienst met één helpdesk; de servers en het netwerk gaan naar de intergemeentelijke "
            "ICT-vereniging."
        ),
        "products": [
            _product(
                "Helpdesk",
                "Alle medewerkers van stad en OCMW",
                ("1.5", "0.5"),
                "27000",
                "",
                (3, 2, 4, 4),
                "De ICT-medewerker van het OCMW staat er alleen voor; bij afwezigheid is er geen opvang.",
                F.INTEGRATION,
                "Eén helpdesk voor beide besturen, met één ticketsysteem.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "De ICT-dienst van de stad neemt de helpdesk van het OCMW over.",
                        (MET, "Te regelen in een beheersovereenkomst."),
                        (TO_CHECK, "Het ticketsysteem van de stad moet uitgebreid worden."),
                        (MET, "College en vast bureau steunen het."),
                    ),
                    _hyp(
                        F.INTERMUNICIPAL,
                        "De helpdesk van beide besturen gaat naar de intergemeentelijke ICT-vereniging.",
                        (MET, "De statuten van de vereniging laten het toe."),
                        (TO_CHECK, "De reactietijd op locatie moet nog blijken."),
                        (TO_CHECK, "Nog niet besproken in het college."),
                    ),
                ],
            ),
            _product(
                "Netwerk en servers",
                "ICT-diensten",
                ("1.0", "0.3"),
                "48000",
                "Hosting van de servers van het OCMW",
                (3, 3, 4, 4),
                "Twee netwerken met elk een eigen beheer; de servers van het OCMW zijn al extern gehost.",
                F.INTERMUNICIPAL,
                "Beide netwerken gaan naar het datacenter van de intergemeentelijke ICT-vereniging.",
                [
                    _hyp(
                        F.INTERMUNICIPAL,
                        "Het datacenter van de intergemeentelijke vereniging host beide netwerken.",
                        (MET, "De statuten laten het toe."),
                        (MET, "De servers van het OCMW staan er al."),
                        (TO_CHECK, "De gemeenteraad beslist in het najaar."),
                    ),
                ],
            ),
        ],
    },
    "Financiën": {
        "working_methods": WorkingMethods.SAME,
        "working_methods_note": (
            "Eén financiële dienst werkt al voor stad en OCMW, met één pakket en twee entiteiten."
        ),
        "total_scenario": F.INTEGRATION,
        "total_scenario_note": (
            "De bestaande feitelijke integratie wordt vastgelegd in de beheersovereenkomst."
        ),
        "products": [
            _product(
                "Boekhouding en rapportering",
                "Budgethouders, managementteam, raden",
                ("3.5", "0"),
                "21000",
                "",
                (4, 4, 4, 4),
                "Loopt vlot sinds de samenvoeging van beide boekhoudingen.",
                F.INTEGRATION,
                "Het bestaande gezamenlijke team blijft; de afspraken komen in de beheersovereenkomst.",
                [
                    _hyp(
                        F.INTEGRATION,
                        "Eén financiële dienst voor beide besturen.",
                        (MET, "Elk bestuur behoudt zijn eigen boekhouding als entiteit."),
                        (MET, "Werkt vandaag al zo."),
                        (MET, "Geen bezwaar."),
                    ),
                ],
            ),
        ],
    },
    "Personeel en HR": {
        "working_methods": WorkingMethods.DIFFERENT,
        "working_methods_note": (
            "Stad en OCMW hebben elk een personeelsdienst, maar werken met hetzelfde sociaal secretariaat."
        ),
        "total_scenario": F.STRUCTURED,
        "total_scenario_note": (
            "Beide personeelsdiensten stemmen hun procedures af en werken met één kalender; integratie "
            "volgt in een latere fase."
        ),
        "products": [
            _product(
                "Loonadministratie",
                "Alle medewerkers",
                ("1.2", "1.0"),
                "19000",
                "Loonverwerking via een sociaal secretariaat",
                (3, 3, 4, 4),
                "Correct, maar elke aanpassing gebeurt twee keer.",
                F.STRUCTURED,
                "Gezamenlijke procedures en één kalender voor beide personeelsdiensten.",
                [
                    _hyp(
                        F.STRUCTURED,
                        "Beide personeelsdiensten werken met dezelfde procedures en één kalender.",
                        (MET, "Geen juridisch bezwaar."),
                        (MET, "Hetzelfde sociaal secretariaat maakt afstemming eenvoudig."),
                        (MET, "Gesteund door het managementteam."),
                    ),
                    _hyp(
                        F.INTEGRATION,
                        "Eén personeelsdienst voor beide besturen.",
                        (TO_CHECK, "De rechtspositieregelingen verschillen nog."),
                        (TO_CHECK, "Vraagt eerst één personeelsadministratie."),
                        (NOT_MET, "Het vast bureau wil de personeelsadministratie voorlopig apart houden."),
                    ),
                ],
            ),
        ],
    },
}


# --- Building --------------------------------------------------------------------------------------


def seed_scans(*, lgs: dict[str, LocalGovernment], users: dict, scale: int = 1) -> None:
    """Demo extender: a final scan for each programme of A, a scan in progress for each of B."""
    plans = (
        ("a", users["consultant.a"], _build_geel, 13008),
        ("b", users["consultant.b"], _build_ieper, 33011),
    )
    for key, consultant, build, seed in plans:
        for n, programme in _programmes(lgs[key], PROGRAMMES[key]["title"], scale):
            scan = scan_start(user=consultant, programme=programme)
            if scan.witnesses.exists():
                continue  # already seeded (or in the consultant's hands): leave it alone
            build(scan, consultant, scale if n == 1 else 1, random.Random(seed * 100 + n))  # noqa: S311


def _programmes(lg: LocalGovernment, title: str, scale: int):
    """The demo programmes of a local government, as programmes.demo names them."""
    titles = {title if n == 1 else f"{title} – deeltraject {n}": n for n in range(1, scale + 1)}
    programmes = Programme.objects.filter(local_government=lg, title__in=titles)
    return sorted((titles[p.title], p) for p in programmes)


def _build_geel(scan: Scan, consultant, multiplier: int, rng: random.Random) -> None:
    specs = list(GEEL_WITNESSES)
    taken = {spec["name"] for spec in specs}
    for i in range((multiplier - 1) * len(GEEL_WITNESSES)):
        specs.append(_extra_witness(i, rng, taken))
    witnesses = _interviews(scan, consultant, specs)
    _findings(scan, GEEL_FINDINGS, witnesses)
    _survey(
        scan,
        rng,
        departments=_scaled(GEEL_DEPARTMENTS, multiplier, fixed="Communicatie", absorb="Technische dienst"),
        means=GEEL_MEANS,
        last_names=LAST_NAMES_GEEL,
        domains={GEMEENTE: "gemeente.geel.example", OCMW: "ocmw.geel.example"},
        ideas_extra=IDEAS_GEEL,
        state=Survey.State.CLOSED,
        opened_at=_at(3, 2, 8, 30),
        closed_at=_at(3, 20, 17, 0),
        reminder_at=_at(3, 10, 7, 45),
        first_days=[_day(3, d) for d in (2, 3, 4, 5, 6)],
        later_days=[_day(3, d) for d in (10, 11, 12, 13, 16, 17, 18, 19)],
    )
    _services(scan, GEEL_SERVICES)
    scan.confirmed_scenario = Scenario.PROGRAMMATIC
    scan.scenario_reason = GEEL_SCENARIO_REASON
    scan.confirmed_by = consultant
    scan.confirmed_at = _at(4, 2, 10, 15)
    scan.state = Scan.State.FINAL
    scan.finalised_at = _at(4, 7, 16, 30)
    scan.version += 1
    scan._history_user = consultant
    scan.save()
    Scan.objects.filter(pk=scan.pk).update(created_at=_at(2, 2, 9, 0))  # started with the programme


def _build_ieper(scan: Scan, consultant, multiplier: int, rng: random.Random) -> None:
    witnesses = _interviews(scan, consultant, IEPER_WITNESSES)
    _findings(scan, IEPER_FINDINGS, witnesses)
    _survey(
        scan,
        rng,
        departments=IEPER_DEPARTMENTS,
        means=IEPER_MEANS,
        last_names=LAST_NAMES_IEPER,
        domains={GEMEENTE: "stad.ieper.example", OCMW: "ocmw.ieper.example"},
        ideas_extra=[],
        state=Survey.State.OPEN,
        opened_at=_at(6, 8, 9, 0),
        closed_at=None,
        reminder_at=None,
        first_days=[_day(6, d) for d in (8, 9, 10, 11, 12)],
        later_days=[],
    )
    _services(scan, IEPER_SERVICES)
    Scan.objects.filter(pk=scan.pk).update(created_at=_at(5, 11, 9, 0))


def _extra_witness(i: int, rng: random.Random, taken: set[str]) -> dict:
    """Another staff member or head of service, with notes of core witnesses of the same organisation."""
    function, organisation, group = EXTRA_ROLES[i % len(EXTRA_ROLES)]
    name = _unique_name(rng, LAST_NAMES_GEEL, taken)
    sources = [
        spec
        for spec in GEEL_WITNESSES
        if spec["organisation"] == organisation and spec["group"] in (HEAD, STAFF)
    ]
    answers = []
    for q in range(len(GEEL_WITNESSES[0]["answers"])):
        notes, score = rng.choice(sources)["answers"][q]
        if score is not None and rng.random() < 0.3:
            score = min(5, max(1, score + rng.choice((-1, 1))))
        answers.append((notes, score))
    start = _day(2, 9)
    held_on = start + datetime.timedelta(days=rng.randrange(47))
    while held_on.weekday() >= 5:
        held_on -= datetime.timedelta(days=1)
    return {
        "name": name,
        "function": function,
        "organisation": organisation,
        "group": group,
        "consents": rng.random() < 0.4,
        "held_on": held_on,
        "summary": rng.choice(EXTRA_SUMMARIES),
        "answers": answers,
    }


def _unique_name(rng: random.Random, last_names: list[str], taken: set[str]) -> str:
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(last_names)}"
    n = 2
    base = name
    while name in taken:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(last_names)}" if n < 6 else f"{base} ({n})"
        n += 1
    taken.add(name)
    return name


def _interviews(scan: Scan, interviewer, specs: list[dict]) -> dict[str, Witness]:
    """The witnesses and, for those with a date, their interview with one answer per guide question."""
    witnesses = Witness.objects.bulk_create(
        Witness(
            scan=scan,
            name=spec["name"],
            function=spec["function"],
            organisation=spec["organisation"],
            group=spec["group"],
            consents_to_quote=spec["consents"],
        )
        for spec in specs
    )
    held = [(spec, witness) for spec, witness in zip(specs, witnesses, strict=True) if spec["held_on"]]
    interviews = Interview.objects.bulk_create(
        Interview(
            scan=scan,
            witness=witness,
            held_on=spec["held_on"],
            interviewer=interviewer,
            summary=spec["summary"],
        )
        for spec, witness in held
    )
    questions = list(GuideQuestion.objects.filter(scan=scan).order_by("position", "pk"))
    answers = []
    for (spec, _witness), interview in zip(held, interviews, strict=True):
        for i, question in enumerate(questions):
            if i < len(spec["answers"]):
                notes, score = spec["answers"][i]
            elif spec.get("partial"):
                break
            else:  # a question the consultant added to the guide
                notes, score = "Geen bijzondere opmerkingen bij deze vraag.", 3
            score = (score or 3) if question.asks_score else None
            answers.append(InterviewAnswer(interview=interview, question=question, notes=notes, score=score))
    InterviewAnswer.objects.bulk_create(answers, batch_size=1000)
    for day in {spec["held_on"] for spec, _witness in held}:  # saved on the day, not on the seed's day
        saved = datetime.datetime.combine(day, datetime.time(17, 0), tzinfo=BRUSSELS)
        Interview.objects.filter(scan=scan, held_on=day).update(updated_at=saved)
        InterviewAnswer.objects.filter(interview__scan=scan, interview__held_on=day).update(updated_at=saved)
    return {witness.name: witness for witness in witnesses}


def _findings(scan: Scan, specs, witnesses: dict[str, Witness]) -> None:
    Finding.objects.bulk_create(
        Finding(
            scan=scan,
            kind=kind,
            theme=theme,
            text=text,
            quote=quote,
            witness=witnesses.get(source) if source else None,
            is_key=is_key,
            position=n,
        )
        for n, (kind, theme, text, quote, source, is_key) in enumerate(specs, start=1)
    )


def _scaled(departments, multiplier: int, *, fixed: str, absorb: str):
    """Every department times the multiplier, except one small department that stays small (so the
    anonymity threshold shows at every scale); a big one takes over its share, so the totals scale."""
    fixed_row = next(row for row in departments if row[1] == fixed)
    extra_invited, extra_responded = fixed_row[2] * (multiplier - 1), fixed_row[3] * (multiplier - 1)
    rows = []
    for organisation, department, invited, responded in departments:
        if department == fixed:
            rows.append((organisation, department, invited, responded))
        elif department == absorb:
            rows.append(
                (
                    organisation,
                    department,
                    invited * multiplier + extra_invited,
                    responded * multiplier + extra_responded,
                )
            )
        else:
            rows.append((organisation, department, invited * multiplier, responded * multiplier))
    return rows


def _email(first: str, last: str, domain: str) -> str:
    local = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
    return f"{unicodedata.normalize('NFKD', local).encode('ascii', 'ignore').decode()}@{domain}"


def _survey(
    scan: Scan,
    rng: random.Random,
    *,
    departments,
    means,
    last_names,
    domains,
    ideas_extra,
    state,
    opened_at,
    closed_at,
    reminder_at,
    first_days,
    later_days,
) -> None:
    """Invitations per department, the anonymous responses of those who answered, and their answers."""
    survey = scan.survey
    survey.state = state
    survey.opened_at = opened_at
    survey.closed_at = closed_at
    survey.save(update_fields=["state", "opened_at", "closed_at"])

    emails: set[str] = set()
    invitations, submitted = [], []
    for organisation, department, invited, responded in departments:
        answering = set(rng.sample(range(invited), responded))
        for i in range(invited):
            email = base = _email(rng.choice(FIRST_NAMES), rng.choice(last_names), domains[organisation])
            n = 2
            while email in emails:  # namesakes get a number, as mail servers do
                email = base.replace("@", f"{n}@", 1)
                n += 1
            emails.add(email)
            invitation = SurveyInvitation(
                survey=survey,
                email=email,
                organisation=organisation,
                department=department,
                sent_at=opened_at + datetime.timedelta(minutes=rng.randrange(5)),
            )
            if i in answering:
                late = later_days and rng.random() < 0.35
                day = rng.choice(later_days if late else first_days)
                invitation.responded_at = datetime.datetime.combine(
                    day, datetime.time(8, 0), tzinfo=BRUSSELS
                ) + datetime.timedelta(minutes=rng.randrange(9 * 60))
                submitted.append((organisation, department, day))
            if reminder_at and (invitation.responded_at is None or invitation.responded_at > reminder_at):
                invitation.reminded_at = reminder_at
            invitations.append(invitation)
    SurveyInvitation.objects.bulk_create(invitations, batch_size=1000)

    # The responses carry their group and day only; their order says nothing about the invitations.
    rng.shuffle(submitted)
    responses = SurveyResponse.objects.bulk_create(
        (
            SurveyResponse(survey=survey, organisation=organisation, department=department, submitted_on=day)
            for organisation, department, day in submitted
        ),
        batch_size=1000,
    )
    questions = list(survey.questions.order_by("position", "pk"))
    decks = {
        (SurveyQuestion.Topic.WORRIES, False): _Deck(rng, WORRIES),
        (SurveyQuestion.Topic.WORRIES, True): _Deck(rng, WORRIES_OCMW),
        (SurveyQuestion.Topic.IDEAS, False): _Deck(rng, IDEAS + ideas_extra),
        (SurveyQuestion.Topic.IDEAS, True): _Deck(rng, IDEAS_OCMW),
    }
    answers = []
    for response in responses:
        shift = DEPARTMENT_SHIFT.get(response.department, 0.0)
        organisation_means = means[response.organisation]
        writes = rng.random() < 0.5
        wrote = False
        scored = 0
        for question in questions:
            if question.kind == SurveyQuestion.Kind.SCORE:
                mean = organisation_means[min(scored, len(organisation_means) - 1)] + shift
                scored += 1
                score = min(5, max(1, round(rng.gauss(mean, 0.85))))
                answers.append(SurveyAnswer(response=response, question=question, score=score))
            elif writes and question.topic in (SurveyQuestion.Topic.WORRIES, SurveyQuestion.Topic.IDEAS):
                is_last = question == questions[-1]
                if rng.random() < 0.75 or (is_last and not wrote):
                    text = _open_text(rng, decks, question.topic, response.organisation)
                    answers.append(SurveyAnswer(response=response, question=question, text=text))
                    wrote = True
    SurveyAnswer.objects.bulk_create(answers, batch_size=1000)


class _Deck:
    """Deals sentences like cards: each one once before any comes back, so answers rarely repeat."""

    def __init__(self, rng: random.Random, sentences: list[str]):
        self.rng, self.sentences, self.pile = rng, sentences, []

    def deal(self, *, besides: list[str]) -> str:
        for _attempt in range(len(self.sentences) + 1):
            if not self.pile:
                self.pile = list(self.sentences)
                self.rng.shuffle(self.pile)
            sentence = self.pile.pop()
            if sentence not in besides:
                return sentence
            self.pile.insert(0, sentence)
        return sentence


def _open_text(rng: random.Random, decks: dict, topic: str, organisation: str) -> str:
    """One or two sentences; the OCMW side also (and mostly) voices its own concerns and ideas."""
    chosen: list[str] = []
    for _n in range(2 if rng.random() < 0.4 else 1):
        own = organisation == OCMW and rng.random() < 0.6
        chosen.append(decks[topic, own].deal(besides=chosen))
    return " ".join(chosen)


def _services(scan: Scan, specs: dict[str, dict]) -> None:
    """Assess the named support services: working methods, products, hypotheses, decisions, total."""
    services = {service.name: service for service in SupportService.objects.filter(scan=scan)}
    position = max((s.position for s in services.values()), default=0)
    products, hypotheses = [], []
    for name, spec in specs.items():
        service = services.get(name)
        if service is None:  # the consultant removed it from this scan: add it back for the demo
            position += 1
            service = SupportService.objects.create(scan=scan, name=name, position=position)
        for field in ("working_methods", "working_methods_note", "total_scenario", "total_scenario_note"):
            setattr(service, field, spec[field])
        service.save()
        for n, product_spec in enumerate(spec["products"], start=1):
            values = {k: v for k, v in product_spec.items() if k != "hypotheses"}
            products.append(ServiceProduct(service=service, position=n, **values))
            hypotheses.append(product_spec["hypotheses"])
    products = ServiceProduct.objects.bulk_create(products)
    Hypothesis.objects.bulk_create(
        Hypothesis(product=product, **hypothesis)
        for product, product_hypotheses in zip(products, hypotheses, strict=True)
        for hypothesis in product_hypotheses
    )
