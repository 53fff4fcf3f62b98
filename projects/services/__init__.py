"""Every change to step 3 goes through these functions: the steering structure, projects and dependencies.

Each takes the acting user and checks on the server that it is a consultant of the programme's local
government (others get PermissionDenied: approvers and council members read, they do not change), validates
with Dutch messages (ValidationError, per field where it belongs to one), and runs in one transaction that
first locks the programme row. That one lock orders all changes to a programme's projects: two people adding
dependencies at the same time are checked one after the other, so they cannot store a cycle together.
Edits of the steering group, a project group or a project are optimistically locked on their `version`
(a stale expected_version raises a programmes.services.StaleEditError listing what changed).

The functions live in common.py (role, lock, choices, stale edits), structure.py (steering group, members,
project groups), projects.py and dependencies.py; everything is re-exported here, so
`from projects import services; services.dependency_add(...)` keeps working.
"""

from .common import (
    GROUP_FIELDS,
    MAX_BUDGET,
    MAX_DURATION_WEEKS,
    MAX_LAG_WEEKS,
    PROJECT_FIELDS,
    STEERING_FIELDS,
    Change,
    StaleProjectsError,
    action_queryset,
    may_edit,
    people_queryset,
)
from .dependencies import (
    cycle_message,
    dependency_add,
    dependency_remove,
    dependency_update,
)
from .projects import (
    project_create,
    project_create_from_actions,
    project_delete,
    project_update,
)
from .structure import (
    project_group_create,
    project_group_delete,
    project_group_update,
    steering_group_get,
    steering_group_update,
    steering_member_add,
    steering_member_remove,
)

__all__ = [
    "GROUP_FIELDS",
    "MAX_BUDGET",
    "MAX_DURATION_WEEKS",
    "MAX_LAG_WEEKS",
    "PROJECT_FIELDS",
    "STEERING_FIELDS",
    "Change",
    "StaleProjectsError",
    "action_queryset",
    "cycle_message",
    "dependency_add",
    "dependency_remove",
    "dependency_update",
    "may_edit",
    "people_queryset",
    "project_create",
    "project_create_from_actions",
    "project_delete",
    "project_group_create",
    "project_group_delete",
    "project_group_update",
    "project_update",
    "steering_group_get",
    "steering_group_update",
    "steering_member_add",
    "steering_member_remove",
]
