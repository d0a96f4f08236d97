"""RSS and Atom feeds of the curated sections, in the visitor's language.

Only live pages outside private sections are listed. Each content app
subclasses ``CuratedFeed`` for its page types (``casestudies.syndication``,
``funding.feeds``).
"""

from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

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
        return index.get_url(self.request) if index else "/"

    def items(self):
        queryset = self.model.objects.live().public().filter(locale=self.locale)
        return queryset.prefetch_related("themes").order_by("-first_published_at", "-pk")[
            :FEED_SIZE
        ]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.search_description

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [term.name for term in item.themes.all()]


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
