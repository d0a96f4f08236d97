"""Filtering, sorting and facets for the curated index pages of every content app.

Filters come from a plain GET form, so they work without JavaScript. Values of
one facet are OR-ed, facets are AND-ed. Each filter is a sub-select on primary
keys, which keeps rows distinct and the query count constant.
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from search import api as search_api
from website.models import Country, Pillar, Region, ThematicPriority

logger = logging.getLogger(__name__)

# A curated page's ``publication_date`` in a query: its own date, else the day
# (in Europe/Sofia, the current time zone) it was first published here.
PUBLICATION_DATE = Coalesce("published_on", TruncDate("first_published_at"))

MAX_VALUES_PER_FACET = 50
LISTING_CACHE_SECONDS = 300


class CachedListing:
    """A filtered, sorted listing whose count and page ids are cached.

    The key holds the content generation (``website.chrome``), so any publish,
    unpublish, move, deletion or privacy change starts afresh; the rows
    themselves are read on every request in one query by primary key (and only
    while still live). ``Paginator`` needs nothing more than ``count()`` and
    slicing, which returns what ``fetch(ids)`` makes of the ids (the cards).
    Counting and ordering thousands of filtered pages is most of what an index
    page costs.
    """

    def __init__(self, build, key, fetch, timeout=LISTING_CACHE_SECONDS):
        self.build = build  # the filtered, sorted queryset, built only on a cache miss
        self.key = key
        self.fetch = fetch
        self.timeout = timeout
        self._count = None
        self._queryset = None

    @property
    def queryset(self):
        if self._queryset is None:
            self._queryset = self.build()
        return self._queryset

    def _cached(self, suffix, build):
        if not self.timeout:
            return build()
        key = f"{self.key}:{suffix}"
        value = cache.get(key)
        if value is None:
            value = build()
            cache.set(key, value, self.timeout)
        return value

    def count(self):
        if self._count is None:
            self._count = self._cached("count", lambda: self.queryset.count())
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop
        ids = self._cached(
            f"ids:{start}:{stop}",
            lambda: list(self.queryset[start:stop].values_list("pk", flat=True)),
        )
        return self.fetch(ids)


@dataclass
class Facet:
    """One filter: a GET parameter, a lookup on the child model and its options."""

    param: str
    label: str
    lookup: str
    choices: list = field(default_factory=list)  # fixed (value, label) pairs
    taxonomy: type | None = None  # or a taxonomy model, options in the active language
    key: str = "slug"
    numeric: bool = False  # options are the distinct values found in the section
    selected: list = field(default_factory=list)
    options: list = field(default_factory=list)


def taxonomy_facets():
    return [
        Facet("theme", _("Theme"), "themes__slug", taxonomy=ThematicPriority),
        Facet("pillar", _("Pillar"), "pillars__slug", taxonomy=Pillar),
        Facet("region", _("Region"), "regions__slug", taxonomy=Region),
        Facet("country", _("Country"), "countries__code", taxonomy=Country, key="code"),
    ]


def active_locale():
    try:
        return Locale.objects.get_for_language(translation.get_language())
    except Locale.DoesNotExist:
        return Locale.get_default()


class CuratedIndexMixin:
    """Index-page behaviour: ``child_model``, facets, sort orders and a text box."""

    child_model = None
    sort_options = [
        ("newest", _("Newest first"), (PUBLICATION_DATE.desc(nulls_last=True), "-pk")),
        ("title", _("Title A–Z"), ("title", "pk")),
    ]
    select_related = ()
    per_page = 20
    feed_name = ""  # URL-name prefix of this section's feeds, e.g. "case_study"

    def get_facets(self):
        return taxonomy_facets()

    def base_queryset(self):
        return (
            self.child_model.objects.child_of(self)
            .live()
            .public()
            .select_related(*self.select_related)
        )

    def read_selection(self, request, facets):
        """Each facet's chosen values, from the GET form."""
        for facet in facets:
            values = [v for v in request.GET.getlist(facet.param) if v][:MAX_VALUES_PER_FACET]
            if facet.numeric:
                values = [v for v in values if v.isdigit() and len(v) <= 6]
            facet.selected = values

    def filter_queryset(self, queryset, facets):
        for facet in facets:
            if facet.selected:
                queryset = self.apply_facet(queryset, facet, facet.selected, self.child_model)
        return queryset

    def apply_facet(self, queryset, facet, values, model):
        name, _sep, rest = facet.lookup.partition("__")
        field = model._meta.get_field(name)
        if field.many_to_many and rest:
            # Straight from the link table: SQLite plans this about three times faster
            # than a sub-select that joins the page table again.
            through = field.remote_field.through
            ids = through.objects.filter(
                **{f"{field.m2m_reverse_field_name()}__{rest}__in": values}
            ).values(field.m2m_field_name())
            return queryset.filter(pk__in=ids)
        if field.one_to_many or field.many_to_many:
            ids = model.objects.filter(**{f"{facet.lookup}__in": values}).values("pk")
            return queryset.filter(pk__in=ids)
        # A column, a transform of one (deadline__year) or a foreign key: no duplicates.
        return queryset.filter(**{f"{facet.lookup}__in": values})

    @staticmethod
    def read_query(request):
        return (request.GET.get("q") or "").strip()[:200]

    def search_queryset(self, queryset, query, ids):
        """The text search: the engine's ``ids``, or a database search when it had none."""
        if not query:
            return queryset
        if ids is not None:
            return queryset.filter(pk__in=ids)
        words = query.split()[:8]
        condition = Q()
        for word in words:
            condition &= Q(title__icontains=word) | Q(summary__icontains=word)
        return queryset.filter(condition)

    def search_ids(self, query):
        """Page ids from the site's search engine, or None when it cannot answer now."""
        return search_api.page_ids(query, model=self.child_model, locale=self.locale)

    def read_sort(self, request):
        """The chosen sort order's value, or the first one when it is unknown."""
        wanted = request.GET.get("sort")
        values = [value for value, _label, _ordering in self.sort_options]
        return wanted if wanted in values else values[0]

    def sort_queryset(self, queryset, sort):
        ordering = next(o for value, _label, o in self.sort_options if value == sort)
        return queryset.order_by(*ordering)

    def load_facet_options(self, facets):
        locale = active_locale()
        for facet in facets:
            if facet.taxonomy is not None:
                terms = facet.taxonomy.objects.filter(locale=locale)
                if facet.taxonomy is Country:
                    used = self.child_model.objects.child_of(self).values("countries__code")
                    terms = terms.filter(code__in=used)
                facet.options = [(getattr(term, facet.key), term.name) for term in terms]
            elif facet.numeric:
                values = (
                    self.child_model.objects.child_of(self)
                    .live()
                    .exclude(**{f"{facet.lookup}__isnull": True})
                    .order_by(f"-{facet.lookup}")
                    .values_list(facet.lookup, flat=True)
                    .distinct()
                )
                facet.options = [(str(value), str(value)) for value in values]
            else:
                facet.options = list(facet.choices)

    def cached_facet_options(self, facets):
        from website.curated.related import content_version

        key = f"curated:facets:{self.pk}:{translation.get_language()}:{content_version()}"
        cached = cache.get(key)
        if cached is None:
            self.load_facet_options(facets)
            # Plain strings: the language is in the key, and a lazy translation costs
            # a class construction each time it is unpickled from the cache.
            options = {f.param: [(v, str(label)) for v, label in f.options] for f in facets}
            cache.set(key, options, 600)
        else:
            for facet in facets:
                facet.options = cached.get(facet.param, [])

    def get_listing(self, request):
        facets = self.get_facets()
        self.read_selection(request, facets)
        query, sort = self.read_query(request), self.read_sort(request)
        # Asked once, up front: the page must know whether to say search is limited.
        ids = self.search_ids(query) if query else None
        self._listing_state = {
            "facets": facets, "query": query, "sort": sort,
            "search_limited": bool(query) and ids is None,
        }

        def build():
            queryset = self.filter_queryset(self.base_queryset(), facets)
            return self.sort_queryset(self.search_queryset(queryset, query, ids), sort)

        # Text searches are not cached: they are rarely repeated, and the search index
        # may catch up with a publish after the generation changed.
        return CachedListing(build, self.listing_cache_key(facets, query, sort),
                             lambda ids: self.cards(ids, request),
                             timeout=0 if query else LISTING_CACHE_SECONDS)

    def listing_cache_key(self, facets, query, sort):
        from website.curated.related import content_version

        state = [sort, query, self.listing_cache_bucket()]
        state += [[facet.param, sorted(facet.selected)] for facet in facets]
        digest = hashlib.sha1(json.dumps(state).encode(), usedforsecurity=False).hexdigest()
        return f"curated:listing:{content_version()}:{self.pk}:{digest}"

    def listing_cache_bucket(self):
        """Part of the cache key for listings that change with time alone (call status)."""
        return ""

    card_template = "website/curated/curated_card.html"

    def cards(self, ids, request):
        """The rendered card of each id, in order: from the cache, the rest read and rendered.

        Cards are cached under the content generation, so a publish, unpublish
        or privacy change anywhere renders them afresh; pages no longer live
        are left out.
        """
        from website.curated.related import content_version

        prefix = ":".join(["curated:card", str(content_version()),
                           translation.get_language() or "", self.listing_cache_bucket()])
        keys = {pk: f"{prefix}:{pk}" for pk in ids}
        found = cache.get_many(list(keys.values()))
        missing = [pk for pk in ids if keys[pk] not in found]
        if missing:
            template = get_template(self.card_template)
            rows = self.child_model.objects.filter(pk__in=missing).live().select_related(
                *self.select_related)
            fresh = {keys[row.pk]: str(template.render({"item": row, "request": request}))
                     for row in rows}
            cache.set_many(fresh, LISTING_CACHE_SECONDS)
            found.update(fresh)
        return [mark_safe(found[keys[pk]]) for pk in ids if keys[pk] in found]  # noqa: S308

    @staticmethod
    def active_filters(facets, query):
        """(param, facet label, value, value label) of each choice: the removable chips."""
        chips = [("q", _("Words"), query, query)] if query else []
        for facet in facets:
            labels = dict(facet.options)
            chips += [(facet.param, facet.label, value, labels.get(value, value))
                      for value in facet.selected]
        return chips

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        state = getattr(self, "_listing_state", {"facets": [], "query": "", "sort": ""})
        self.cached_facet_options(state["facets"])
        context.update(
            facets=state["facets"],
            query=state["query"],
            sort=state["sort"],
            search_limited=state.get("search_limited", False),
            sort_options=[(value, label) for value, label, _o in self.sort_options],
            filtered=any(f.selected for f in state["facets"]) or bool(state["query"]),
            active_filters=self.active_filters(state["facets"], state["query"]),
        )
        if self.feed_name:
            context["feed_url"] = reverse(f"{self.feed_name}_rss")
            context["atom_url"] = reverse(f"{self.feed_name}_atom")
        return context
