"""Admin views of step 3, for support. Dependencies are read-only here: only the services check cycles."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Dependency, Project, ProjectGroup, SteeringGroup, SteeringMember


class SteeringMemberInline(admin.TabularInline):
    model = SteeringMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(SteeringGroup)
class SteeringGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "chair_name", "meeting_rhythm"]
    search_fields = ["name", "programme__title"]
    list_select_related = ["programme"]
    readonly_fields = ["version"]
    autocomplete_fields = ["chair", "programme_manager"]
    inlines = [SteeringMemberInline]


@admin.register(ProjectGroup)
class ProjectGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "position"]
    search_fields = ["name", "programme__title"]
    list_select_related = ["programme"]
    readonly_fields = ["version"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "group", "planned_start", "duration_weeks", "status", "quick_win"]
    list_filter = ["status", "quick_win"]
    search_fields = ["title", "programme__title"]
    list_select_related = ["programme", "group"]
    readonly_fields = ["version", "created_at"]
    filter_horizontal = ["actions"]


@admin.register(Dependency)
class DependencyAdmin(SimpleHistoryAdmin):
    list_display = ["predecessor", "successor", "kind", "lag_weeks", "programme"]
    list_filter = ["kind"]
    search_fields = ["predecessor__title", "successor__title", "programme__title"]
    list_select_related = ["predecessor", "successor", "programme"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
