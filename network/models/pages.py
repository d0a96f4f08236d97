"""Wagtail pages of the network: the member directory, the events calendar, the centre's events,
the news and the centre's announcements."""

import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from website.blocks import BodyBlock
from website.chrome import CachedViewRestrictionsMixin
from website.forms import TaxonomyPageForm
from website.importing.ids import normalise_id
from website.models import SectionIndexPage

# The site's own time zone first, then those of the partners' events.
TIME_ZONES = [
    (zone, zone)
    for zone in dict.fromkeys([settings.TIME_ZONE, "Europe/Athens", "Europe/Brussels", "UTC"])
]


class MemberDirectoryPage(SectionIndexPage):
    """The member directory: approved, listed members with filters, a list and a map."""

    per_page = 24

    class Meta:
        verbose_name = _("member directory")

    def get_template(self, request, *args, **kwargs):
        return "network/member_directory_page.html"

    def get_context(self, request, *args, **kwargs):
        from network.directory import directory_context

        context = Page.get_context(self, request, *args, **kwargs)
        context.update(directory_context(request, self.per_page))
        context["map_tile_url"] = settings.MAP_TILE_URL
        context["map_tile_host"] = urlsplit(settings.MAP_TILE_URL).hostname or ""
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(response, "context_data", {}).get("view") == "map" and settings.MAP_TILE_URL:
            # The map view, which the visitor chose, may load its tiles from the tile
            # server (the page says so); every other page loads images from this site
            # only. Leaflet cancels a tile it no longer needs by pointing it at an empty
            # data: image. django-csp reads this attribute, as its csp_update decorator sets it.
            parts = urlsplit(settings.MAP_TILE_URL)
            response._csp_update = {"img-src": [f"{parts.scheme}://{parts.netloc}", "data:"]}
        return response


class EventIndexPage(SectionIndexPage):
    """The events calendar: the centre's own events and approved member events."""

    subpage_types = ["network.EventPage"]

    class Meta:
        verbose_name = _("event index")

    def get_template(self, request, *args, **kwargs):
        return "network/event_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from network.events import calendar_context

        context = Page.get_context(self, request, *args, **kwargs)
        context.update(calendar_context(self, request))
        return context


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "network.EventPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class EventPage(CachedViewRestrictionsMixin, Page):
    """One of the centre's own events: when, where (or online), how to register."""

    summary = models.TextField(_("summary"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TIME_ZONES, default=settings.TIME_ZONE
    )
    is_online = models.BooleanField(_("online"), default=False)
    place = models.CharField(_("place"), max_length=200, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    themes = ParentalManyToManyField(
        "website.ThematicPriority", verbose_name=_("thematic priorities"), blank=True,
        related_name="+",
    )
    pillars = ParentalManyToManyField(
        "website.Pillar", verbose_name=_("pillars"), blank=True, related_name="+"
    )
    regions = ParentalManyToManyField(
        "website.Region", verbose_name=_("regions"), blank=True, related_name="+"
    )
    # Partners' events take place in several countries (search's country facet).
    countries = ParentalManyToManyField(
        "website.Country", verbose_name=_("countries"), blank=True, related_name="+"
    )
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, verbose_name=_("tags"))
    # Not editable: set by the importer only, and kept out of wagtail-localize's fields.
    import_id = models.CharField(
        _("import id"), max_length=100, blank=True, db_index=True, editable=False
    )
    import_hash = models.CharField(max_length=40, blank=True, editable=False)

    # Taxonomy pickers: one choice per concept, the term of the page's language.
    base_form_class = TaxonomyPageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldPanel("is_online"),
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("registration_url"), FieldPanel("capacity")]),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("themes"), FieldPanel("pillars"), FieldPanel("regions"),
                FieldPanel("countries"), FieldPanel("tags"),
            ],
            heading=_("Classification"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("start"),
    ]

    parent_page_types = ["network.EventIndexPage"]
    subpage_types = []
    exclude_fields_in_copy = ["import_id", "import_hash"]

    class Meta:
        verbose_name = _("event")
        constraints = [
            models.UniqueConstraint(
                fields=["import_id"], condition=~models.Q(import_id=""),
                name="network_eventpage_unique_import_id",
            )
        ]

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event ends before it starts.")})

    def save(self, *args, **kwargs):
        # Stored as the importer compares it (website.importing.ids).
        self.import_id = normalise_id(self.import_id or "")
        return super().save(*args, **kwargs)

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone) if self.time_zone else timezone.get_default_timezone()

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tz)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tz)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def ical_url(self):
        from django.urls import reverse

        return reverse("network:event_page_ical", kwargs={"pk": self.pk})


class NewsIndexPage(SectionIndexPage):
    """News: the centre's announcements (its child pages) and members' approved news, in one
    listing per language, newest first, with an Atom feed (``network.news``)."""

    subpage_types = ["network.AnnouncementPage"]
    per_page = 20

    class Meta:
        verbose_name = _("news index")

    def get_template(self, request, *args, **kwargs):
        return "network/news_index_page.html"

    def get_listing(self, request):
        from network.news import NewsListing

        return NewsListing(self)


class AnnouncementPage(CachedViewRestrictionsMixin, Page):
    """An announcement of the centre: a page in the news listing and its feed."""

    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    parent_page_types = ["network.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def get_template(self, request, *args, **kwargs):
        return "network/announcement_page.html"
