"""Filtering, sorting and facets for the curated index pages, shared by both apps.

Filters come from a plain GET form, so they work without JavaScript. Values of
one facet are OR-ed, facets are AND-ed. Each filter is a sub-select on primary
keys, which keeps rows distinct and the query count constant.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import F, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from website.models import Country, Pillar, Region, ThematicPriority

MAX_VALUES_PER_FACET = 50


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
        ("newest", _("Newest first"), (F("published_on").desc(nulls_last=True), "-pk")),
        ("title", _("Title A–Z"), ("title", "pk")),
    ]
    select_related = ()
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

    def filter_queryset(self, queryset, request, facets):
        model = self.child_model
        for facet in facets:
            values = [v for v in request.GET.getlist(facet.param) if v][:MAX_VALUES_PER_FACET]
            if facet.numeric:
                values = [v for v in values if v.isdigit() and len(v) <= 6]
            facet.selected = values
            if not values:
                continue
            queryset = self.apply_facet(queryset, facet, values, model)
        return queryset

    def apply_facet(self, queryset, facet, values, model):
        if "__" in facet.lookup:
            ids = model.objects.filter(**{f"{facet.lookup}__in": values}).values("pk")
            return queryset.filter(pk__in=ids)
        return queryset.filter(**{f"{facet.lookup}__in": values})

    def search_queryset(self, queryset, request):
        query = (request.GET.get("q") or "").strip()[:200]
        if not query:
            return queryset, ""
        ids = self.search_ids(query)
        if ids is not None:
            return queryset.filter(pk__in=ids), query
        words = query.split()[:8]
        condition = Q()
        for word in words:
            condition &= Q(title__icontains=word) | Q(summary__icontains=word)
        return queryset.filter(condition), query

    def search_ids(self, query):
        """Page ids from the site's search engine, or None to fall back to the database."""
        try:
            from search import api as search_api
        except ImportError:
            return None
        finder = getattr(search_api, "page_ids", None)
        if finder is None:
            return None
        try:
            return finder(query, model=self.child_model, locale=self.locale)
        except Exception:  # noqa: BLE001 - a search failure must not break browsing
            return None

    def sort_queryset(self, queryset, request):
        wanted = request.GET.get("sort") or self.sort_options[0][0]
        for value, _label, ordering in self.sort_options:
            if value == wanted:
                return queryset.order_by(*ordering), value
        value, _label, ordering = self.sort_options[0]
        return queryset.order_by(*ordering), value

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
        from casestudies.related import content_version

        key = f"curated:facets:{self.pk}:{translation.get_language()}:{content_version()}"
        cached = cache.get(key)
        if cached is None:
            self.load_facet_options(facets)
            cache.set(key, {facet.param: facet.options for facet in facets}, 600)
        else:
            for facet in facets:
                facet.options = cached.get(facet.param, [])

    def get_listing(self, request):
        facets = self.get_facets()
        queryset = self.filter_queryset(self.base_queryset(), request, facets)
        queryset, query = self.search_queryset(queryset, request)
        queryset, sort = self.sort_queryset(queryset, request)
        self._listing_state = {"facets": facets, "query": query, "sort": sort}
        return queryset

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        state = getattr(self, "_listing_state", {"facets": [], "query": "", "sort": ""})
        self.cached_facet_options(state["facets"])
        context.update(
            facets=state["facets"],
            query=state["query"],
            sort=state["sort"],
            sort_options=[(value, label) for value, label, _o in self.sort_options],
            filtered=any(f.selected for f in state["facets"]) or bool(state["query"]),
        )
        if self.feed_name:
            context["feed_url"] = reverse(f"{self.feed_name}_rss")
            context["atom_url"] = reverse(f"{self.feed_name}_atom")
            if self.feed_name == "funding_call":
                context["ical_url"] = reverse("funding_call_ical")
        return context
