"""URLs of step 3. One <int:pk> per route, under a prefix naming its model:
trajecten/<pk>/projecten/... is a Programme, projecten/<pk>/ a Project, projecten/afhankelijkheden/<pk>/ a
Dependency, projecten/groepen/<pk>/ a ProjectGroup, projecten/stuurgroepen/<pk>/ a SteeringGroup,
projecten/leden/<pk>/ a SteeringMember."""

from django.urls import path  # noqa: F401

app_name = "projects"

urlpatterns: list = []
