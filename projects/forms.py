"""Forms of step 3: they parse and present; the rules live in projects/services/ (the package).

Every choice field is scoped to the programme (its projects, groups and approved plan actions) or to the
members of its local government. A primary key that cannot be looked up is an invalid choice, not a 500.
"""

from __future__ import annotations

import datetime
import html

from django import forms
from django.db.models import Prefetch
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from programmes.forms import CrispyMixin, DateInput, SafeModelChoiceField, pk_in_range
from programmes.models import Action
from programmes.plan.forms_target import EuroField

from .models import DependencyKind, Project, ProjectGroup, ProjectStatus
from .services import MAX_DURATION_WEEKS, MAX_LAG_WEEKS, action_queryset, people_queryset

DATE_ERRORS = {
    "invalid": _("Geef een geldige datum in de vorm dd/mm/jjjj, bijvoorbeeld 01/09/2026."),
    "required": _("Geef een datum in de vorm dd/mm/jjjj."),
}
KIND_ERRORS = {
    "invalid_choice": _("Kies einde-start, start-start of einde-einde."),
    "required": _("Kies de soort: einde-start, start-start of einde-einde."),
}
PERSON_ERRORS = {"invalid_choice": _("Kies iemand van dit lokaal bestuur.")}
ACTION_ERRORS = {
    "invalid_choice": _("Kies acties uit het goedgekeurde actieplan van dit traject."),
    "invalid_pk_value": _("Kies acties uit het goedgekeurde actieplan van dit traject."),
}
PROJECT_ERRORS = {
    "required": _("Kies een project."),
    "invalid_choice": _("Kies een project van dit traject."),
}


class PersonChoiceField(SafeModelChoiceField):
    """Optionally someone of the local government with a Tandem account (the form sets the queryset)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Project.objects.none())
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("Geen gebruiker van Tandem"))
        kwargs.setdefault("error_messages", PERSON_ERRORS)
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class FastSelect(forms.Select):
    """A <select> written in Python: with 500 projects, Django's template per option would take a third of
    the analysis page's time. Same markup as forms.Select (crispy's attributes included)."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v is not None}
        out = ["<select", flatatt(final), ">"]
        for key, label in self.choices:
            key = str(key)
            selected = " selected" if key in chosen else ""
            out.append(f'<option value="{html.escape(key)}"{selected}>{html.escape(str(label))}</option>')
        out.append("</select>")
        return mark_safe("".join(out))  # noqa: S308 – every value above is escaped


class ProjectChoiceField(forms.ChoiceField):
    """A project of the programme, chosen from the projects already loaded (no query per form)."""

    widget = FastSelect

    def __init__(self, *, projects=(), **kwargs):
        kwargs.setdefault("error_messages", PROJECT_ERRORS)
        super().__init__(**kwargs)
        self.set_projects(projects)

    def set_projects(self, projects) -> None:
        self._projects = {str(p.pk): p for p in projects}
        # Already (value, label) pairs: set them as they are (the `choices` setter would normalise all
        # 500 of them again, for each of the page's three project lists).
        choices = [("", _("Kies een project")), *((str(p.pk), p.title) for p in projects)]
        self._choices = self.widget.choices = choices

    def valid_value(self, value):
        return pk_in_range(value) and str(value) in self._projects

    def clean(self, value):
        value = super().clean(value)
        return self._projects[str(value)] if value not in self.empty_values else None


class ActionChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Action):
        return f"{obj.title} ({obj.phase.name}, {obj.start:%d/%m/%Y} – {obj.end:%d/%m/%Y})"

    def _check_values(self, value):
        for pk in value:
            if not pk_in_range(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class PlanActionChoiceField(ActionChoiceField):
    """The actions of the approved plan, each saying which project already carries it out (if any), so the
    consultant does not make a second project for the same action by mistake."""

    def label_from_instance(self, obj: Action):
        label = super().label_from_instance(obj)
        carried = [p.title for p in getattr(obj, "project_list", [])]
        if carried:
            label += " – " + _("al in %(projects)s") % {"projects": ", ".join(f"‘{t}’" for t in carried)}
        return label


class VersionField(forms.IntegerField):
    """The version the form was opened on (optimistic locking). Hidden, so the user cannot correct it: a
    value that is not a version (tampered with, or garbled) counts as an old version (0), and the page
    shows "Intussen gewijzigd" with what is stored now, rather than an error on a field nobody sees."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("versie"))
        super().__init__(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31, **kwargs)

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError:
            return 0


# --- Steering structure ---------------------------------------------------------------------------


class SteeringGroupForm(CrispyMixin, forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=150,
        error_messages={"required": _("Geef de stuurgroep een naam.")},
    )
    chair = PersonChoiceField(
        label=_("Voorzitter in Tandem"),
    )
    chair_name = forms.CharField(
        label=_("Of: naam van de voorzitter"),
        max_length=150,
        required=False,
        help_text=_("Bijvoorbeeld de burgemeester, als die geen account heeft."),
    )
    programme_manager = PersonChoiceField(
        label=_("Programmamanager in Tandem"),
    )
    programme_manager_name = forms.CharField(
        label=_("Of: naam van de programmamanager"), max_length=150, required=False
    )
    mandate = forms.CharField(
        label=_("Opdracht en bevoegdheden"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat de stuurgroep beslist en aan wie ze rapporteert."),
    )
    meeting_rhythm = forms.CharField(
        label=_("Vergaderritme"),
        max_length=150,
        required=False,
        help_text=_("Bijvoorbeeld ‘maandelijks, de eerste dinsdag’."),
    )
    version = VersionField()

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        people = people_queryset(programme)
        self.fields["chair"].queryset = people
        self.fields["programme_manager"].queryset = people

    @classmethod
    def initial_from(cls, group) -> dict:
        return {
            "name": group.name,
            "chair": group.chair_id,
            "chair_name": group.chair_name,
            "programme_manager": group.programme_manager_id,
            "programme_manager_name": group.programme_manager_name,
            "mandate": group.mandate,
            "meeting_rhythm": group.meeting_rhythm,
            "version": group.version,
        }


class SteeringMemberForm(CrispyMixin, forms.Form):
    member_user = PersonChoiceField(
        label=_("Lid in Tandem"),
    )
    name = forms.CharField(label=_("Of: naam"), max_length=150, required=False)
    function = forms.CharField(
        label=_("Functie"),
        max_length=150,
        help_text=_("Bijvoorbeeld burgemeester, voorzitter BCSD, algemeen directeur."),
        error_messages={"required": _("Geef de functie, bijvoorbeeld burgemeester.")},
    )

    def __init__(self, *args, programme, **kwargs):
        kwargs.setdefault("prefix", "lid")
        super().__init__(*args, **kwargs)
        self.fields["member_user"].queryset = people_queryset(programme)

    def clean(self):
        data = super().clean()
        if not data.get("member_user") and not (data.get("name") or "").strip() and "name" not in self.errors:
            self.add_error("name", _("Kies een gebruiker of geef een naam."))
        return data


class ProjectGroupForm(CrispyMixin, forms.Form):
    name = forms.CharField(
        label=_("Naam van de projectgroep"),
        max_length=150,
        error_messages={"required": _("Geef de projectgroep een naam.")},
    )
    lead = PersonChoiceField(
        label=_("Trekker in Tandem"),
    )
    lead_name = forms.CharField(label=_("Of: naam van de trekker"), max_length=150, required=False)
    description = forms.CharField(
        label=_("Omschrijving"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = VersionField()

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = people_queryset(programme)

    @classmethod
    def initial_from(cls, group: ProjectGroup) -> dict:
        return {
            "name": group.name,
            "lead": group.lead_id,
            "lead_name": group.lead_name,
            "description": group.description,
            "version": group.version,
        }


# --- Projects -------------------------------------------------------------------------------------


class GroupChoiceField(SafeModelChoiceField):
    """Optionally a project group of the programme (the form sets the queryset)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Projectgroep"))
        kwargs.setdefault("queryset", ProjectGroup.objects.none())
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("Nog geen plaats in de structuur"))
        kwargs.setdefault("error_messages", {"invalid_choice": _("Kies een projectgroep van dit traject.")})
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return obj.name


