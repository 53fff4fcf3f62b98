"""The admin shows the library and the agreements read-only: every change goes through agreements.services
(roles, frozen versions, history), which the admin's plain save would bypass."""

from django.contrib import admin

from .models import AgreementEvent, AgreementVersion, Clause, ClauseVersion


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ClauseVersionInline(ReadOnlyMixin, admin.TabularInline):
    model = ClauseVersion
    extra = 0
    fields = ["number", "title", "change_note", "created_by", "created_at"]
    readonly_fields = fields


@admin.register(Clause)
class ClauseAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "category", "local_government", "mandatory", "archived"]
    list_filter = ["category", "mandatory", "archived", "local_government"]
    search_fields = ["title", "versions__text"]
    list_select_related = ["local_government"]
    inlines = [ClauseVersionInline]


class AgreementEventInline(ReadOnlyMixin, admin.TabularInline):
    model = AgreementEvent
    extra = 0
    fields = ["kind", "user", "at", "comment"]
    readonly_fields = fields


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "number", "state", "agreement", "submitted_at", "approved_at", "adopted_at"]
    list_filter = ["state"]
    search_fields = ["title", "agreement__programme__title", "agreement__programme__local_government__name"]
    list_select_related = ["agreement__programme"]
    inlines = [AgreementEventInline]
