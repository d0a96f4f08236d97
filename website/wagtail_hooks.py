"""Admin registration: the Taxonomy menu, the footer-text snippet, the outgoing mail and
the dashboard's moderation panel.
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from website.models import (
    Country,
    FooterText,
    OutgoingMail,
    Pillar,
    Region,
    SocialInnovationCriterion,
    SocialInnovationDimension,
    ThematicPriority,
)
from website.moderation import waiting_for
from website.viewsets import ViewOnlyPermissionPolicy, outgoing_mail_viewset


class TermChooserViewSet(SnippetChooserViewSet):
    # Fields that link to terms keep website.forms' one-choice-per-concept pickers
    # instead of a chooser listing every language's copy of each term.
    register_widget = False


class TermViewSet(SnippetViewSet):
    chooser_viewset_class = TermChooserViewSet
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


class ThematicPriorityViewSet(TermViewSet):
    model = ThematicPriority
    icon = "tag"
    menu_label = _("Thematic priorities")
    list_display = ["name", "slug", "valid_from", "valid_until", "locale"]


class PillarViewSet(TermViewSet):
    model = Pillar
    icon = "group"
    menu_label = _("Pillars")
    list_display = ["name", "slug", "membership_target", "locale"]


class RegionViewSet(TermViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")
    list_display = ["name", "slug", "country_code", "locale"]
    list_filter = ["locale", "country_code"]


class CountryViewSet(SnippetViewSet):
    chooser_viewset_class = TermChooserViewSet
    model = Country
    icon = "globe"
    menu_label = _("Countries")
    list_display = ["name", "code", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "code"]
    ordering = ["name"]


class DimensionViewSet(TermViewSet):
    model = SocialInnovationDimension
    icon = "list-ol"
    menu_label = _("SI dimensions")


class CriterionViewSet(TermViewSet):
    model = SocialInnovationCriterion
    icon = "tick-inverse"
    menu_label = _("SI criteria")
    list_display = ["name", "dimension", "slug", "locale"]
    list_filter = ["locale", "dimension"]
    ordering = ["dimension__sort_order", "sort_order"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 250
    items = (
        ThematicPriorityViewSet,
        PillarViewSet,
        RegionViewSet,
        CountryViewSet,
        DimensionViewSet,
        CriterionViewSet,
    )


register_snippet(TaxonomyViewSetGroup)
register_snippet(FooterText)

register_permission_policy(OutgoingMail, ViewOnlyPermissionPolicy(OutgoingMail))


@hooks.register("register_admin_viewset")
def register_outgoing_mail():
    return outgoing_mail_viewset


class ModerationPanel(Component):
    """The dashboard's "Waiting for moderation": counts of each queue the editor may moderate."""

    name = "moderation"
    template_name = "website/admin/moderation_panel.html"
    order = 50  # before Wagtail's own panels: this is the editors' daily work

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        rows = [{"label": queue.label, "count": count, "url": queue.url()}
                for queue, count in waiting_for(request.user)]
        return {"rows": rows, "total": sum(row["count"] for row in rows)}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["rows"]:  # the user moderates nothing
            return ""
        return render_to_string(self.template_name, context, request=parent_context["request"])


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    panels.append(ModerationPanel())