class ProjectForm(CrispyMixin, forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={
            "required": _("Geef het project een titel."),
            "max_length": _("Een titel heeft hoogstens 200 tekens."),
        },
    )
    group = GroupChoiceField(help_text=_("De plaats van het project in de stuurstructuur."))
    goal = forms.CharField(
        label=_("Doel"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    scope = forms.CharField(
        label=_("Scope"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wat het project wel en niet omvat."),
    )
    leader = PersonChoiceField(
        label=_("Projectleider in Tandem"),
    )
    leader_name = forms.CharField(label=_("Of: naam van de projectleider"), max_length=150, required=False)
    sponsor = forms.CharField(
        label=_("Opdrachtgever"),
        max_length=150,
        required=False,
        help_text=_("Wie het project bestuurlijk draagt."),
    )
    planned_start = forms.DateField(label=_("Geplande start"), widget=DateInput(), error_messages=DATE_ERRORS)
    planned_end = forms.DateField(
        label=_("Gepland einde"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_ERRORS,
        help_text=_("Geef een einddatum of een duur in weken; Tandem rekent het andere uit."),
    )
    duration_weeks = forms.IntegerField(
        label=_("Duur (weken)"),
        required=False,
        min_value=1,
        max_value=MAX_DURATION_WEEKS,
        error_messages={
            "required": _("Geef de duur in hele weken, bijvoorbeeld 12."),
            "invalid": _("Geef de duur in hele weken, bijvoorbeeld 12."),
            "min_value": _("Een project duurt minstens 1 week."),
            "max_value": _("Een project duurt hoogstens %(limit_value)s weken."),
        },
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ProjectStatus.choices,
        initial=ProjectStatus.PLANNED,
        error_messages={
            "invalid_choice": _("Kies een status uit de lijst."),
            "required": _("Kies een status."),
        },
    )
    budget = EuroField(label=_("Budget (€)"), required=False, help_text=_("Bijvoorbeeld 12.500,50."))
    quick_win = forms.BooleanField(
        label=_("Quick win"), required=False, help_text=_("Een zichtbare, haalbare eerste verandering.")
    )
    actions = ActionChoiceField(
        label=_("Acties uit het goedgekeurde actieplan"),
        queryset=Action.objects.none(),
        required=False,
        help_text=_("De acties die dit project uitvoert."),
        error_messages=ACTION_ERRORS,
    )
    version = VersionField()

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = ProjectGroup.objects.filter(programme=programme)
        self.fields["leader"].queryset = people_queryset(programme)
        self.fields["actions"].queryset = action_queryset(programme)

    @classmethod
    def initial_from(cls, project: Project) -> dict:
        return {
            "title": project.title,
            "group": project.group_id,
            "goal": project.goal,
            "scope": project.scope,
            "leader": project.leader_id,
            "leader_name": project.leader_name,
            "sponsor": project.sponsor,
            "planned_start": project.planned_start,
            "planned_end": project.planned_start + datetime.timedelta(weeks=project.duration_weeks),
            "duration_weeks": project.duration_weeks,
            "status": project.status,
            "budget": project.budget,
            "quick_win": project.quick_win,
            "actions": [a.pk for a in project.actions.all()],
            "version": project.version,
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("planned_start"), cleaned.get("planned_end")
        weeks = cleaned.get("duration_weeks")
        if start is None or "planned_end" in self.errors or "duration_weeks" in self.errors:
            return cleaned
        if end is not None:
            if end <= start:
                self.add_error("planned_end", _("Het gepland einde moet na de geplande start vallen."))
                return cleaned
            from_end = -(-(end - start).days // 7)  # whole weeks, rounded up
            end_changed = "planned_end" in self.changed_data or not self.initial.get("planned_end")
            if weeks and weeks != from_end and end_changed and "duration_weeks" in self.changed_data:
                self.add_error(
                    "duration_weeks",
                    _(
                        "Het gepland einde en de duur spreken elkaar tegen (%(n)s weken tot dat einde): "
                        "pas er één van aan."
                    )
                    % {"n": from_end},
                )
                return cleaned
            if end_changed or not weeks:
                if from_end > MAX_DURATION_WEEKS:
                    self.add_error(
                        "planned_end",
                        _("Een project duurt hoogstens %(limit)s weken.") % {"limit": MAX_DURATION_WEEKS},
                    )
                    return cleaned
                cleaned["duration_weeks"] = from_end
        elif not weeks:
            self.add_error("duration_weeks", _("Geef een gepland einde of een duur in weken."))
        return cleaned

    def project_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("planned_end", None)
        data["actions"] = list(data.get("actions") or [])
        return data


class FromActionsForm(CrispyMixin, forms.Form):
    actions = PlanActionChoiceField(
        label=_("Acties uit het goedgekeurde actieplan"),
        queryset=Action.objects.none(),
        help_text=_(
            "Het project krijgt de periode van deze acties (van de vroegste start tot het laatste einde), "
            "de titel van de eerste actie tenzij u er hieronder een geeft, en is een quick win als één van "
            "de acties dat is."
        ),
        error_messages={
            "required": _("Kies minstens één actie uit het goedgekeurde actieplan."),
            **ACTION_ERRORS,
        },
    )
    title = forms.CharField(label=_("Titel van het project (optioneel)"), max_length=200, required=False)
    group = GroupChoiceField()

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = action_queryset(programme).prefetch_related(
            Prefetch(
                "projects",
                queryset=Project.objects.filter(programme=programme).only("pk", "title"),
                to_attr="project_list",
            )
        )
        self.fields["group"].queryset = ProjectGroup.objects.filter(programme=programme)


# --- Dependencies ---------------------------------------------------------------------------------

LAG_ERRORS = {
    "required": _("Geef de wachttijd in hele weken (0 als er geen is)."),
    "invalid": _("Geef de wachttijd in hele weken, bijvoorbeeld 2."),
    "min_value": _("Een wachttijd is 0 tot %(max)s weken.") % {"max": MAX_LAG_WEEKS},
    "max_value": _("Een wachttijd is 0 tot %(max)s weken.") % {"max": MAX_LAG_WEEKS},
}


def kind_field(*, initial=DependencyKind.FINISH_TO_START, help_text="") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Soort"),
        choices=DependencyKind.choices,
        initial=initial,
        help_text=help_text,
        error_messages=KIND_ERRORS,
    )


def lag_field(*, initial=0) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Wachttijd (weken)"),
        min_value=0,
        max_value=MAX_LAG_WEEKS,
        initial=initial,
        error_messages=LAG_ERRORS,
    )


def note_field() -> forms.CharField:
    return forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class DependencyTermsMixin:
    """The kind, lag and note of a dependency, as the services take them."""

    def terms(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("kind", "lag_weeks", "note")}


class DependencyForm(DependencyTermsMixin, CrispyMixin, forms.Form):
    """On the analysis page: which project needs which, the kind and the lag."""

    successor = ProjectChoiceField(
        label=_("Project"), help_text=_("Het project dat op een ander moet wachten.")
    )
    predecessor = ProjectChoiceField(
        label=_("heeft nodig"), help_text=_("Het project dat eerst (deels) klaar moet zijn.")
    )
    kind = kind_field(help_text=_("Einde-start: het project start pas als het andere klaar is."))
    lag_weeks = lag_field()
    note = note_field()

    def __init__(self, *args, projects, **kwargs):
        kwargs.setdefault("prefix", "afh")
        super().__init__(*args, **kwargs)
        self.fields["successor"].set_projects(projects)
        self.fields["predecessor"].set_projects(projects)

    def clean(self):
        data = super().clean()
        a, b = data.get("predecessor"), data.get("successor")
        if a is not None and b is not None and a.pk == b.pk:
            self.add_error("predecessor", _("Een project kan niet van zichzelf afhangen."))
        return data


class DependencyEditForm(CrispyMixin, forms.Form):
    """The kind, lag and note of an existing dependency (which projects it joins stays)."""

    kind = kind_field(
        initial=None,
        help_text=_(
            "Einde-start: start pas als het andere klaar is. Start-start: start pas als het andere gestart "
            "is. Einde-einde: eindigt pas als het andere klaar is."
        ),
    )
    lag_weeks = lag_field(initial=None)
    note = note_field()


NEEDS, NEEDED_BY = "needs", "needed_by"


class ProjectDependencyForm(DependencyTermsMixin, CrispyMixin, forms.Form):
    """On a project's page: the other project and the direction."""

    direction = forms.ChoiceField(
        label=_("Dit project"),
        choices=[(NEEDS, _("heeft nodig")), (NEEDED_BY, _("is nodig voor"))],
        initial=NEEDS,
        error_messages={
            "invalid_choice": _("Kies ‘heeft nodig’ of ‘is nodig voor’."),
            "required": _("Kies ‘heeft nodig’ of ‘is nodig voor’."),
        },
    )
    other = ProjectChoiceField(label=_("Ander project"))
    kind = kind_field()
    lag_weeks = lag_field()
    note = note_field()

    def __init__(self, *args, project: Project, projects, **kwargs):
        kwargs.setdefault("prefix", "afh")
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["other"].set_projects([p for p in projects if p.pk != project.pk])

    def ends(self) -> tuple[Project, Project]:
        """(predecessor, successor)."""
        other = self.cleaned_data["other"]
        if self.cleaned_data["direction"] == NEEDS:
            return other, self.project
        return self.project, other


class WhatIfForm(forms.Form):
    """GET: what if this project starts this many weeks later? Nothing is saved."""

    project = ProjectChoiceField(label=_("Project"))
    weeks = forms.IntegerField(
        label=_("Vertraging (weken)"),
        min_value=1,
        max_value=104,
        error_messages={
            "required": _("Geef een vertraging in hele weken, bijvoorbeeld 4."),
            "invalid": _("Geef een vertraging in hele weken, bijvoorbeeld 4."),
            "min_value": _("Een vertraging is 1 tot 104 weken."),
            "max_value": _("Een vertraging is 1 tot 104 weken."),
        },
    )

    def __init__(self, *args, projects, **kwargs):
        kwargs.setdefault("prefix", "watals")
        super().__init__(*args, **kwargs)
        self.fields["project"].set_projects(projects)
