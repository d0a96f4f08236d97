"""The admin's “Network” menu (members, offers and needs, member events, groups, messages)
and the member chooser that case studies use.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from network.admin_views import ModeratedModelAdmin
from network.models import (
    B2BPost,
    ContactMessage,
    Member,
    MemberActivity,
    Network,
    NetworkMembership,
)
from network.viewsets import member_chooser_viewset


class MemberAdmin(ModeratedModelAdmin):
    model = Member
    menu_label = _("Members")
    menu_icon = "group"
    list_display = ("name", "member_type", "status", "listed", "city", "created_at")
    list_filter = ("status", "member_type", "pillars", "region", "listed")
    search_fields = ("name", "city", "description")
    list_export = (
        "name", "member_type", "status", "listed", "city", "website", "description",
        "expertise_offered", "help_sought", "created_at",
    )
    export_filename = "members"


class B2BPostAdmin(ModeratedModelAdmin):
    model = B2BPost
    menu_label = _("Offers and needs")
    menu_icon = "list-ul"
    list_display = ("title", "kind", "category", "member", "status", "valid_until")
    list_filter = ("status", "kind", "category", "region")
    search_fields = ("title", "description", "waste_code")
    list_export = (
        "title", "kind", "category", "waste_code", "quantity", "unit", "frequency", "status",
        "valid_until", "description",
    )
    export_filename = "offers-and-needs"


class MemberActivityAdmin(ModeratedModelAdmin):
    model = MemberActivity
    menu_label = _("Member events and news")
    menu_icon = "date"
    list_display = ("title", "kind", "member", "start", "status")
    list_filter = ("status", "kind")
    search_fields = ("title", "summary")


class NetworkMembershipAdmin(ModeratedModelAdmin):
    model = NetworkMembership
    menu_label = _("Group memberships")
    menu_icon = "user"
    list_display = ("member", "network", "status", "created_at")
    list_filter = ("status", "network")


class NetworkAdmin(ModelAdmin):
    model = Network
    menu_label = _("Networks and groups")
    menu_icon = "site"
    list_display = ("name", "kind", "coordinator")
    list_filter = ("kind",)
    prepopulated_fields = {"slug": ("name",)}


class ContactMessageAdmin(ModelAdmin):
    """Messages between members; delivery is the state of their row in "Outgoing mail"."""

    model = ContactMessage
    menu_label = _("Contact messages")
    menu_icon = "mail"
    list_display = ("subject", "sender", "recipient", "forwarded", "delivery", "created_at")
    list_filter = ("mail__status", "forwarded")
    list_select_related = ("sender", "recipient", "mail")
    inspect_view_enabled = True
    inspect_view_fields = (
        "subject", "sender", "recipient", "post", "forwarded", "body", "created_at",
    )

    def delivery(self, obj):
        return obj.delivery

    delivery.short_description = _("delivery")


class NetworkGroup(ModelAdminGroup):
    menu_label = _("Network")
    menu_icon = "group"
    menu_order = 250
    items = (
        MemberAdmin, B2BPostAdmin, MemberActivityAdmin, NetworkAdmin, NetworkMembershipAdmin,
        ContactMessageAdmin,
    )


modeladmin_register(NetworkGroup)


@hooks.register("register_admin_viewset")
def register_member_chooser():
    return member_chooser_viewset
