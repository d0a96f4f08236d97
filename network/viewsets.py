"""Admin viewsets of the network app: the member chooser, and the "Network" menu.

The menu lists members, offers and needs, member events and news, networks,
their memberships and the contact messages (read-only). Editors and Moderators
(Wagtail's groups, given the permissions by migration 0010) open them and
approve or reject, with a reason the member reads (``website.viewsets``).

Pages that link to members (case studies) pick them in a modal with a search
box rather than in a select of every profile; ``NetworkConfig.ready()``
registers it with ``website.choosers``, where their ``ChooserPanel`` finds it. The chooser lists every member
with its status, since a link may be made before an editor approves the
profile; pages show only public members.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from network import moderation
from network.models import (
    B2BPost,
    ContactMessage,
    Member,
    MemberActivity,
    Network,
    NetworkMembership,
)
from website.models import Pillar, Region
from website.viewsets import ConceptFilter, ModeratedViewSet, ModerationFilterSet


class MemberFilterForm(BaseFilterForm):
    """Search by name, city or import id (members are not in Wagtail's search index)."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Name, city or import id")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q", "").strip()
        if query:
            objects = objects.filter(
                Q(name__icontains=query) | Q(city__icontains=query) | Q(import_id__iexact=query)
            )
            self.is_searching = True
            self.search_query = query
        return objects


class MemberColumnsMixin:
    filter_form_class = MemberFilterForm

    @property
    def columns(self):
        return super().columns + [
            Column("member_type", label=_("Type"), accessor="get_member_type_display"),
            Column("city", label=_("City")),
            Column("status", label=_("Status"), accessor="get_status_display"),
        ]


class MemberChooseView(MemberColumnsMixin, ChooseView):
    pass


class MemberChooseResultsView(MemberColumnsMixin, ChooseResultsView):
    pass


class MemberChooserViewSet(ChooserViewSet):
    model = "network.Member"
    icon = "group"
    choose_one_text = _("Choose a member")
    choose_another_text = _("Choose another member")
    edit_item_text = _("Edit this member")
    choose_view_class = MemberChooseView
    choose_results_view_class = MemberChooseResultsView
    per_page = 20
    # Used where a panel asks for it, not on every foreign key to Member.
    register_widget = False


member_chooser_viewset = MemberChooserViewSet("member_chooser")


# -- the admin's "Network" menu ------------------------------------------------------------


class NetworkModeratedViewSet(ModeratedViewSet):
    """Decisions on the network's items mail the member and update the search index."""

    def approve(self, obj, seen=None):
        return moderation.approve(obj, seen)

    def reject(self, obj, reason, seen=None):
        return moderation.reject(obj, reason, seen)


STATUS_COLUMN = Column("moderation_label", label=_("Status"), sort_key="status")


class MemberFilterSet(ModerationFilterSet):
    pillar = ConceptFilter(label=_("Pillar"), field_name="pillars__slug", term_model=Pillar)
    region_concept = ConceptFilter(label=_("Region"), field_name="region__slug",
                                   term_model=Region)

    class Meta:
        model = Member
        fields = ["status", "member_type", "listed"]


class MemberViewSet(NetworkModeratedViewSet):
    model = Member
    icon = "group"
    menu_label = _("Members")
    filterset_class = MemberFilterSet
    list_display = ["name", "member_type", STATUS_COLUMN, "listed", "city",
                    DateColumn("created_at", label=_("Created"))]
    search_fields = ["name", "city", "description"]
    list_export = [
        "name", "member_type", "status", "listed", "city", "website", "description",
        "expertise_offered", "help_sought", "created_at",
    ]
    export_filename = "members"
    exclude_form_fields = ["last_digest_at"]
    inspect_view_fields_exclude = ["pending_changes", "pending_logo", "last_digest_at"]


class B2BPostFilterSet(ModerationFilterSet):
    region_concept = ConceptFilter(label=_("Region"), field_name="region__slug",
                                   term_model=Region)

    class Meta:
        model = B2BPost
        fields = ["status", "kind", "category"]


class B2BPostViewSet(NetworkModeratedViewSet):
    model = B2BPost
    icon = "list-ul"
    menu_label = _("Offers and needs")
    filterset_class = B2BPostFilterSet
    list_select_related = ("member",)
    list_display = ["title", "kind", "category", "member", STATUS_COLUMN, "valid_until"]
    search_fields = ["title", "description", "waste_code"]
    list_export = [
        "title", "kind", "category", "waste_code", "quantity", "unit", "frequency", "status",
        "valid_until", "description",
    ]
    export_filename = "offers-and-needs"
    inspect_view_fields_exclude = ["pending_changes"]


class MemberActivityFilterSet(ModerationFilterSet):
    class Meta:
        model = MemberActivity
        fields = ["status", "kind"]


class MemberActivityViewSet(NetworkModeratedViewSet):
    model = MemberActivity
    icon = "date"
    menu_label = _("Member events and news")
    filterset_class = MemberActivityFilterSet
    list_select_related = ("member",)
    list_display = ["title", "kind", "member", "start", STATUS_COLUMN]
    search_fields = ["title", "summary"]
    inspect_view_fields_exclude = ["pending_changes"]


class MembershipFilterSet(ModerationFilterSet):
    class Meta:
        model = NetworkMembership
        fields = ["status", "network"]


class NetworkMembershipViewSet(NetworkModeratedViewSet):
    model = NetworkMembership
    icon = "user"
    menu_label = _("Group memberships")
    filterset_class = MembershipFilterSet
    list_select_related = ("member", "network")
    list_display = ["member", "network", STATUS_COLUMN,
                    DateColumn("created_at", label=_("Requested"))]
    inspect_view_fields_exclude = ["pending_changes"]


class NetworkViewSet(ModelViewSet):
    model = Network
    icon = "site"
    menu_label = _("Networks and groups")
    list_display = ["name", "kind", "coordinator"]
    list_filter = ["kind"]
    copy_view_enabled = False
    panels = [
        FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("description"),
        FieldPanel("coordinator"), FieldPanel("pillar"),
    ]


class ContactMessageViewSet(ModelViewSet):
    """Messages between members, read-only; delivery is the state of their row in "Outgoing mail"."""

    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["subject"]  # never offered: the permission policy allows viewing only
    list_filter = ["mail__status", "forwarded"]
    list_display = [
        "subject", "sender", "recipient", "forwarded",
        Column("delivery", label=_("delivery")), DateColumn("created_at", label=_("Created")),
    ]
    inspect_view_fields = [
        "subject", "sender", "recipient", "post", "forwarded", "body", "created_at",
    ]

    def get_index_view_kwargs(self, **kwargs):
        queryset = ContactMessage.objects.select_related("sender", "recipient", "mail")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class NetworkViewSetGroup(ViewSetGroup):
    menu_label = _("Network")
    menu_icon = "group"
    menu_order = 250
    items = (
        MemberViewSet("network_member", url_prefix="network/member"),
        B2BPostViewSet("network_b2bpost", url_prefix="network/b2bpost"),
        MemberActivityViewSet("network_activity", url_prefix="network/memberactivity"),
        NetworkViewSet("network_network", url_prefix="network/network"),
        NetworkMembershipViewSet("network_membership", url_prefix="network/networkmembership"),
        ContactMessageViewSet("network_contactmessage", url_prefix="network/contactmessage"),
    )
