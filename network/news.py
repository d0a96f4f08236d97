"""The news listing and its Atom feed: the centre's announcements and members' news together.

Announcements are pages under a ``NewsIndexPage``: live and public ones in
the page's language. Members' news are ``MemberActivity`` rows of kind news,
approved, of an approved member listed in the directory (``public()``), in
the language the member writes in (``Member.language``; a profile without one
counts as the site's default language), dated by their approval. Drafts,
waiting or rejected items, private pages and unlisted members never appear.

The two are merged newest first. ``NewsListing`` gives Django's paginator
a length and slices: page ``n`` needs at most ``n * per_page`` rows from each
source, never all of them.
"""

import dataclasses
import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from network.choices import ActivityKind
from website.site_url import absolute_url

FEED_SIZE = 30


@dataclasses.dataclass
class NewsItem:
    title: str
    summary: str
    url: str
    date: dt.datetime
    source: str  # the member's name, or "" for the centre
    uid: str


def member_news(language):
    from network.models import MemberActivity

    in_language = Q(member__language=language)
    if language == settings.LANGUAGE_CODE:
        in_language |= Q(member__language="")
    return (
        MemberActivity.objects.public().filter(kind=ActivityKind.NEWS).filter(in_language)
        .select_related("member").order_by("-approved_at", "-pk")
    )


def announcements(index):
    from network.models import AnnouncementPage

    return (AnnouncementPage.objects.child_of(index).live().public()
            .order_by("-first_published_at", "-pk"))


def _from_activity(activity):
    return NewsItem(activity.title, activity.summary, activity.get_absolute_url(),
                    activity.approved_at or activity.created_at, activity.member.name,
                    f"member-news-{activity.pk}")


def _from_page(page):
    return NewsItem(page.title, page.summary or page.search_description, page.url or "",
                    page.first_published_at, "", f"announcement-{page.pk}")


class NewsListing:
    """Both sources merged newest first, sliceable and countable for ``Paginator``."""

    def __init__(self, index, language=None):
        self.index = index
        self.language = language or index.locale.language_code

    def __len__(self):
        return announcements(self.index).count() + member_news(self.language).count()

    def count(self):
        return len(self)

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("NewsListing is sliced by pages")
        stop = item.stop or 0
        merged = [_from_page(p) for p in announcements(self.index)[:stop]]
        merged += [_from_activity(a) for a in member_news(self.language)[:stop]]
        merged.sort(key=lambda news: (news.date, news.uid), reverse=True)
        return merged[item.start or 0:stop]


class NewsAtomFeed(Feed):
    """The news listing of the visitor's language as Atom; every URL canonical."""

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        from network.models import NewsIndexPage

        self.request = request
        language = translation.get_language() or settings.LANGUAGE_CODE
        try:
            locale = Locale.objects.get_for_language(language)
        except Locale.DoesNotExist:
            locale = Locale.get_default()
        self.index = NewsIndexPage.objects.live().public().filter(locale=locale).first()
        self.language = locale.language_code
        return self.index

    def title(self):
        return f"{_('News')} · {_('Competence Hub')}"

    def subtitle(self):
        return _("Announcements of the centre and news from its members")

    def link(self):
        return self.index.get_full_url(self.request) if self.index else absolute_url("/")

    def feed_url(self):
        return absolute_url(self.request.path, self.request)

    def items(self):
        if self.index is None:
            return []
        return NewsListing(self.index, self.language)[0:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return absolute_url(item.url, self.request)

    def item_guid(self, item):
        return absolute_url(item.url, self.request)

    def item_author_name(self, item):
        return item.source or _("Competence Hub")

    def item_pubdate(self, item):
        return item.date

    def item_updateddate(self, item):
        return item.date
