from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import LocalGovernment, Membership, Programme


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "local_government"
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["invited_by", "created_at"]


@admin.register(LocalGovernment)
class LocalGovernmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "nis_code", "province", "gemeente_name", "ocmw_name"]
    list_filter = ["province"]
    search_fields = ["name", "nis_code", "gemeente_name", "ocmw_name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "local_government", "role", "created_at"]
    list_filter = ["role", "local_government"]
    search_fields = ["user__username", "user__email", "user__last_name", "local_government__name"]
    autocomplete_fields = ["user", "local_government"]
    list_select_related = ["user", "local_government"]


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "local_government", "step", "scenario", "start_date"]
    list_filter = ["step", "scenario", "local_government"]
    search_fields = ["title", "local_government__name"]
    filter_horizontal = ["consultants"]
    readonly_fields = ["version", "created_by", "created_at", "updated_at"]
    list_select_related = ["local_government"]
