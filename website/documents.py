"""Site-wide content in the search index: standard pages, and names for taxonomy facets."""

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from search.registry import PageSource, register, register_content_version, register_facet_labels
from website import chrome
from website.models import Country, Pillar, Region, StandardPage, ThematicPriority


class StandardPageSource(PageSource):
    kind = "page"
    label = _("Page")
    model = StandardPage

    def to_document(self, page):
        return self.page_document(page)


register(StandardPageSource())
# The database fallback caches page documents under the content generation.
register_content_version(chrome.generation)


LABEL_CACHE_SECONDS = 300


def _all_names(model, key, language):
    """``{key value: name}`` for every term, in ``language`` where translated (cached briefly)."""
    cache_key = f"search:labels:{model._meta.label_lower}:{language}"
    names = cache.get(cache_key)
    if names is None:
        default = Locale.get_default().language_code
        best = {}
        for row in model.objects.select_related("locale").order_by():
            value, code = getattr(row, key), row.locale.language_code
            # The requested language first, then the default one, then any translation.
            rank = 2 if code == language else 1 if code == default else 0
            if value not in best or rank > best[value][0]:
                best[value] = (rank, row.name)
        names = {value: name for value, (_rank, name) in best.items()}
        cache.set(cache_key, names, LABEL_CACHE_SECONDS)
    return names


def _provider(model, key="slug"):
    def provider(values, language):
        names = _all_names(model, key, language)
        return {value: names[value] for value in values if value in names}

    return provider


register_facet_labels("theme", _provider(ThematicPriority))
register_facet_labels("pillar", _provider(Pillar))
register_facet_labels("region", _provider(Region))
register_facet_labels("country", _provider(Country, key="code"))
