"""The plan's pages run the same number of queries whatever the number of actions and status updates.

The demo is idempotent and does not top up a plan at a higher scale, so the test seeds scale 1, counts the
queries of each page of Geel's plan (approved version 1, draft version 2), then multiplies its actions
tenfold in both versions (copies under new keys, an action's copy keeping one key across the versions, as
plan_new_version does) with copies of their status updates, and counts again.
"""

from __future__ import annotations

import uuid
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes import demo
from programmes.models import Action, ActionUpdate, Plan, PlanVersion

FACTOR = 10
ACTION_FIELDS = [f.name for f in Action._meta.concrete_fields if f.name not in ("id", "key", "position")]
UPDATE_FIELDS = [f.name for f in ActionUpdate._meta.concrete_fields if f.name not in ("id", "action_key")]
PAGES = ("overview", "streefbeeld", "afweging", "actieplan", "opvolging", "versies", "vergelijken", "versie")
TARGET = 25  # queries per plan page, whatever the size of the plan


def _queries(client, url: str) -> list[str]:
    client.get(url)  # warm the per-process caches (content types, translations) first
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in ctx.captured_queries]


def _urls(plan: Plan) -> dict[str, str]:
    return {
        "overview": reverse("programmes:plan", args=[plan.pk]),
        "streefbeeld": reverse("programmes:plan_target", args=[plan.pk]),
        "afweging": reverse("programmes:plan_balance", args=[plan.pk]),
        "actieplan": reverse("programmes:plan_actions", args=[plan.pk]),
        "opvolging": reverse("programmes:plan_follow_up", args=[plan.pk]),
        "versies": reverse("programmes:plan_versions", args=[plan.pk]),
        "vergelijken": reverse("programmes:plan_compare", args=[plan.pk]),
        "versie": reverse("programmes:plan_version", args=[plan.versions.get(number=1).pk]),
    }


def _sizes(plan: Plan) -> dict[str, int]:
    sizes = {f"actions v{v.number}": v.actions.count() for v in plan.versions.order_by("number")}
    sizes["updates"] = ActionUpdate.objects.filter(plan=plan).count()
    return sizes


def _grow(plan: Plan, factor: int) -> None:
    """`factor - 1` more copies of every action of every version, and of every status update."""
    versions = list(plan.versions.order_by("number"))
    actions = list(Action.objects.filter(version__in=versions).order_by("pk"))
    updates = list(ActionUpdate.objects.filter(plan=plan).order_by("pk"))
    keys = sorted({action.key for action in actions}, key=str)
    step = max(a.position for a in actions) + 1
    new_actions, new_updates = [], []
    for n in range(1, factor):
        new_key = {key: uuid.uuid4() for key in keys}  # one new key per action, shared by the versions
        new_actions += [
            Action(
                **{f: getattr(action, f) for f in ACTION_FIELDS},
                key=new_key[action.key],
                position=action.position + n * step,
            )
            for action in actions
        ]
        new_updates += [
            ActionUpdate(
                **{f: getattr(update, f) for f in UPDATE_FIELDS}, action_key=new_key[update.action_key]
            )
            for update in updates
            if update.action_key in new_key
        ]
    Action.objects.bulk_create(new_actions, batch_size=1000)
    made = ActionUpdate.objects.bulk_create(new_updates, batch_size=1000)
    for update, original in zip(made, new_updates, strict=True):  # `at` is auto_now_add: put it back
        update.at = original.at
    ActionUpdate.objects.bulk_update(made, ["at"], batch_size=1000)


def _repeated(queries: list[str]) -> str:
    """The query shapes that ran most often: where a per-row query shows up."""
    shapes = Counter(q.split(" WHERE ")[0][:160] for q in queries)
    return "\n".join(f"{n}× {shape}" for shape, n in shapes.most_common(3))


def test_plan_pages_do_not_grow_with_data(client, db):
    demo.seed(scale=1)
    client.force_login(get_user_model().objects.get(username="consultant.a"))
    plan = Plan.objects.get(programme__title=demo.PROGRAMMES["a"]["title"])
    states = dict(plan.versions.values_list("number", "state"))
    assert states == {1: PlanVersion.State.APPROVED, 2: PlanVersion.State.DRAFT}
    urls = _urls(plan)
    assert set(urls) == set(PAGES)
    before = _sizes(plan)
    small = {name: _queries(client, url) for name, url in urls.items()}

    _grow(plan, FACTOR)
    after = _sizes(plan)
    for what, count in before.items():  # the data really grew: a query per row would show
        assert count > 0 and after[what] == FACTOR * count, (what, count, after[what])
    large = {name: _queries(client, url) for name, url in urls.items()}

    grew = {
        name: (len(small[name]), len(large[name]), _repeated(large[name]))
        for name in PAGES
        if len(small[name]) != len(large[name])
    }
    assert not grew, grew
    too_many = {name: (len(q), _repeated(q)) for name, q in large.items() if len(q) > TARGET}
    assert not too_many, too_many
