"""URLs of step 3. One <int:pk> per route, under a prefix naming its model:
trajecten/<pk>/projecten/... is a Programme, projecten/<pk>/ a Project, projecten/afhankelijkheden/<pk>/ a
Dependency, projecten/groepen/<pk>/ a ProjectGroup, projecten/stuurgroepen/<pk>/ a SteeringGroup,
projecten/leden/<pk>/ a SteeringMember."""

from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    # 1. the programme of projects
    path("trajecten/<int:pk>/projecten/", views.overview, name="overview"),
    path("trajecten/<int:pk>/projecten/nieuw/", views.project_add, name="project_add"),
    path("trajecten/<int:pk>/projecten/uit-acties/", views.project_from_actions, name="project_from_actions"),
    path("trajecten/<int:pk>/projecten/pdf/", views.pdf, name="pdf"),
    # 2. the steering structure
    path("trajecten/<int:pk>/projecten/structuur/", views.structure, name="structure"),
    path("trajecten/<int:pk>/projecten/stuurgroep/", views.steering_edit, name="steering_edit"),
    path("trajecten/<int:pk>/projecten/stuurgroep/leden/", views.member_add, name="member_add"),
    path("trajecten/<int:pk>/projecten/groepen/", views.group_add, name="group_add"),
    path("projecten/leden/<int:pk>/verwijderen/", views.member_remove, name="member_remove"),
    path("projecten/groepen/<int:pk>/bewerken/", views.group_edit, name="group_edit"),
    path("projecten/groepen/<int:pk>/verwijderen/", views.group_delete, name="group_delete"),
    # 3. a project
    path("projecten/<int:pk>/", views.project_detail, name="project_detail"),
    path("projecten/<int:pk>/verwijderen/", views.project_delete, name="project_delete"),
    path("projecten/<int:pk>/afhankelijkheden/", views.project_dependency_add, name="project_dependency_add"),
    path(
        "projecten/<int:pk>/conflict-oplossen/",
        views.project_resolve_conflict,
        name="project_resolve_conflict",
    ),
    # 4. dependencies and planning
    path("trajecten/<int:pk>/projecten/afhankelijkheden/", views.dependencies, name="dependencies"),
    path("trajecten/<int:pk>/projecten/afhankelijkheden/nieuw/", views.dependency_add, name="dependency_add"),
    path("projecten/afhankelijkheden/<int:pk>/bewerken/", views.dependency_edit, name="dependency_edit"),
    path(
        "projecten/afhankelijkheden/<int:pk>/verwijderen/", views.dependency_remove, name="dependency_remove"
    ),
]
