"""The pages of step 3: the programme of projects, the steering structure, a project, and the dependencies
with their analysis (graph, Gantt, conflicts, critical path, what-if).

Thin views: load the scoped object (404 for another local government), check the consultant role before a
change (403 for approvers and council members, who read every page), parse a form, call one service,
redirect with a message, or render the page again with the errors beside the fields (status 400).
"""

from .dependencies import dependencies, dependency_add, dependency_edit, dependency_remove
from .programme import overview, pdf, project_add, project_from_actions
from .project import project_delete, project_dependency_add, project_detail, project_resolve_conflict
from .structure import (
    group_add,
    group_delete,
    group_edit,
    member_add,
    member_remove,
    steering_edit,
    structure,
)

__all__ = [
    "dependencies",
    "dependency_add",
    "dependency_edit",
    "dependency_remove",
    "group_add",
    "group_delete",
    "group_edit",
    "member_add",
    "member_remove",
    "overview",
    "pdf",
    "project_add",
    "project_delete",
    "project_dependency_add",
    "project_detail",
    "project_from_actions",
    "project_resolve_conflict",
    "steering_edit",
    "structure",
]
