"""Generic pages: the home page of each language and standard content pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from website.blocks import BodyBlock
from website.chrome import CachedViewRestrictionsMixin
from website.sections import home_sections


class HomePage(CachedViewRestrictionsMixin, Page):
    """The home page of one language: a hero, featured content and live sections.

    The sections (open calls, upcoming events, latest case studies...) come from
    the content apps through ``website.sections`` so that the home page grows as
    they land without importing them.
    """

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        InlinePanel("featured_items", label=_("Featured content"), max_num=6),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "website.StandardPage",
        "casestudies.CaseStudyIndexPage",
        "casestudies.ToolIndexPage",
        "funding.FundingCallIndexPage",
        "funding.PolicyIndexPage",
        "learning.ProgrammeIndexPage",
        "network.MemberDirectoryPage",
        "network.EventIndexPage",
        "network.NewsIndexPage",
        "monitoring.QuestionnaireIndexPage",
        "monitoring.ConsultationIndexPage",
        "monitoring.ImpactPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find a descendant by its full URL path in one query instead of one per level.

        Falls back to Wagtail's level-by-level routing for anything else (routable
        sub-paths, unpublished pages, 404s), so behaviour is unchanged. A routable page
        found this way still answers through its empty route.
        """
        if path_components:
            target = routed_page(self.url_path + "/".join(path_components) + "/")
            if isinstance(target, RoutablePageMixin):
                # Its own address is a route too (the empty one), with its own view.
                return target.route(request, [])
            if target is not None:
                # The page's own route for its URL: a routable page (RoutablePageMixin)
                # answers with its index view, any other page with itself.
                return target.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = [
            item.page.specific
            for item in self.featured_items.select_related("page").filter(
                page__live=True, page__locale_id=self.locale_id
            )
        ]
        context["featured"] = featured
        context["sections"] = home_sections(self, request)
        return context


def routed_page(url_path):
    """The live page at this url_path, specific, in at most one query on a warm cache
    (besides the request's one read of the content generation)."""
    from django.contrib.contenttypes.models import ContentType

    from website import chrome

    def build():
        found = Page.objects.filter(url_path=url_path, live=True).values_list(
            "pk", "content_type_id"
        ).first()
        return found or ()

    found = chrome.cached("route", build, url_path)
    if not found:
        return None
    pk, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    return model.objects.filter(pk=pk, live=True).first()


class HomePageFeaturedItem(Orderable):
    """A page an editor puts on the home page."""

    home = ParentalKey(HomePage, related_name="featured_items", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]


class StandardPage(CachedViewRestrictionsMixin, Page):
    """A plain content page (about, mission, privacy...) built from the shared body blocks."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["website.HomePage", "website.StandardPage"]
    subpage_types = ["website.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class SectionIndexPage(CachedViewRestrictionsMixin, Page):
    """Abstract base of the section index pages (case studies, calls, members...).

    Lists its live, public children, newest first, twelve to a page. Content
    apps subclass it and override ``get_listing`` for filters and search.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["website.HomePage"]
    max_count_per_parent = 1
    per_page = 12
    # What the listing counts, with its plural forms: each section says its own kind
    # ("15 case studies"), since "items" reads as a machine's word in every language.
    count_text = ngettext_lazy("%(count)s item", "%(count)s items", "count")

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        # An app's own template (casestudies/case_study_index_page.html) when it has one.
        return [super().get_template(request, *args, **kwargs), "website/section_index_page.html"]

    def get_listing(self, request):
        return self.get_children().live().public().specific().order_by("-first_published_at")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.get_listing(request), self.per_page)
        context["items"] = paginator.get_page(request.GET.get("page"))
        context["items_count"] = self.count_text % {"count": paginator.count}
        return context
