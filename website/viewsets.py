"""Admin viewsets of the site package: the outgoing-mail listing.

Staff see every e-mail the site sent or tried to send, filtered by status, so
that mail that failed for good (after every retry) does not go unnoticed. The
listing is read-only and never shows bodies: an account mail carries a sign-in
or password-reset link, which no one but its recipient may read.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from website.models import OutgoingMail


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """The site writes these rows, never a person: who may view them may only view them."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(["view"])


class OutgoingMailViewSet(ModelViewSet):
    model = OutgoingMail
    icon = "mail"
    menu_label = _("Outgoing mail")
    menu_order = 800
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # never offered: the permission policy allows viewing only
    list_filter = ["status", "kind"]
    search_fields = ["subject", "to"]
    search_backend_name = None
    list_display = [
        "subject",
        Column("recipients", label=_("To")),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("attempts", label=_("Attempts")),
        Column("last_error", label=_("Last error")),
        DateColumn("created_at", label=_("Created")),
        DateColumn("sent_at", label=_("Sent")),
    ]
    inspect_view_fields = [
        "subject", "to", "reply_to", "kind", "language", "status", "attempts", "last_error",
        "next_attempt_at", "created_at", "sent_at",
    ]


outgoing_mail_viewset = OutgoingMailViewSet("outgoing_mail")
