"""The four steps of a trajectory: what each delivers, and where a programme stands in each.

Later apps (scans, projects, agreements) register a provider for their step in their AppConfig.ready(),
so this module never imports them; until a step has a provider, its status follows `Programme.step`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import Programme, Step


@dataclass(frozen=True)
class StepInfo:
    number: int
    title: str
    summary: str
    deliverables: tuple[str, ...]
    first_action: str


STEPS: tuple[StepInfo, ...] = (
    StepInfo(
        Step.SCAN,
        Step.SCAN.label,
        _(
            "Gesprekken met bevoorrechte getuigen, een personeelsbevraging en een beoordeling van elke "
            "ondersteunende dienst volgens het VVSG-afwegingskader."
        ),
        (
            _("Interviews met bevoorrechte getuigen"),
            _("Personeelsbevraging"),
            _("Beoordeling van de ondersteunende diensten"),
            _("Scanrapport met advies over het samenwerkingsscenario"),
        ),
        _("Interviews met bevoorrechte getuigen plannen"),
    ),
    StepInfo(
        Step.TARGET_PICTURE,
        Step.TARGET_PICTURE.label,
        _(
            "De gedeelde ambitie, de beoogde resultaten vanuit elke invalshoek, kansen tegenover kosten, "
            "en een gefaseerd actieplan dat de algemeen directeur goedkeurt."
        ),
        (
            _("Streefbeeld met gedeelde ambitie"),
            _("Kansen en kosten van samenwerking"),
            _("Gefaseerd actieplan"),
            _("Goedkeuring door de algemeen directeur"),
        ),
        _("Het streefbeeld opstellen met de trekkers"),
    ),
    StepInfo(
        Step.PROGRAMME,
        Step.PROGRAMME.label,
        _(
            "Eén stuurstructuur voor alle projecten, en de afhankelijkheden tussen projecten in kaart "
            "gebracht en gecontroleerd."
        ),
        (
            _("Stuurgroep en projectstructuur"),
            _("Projecten met planning"),
            _("Afhankelijkheden zonder conflicten"),
        ),
        _("De stuurgroep samenstellen"),
    ),
    StepInfo(
        Step.AGREEMENT,
        Step.AGREEMENT.label,
        _(
            "De beheersovereenkomst tussen gemeente en OCMW, opgesteld uit de clausulebibliotheek, "
            "goedgekeurd en vastgesteld door beide raden."
        ),
        (
            _("Ontwerp van beheersovereenkomst"),
            _("Goedkeuring voor de raadsagenda"),
            _("Besluiten van gemeenteraad en OCMW-raad"),
        ),
        _("De beheersovereenkomst opstellen uit de clausulebibliotheek"),
    ),
)


class StepState:
    DONE = "done"
    CURRENT = "current"
    TODO = "todo"


STATE_LABELS = {
    StepState.DONE: _("Afgerond"),
    StepState.CURRENT: _("Bezig"),
    StepState.TODO: _("Nog niet gestart"),
}


@dataclass
class StepStatus:
    info: StepInfo
    state: str
    missing: list[str] = field(default_factory=list)
    next_action: str = ""
    url: str | None = None

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


StepProvider = Callable[[Programme, StepStatus], StepStatus]
BulkLoader = Callable[[list[Programme]], None]
_providers: dict[int, StepProvider] = {}
_bulk_loaders: list[BulkLoader] = []


def register_step_provider(number: int, provider: StepProvider, *, bulk: BulkLoader | None = None) -> None:
    """Let the app that builds a step fill in its real status, missing items and page link.

    `bulk` loads what the provider needs for many programmes in a fixed number of queries (the dashboard
    calls it once for all its programmes), so a page's queries never grow with its number of programmes.
    """
    _providers[number] = provider
    if bulk is not None and bulk not in _bulk_loaders:
        _bulk_loaders.append(bulk)


def preload(programmes: list[Programme]) -> None:
    """Load, for all these programmes at once, what the step providers need."""
    if programmes:
        for loader in _bulk_loaders:
            loader(programmes)


def step_overview(programme: Programme) -> list[StepStatus]:
    """The four steps of a programme with their status, what is missing and the next thing to do."""
    statuses = []
    for info in STEPS:
        if info.number < programme.step:
            status = StepStatus(info=info, state=StepState.DONE)
        elif info.number == programme.step:
            status = StepStatus(
                info=info,
                state=StepState.CURRENT,
                missing=list(info.deliverables),
                next_action=info.first_action,
            )
        else:
            status = StepStatus(info=info, state=StepState.TODO, missing=list(info.deliverables))
        provider = _providers.get(info.number)
        if provider is not None:
            status = provider(programme, status)
        statuses.append(status)
    return statuses


def next_action(programme: Programme) -> str:
    """The next thing to do in a programme: the current step's first open item."""
    for status in step_overview(programme):
        if status.state == StepState.CURRENT:
            return str(status.next_action or (status.missing[0] if status.missing else ""))
    return ""
