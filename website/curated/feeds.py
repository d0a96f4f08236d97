"""RSS and Atom feeds of the curated sections, in the visitor's language.

Only live pages outside private sections are listed. Each content app
subclasses ``CuratedFeed`` for its page types (``casestudies.syndication``,
``funding.feeds``).
Every URL in a feed is canonical (``website.site_url``), whichever host it was
fetched from.
"""

from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from website.curated.listing import PUBLICATION_DATE
from website.site_url import absolute_url

FEED_SIZE = 50


class CuratedFeed(Feed):
    """The latest items of one page type in the active language."""

    model = None
    index_model = None
    title_text = ""
    description_text = ""

    def get_object(self, request, *args, **kwargs):
        self.request = request
        try:
            self.locale = Locale.objects.get_for_language(translation.get_language())
        except Locale.DoesNotExist:
            self.locale = Locale.get_default()
        return None

    def title(self):
        return f"{self.title_text} · {_('Competence Hub')}"

    def description(self):
        return self.description_text

    def link(self):
        index = self.index_model.objects.live().filter(locale=self.locale).first()
        return index.get_full_url(self.request) if index else absolute_url("/", self.request)

    def feed_url(self):
        return absolute_url(self.request.path, self.request)

    def items(self):
        queryset = self.model.objects.live().public().filter(locale=self.locale)
        return queryset.prefetch_related("themes").order_by(
            PUBLICATION_DATE.desc(nulls_last=True), "-first_published_at", "-pk"
        )[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.search_description

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.publication_datetime

    def item_updateddate(self, item):
        # Atom's <updated> is the item's own date too: a re-import or a site edit
        # (which republishes every page) must not make every item look new.
        return item.publication_datetime

    def item_categories(self, item):
        return [term.name for term in item.themes.all()]


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
