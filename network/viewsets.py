"""Admin viewsets of the network app: the member chooser.

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
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet


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
