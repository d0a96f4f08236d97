"""Search in the admin: the synonym groups editors keep, and the report of queries."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from search.admin_views import query_report
from search.models import SynonymGroup


class SynonymGroupViewSet(ModelViewSet):
    model = SynonymGroup
    name = "search_synonyms"
    url_prefix = "search/synonyms"
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    list_display = ["__str__", "language", "updated_at"]
    list_filter = ["language"]
    search_fields = ["terms", "note"]
    form_fields = ["language", "terms", "note"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_synonyms():
    return SynonymGroupViewSet()


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("search/queries/", query_report, name="search_query_report")]


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_querylogentry")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return QueryReportMenuItem(_("Search queries"), reverse("search_query_report"),
                               icon_name="search", order=710)
