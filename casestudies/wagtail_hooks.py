"""Admin: flat listings of case studies and tools, and the content import screen."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.pages import PageListingViewSet

from casestudies.models import CaseStudyPage, ToolPage
from website.importing import views as import_views


class CaseStudyListingViewSet(PageListingViewSet):
    model = CaseStudyPage
    icon = "doc-full"
    menu_label = _("Case studies")
    add_to_admin_menu = True
    menu_order = 210
    list_filter = ["locale", "live", "stage", "year", "themes", "pillars"]


class ToolListingViewSet(PageListingViewSet):
    model = ToolPage
    icon = "cogs"
    menu_label = _("Tools")
    add_to_admin_menu = True
    menu_order = 211
    list_filter = ["locale", "live", "tool_type", "level", "themes"]


@hooks.register("register_admin_viewset")
def register_listings():
    return [
        CaseStudyListingViewSet("case_study_listing"),
        ToolListingViewSet("tool_listing"),
    ]


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("content-import/", import_views.import_view, name="content_import")]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return SuperuserMenuItem(
        _("Import content"), reverse("content_import"), icon_name="upload", order=900
    )
