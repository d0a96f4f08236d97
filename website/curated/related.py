"""Related curated content, the one implementation behind every "related" box on the site.

``related_items(page)`` is a curated page's box: explicit links (both
directions) first, then ``shared_vocabulary``. ``similar_items(...)`` is the box
of anything else that has a vocabulary (a member, a B2B post, a pillar): items of
any curated type in the active language that share themes, pillars or tags, the
most shared first and the kinds alternating on a tie. Only live pages outside
private sections qualify, and every box gets the same plain items: dicts with
``title``, ``url``, ``card_kind`` and ``explicit``. The curated types are found,
not listed (``website.curated.models``). A page's box is cached per page under
the content generation, which any publish, unpublish, move, deletion, privacy or
vocabulary change raises (``website.chrome``, ``website.curated.signal_handlers``).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Q
from wagtail.models import Locale, Page, PageViewRestriction

from website import chrome
from website.curated.models import curated_page_types, related_link_models

CACHE_SECONDS = 120


def content_version():
    """The site-wide content generation (see ``website.chrome``): one number for every cache."""
    return chrome.generation()


def bump_content_version():
    chrome.bump()


def restricted_paths():
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_public(path, private_paths):
    return not any(path.startswith(prefix) for prefix in private_paths)


def _explicit(page, private_paths):
    forward = Page.objects.filter(
        pk__in=page.related_links.values("target_id"), live=True, locale_id=page.locale_id
    )
    pointing_here = Q(pk__in=[])
    for link_model in related_link_models():
        pointing_here |= Q(pk__in=link_model.objects.filter(target_id=page.pk).values("page_id"))
    backward = Page.objects.filter(pointing_here, live=True, locale_id=page.locale_id)
    ordered = {p.pk: p for p in forward}
    for other in backward:
        ordered.setdefault(other.pk, other)
    return [p for p in ordered.values() if is_public(p.path, private_paths) and p.pk != page.pk]


def shared_vocabulary(locale_id, themes=(), pillars=(), tags=(), limit=6, exclude=(),
                      private_paths=None):
    """Live, public pages of every curated type in one locale that share the most terms.

    ``themes`` and ``pillars`` are term slugs (the same in every language), ``tags``
    tag ids; each page gets ``shared``, the number of terms it has in common.
    """
    themes, pillars, tags = list(themes), list(pillars), list(tags)
    if not (themes or pillars or tags):
        return []
    if private_paths is None:
        private_paths = restricted_paths()
    per_type = []
    for model in curated_page_types():
        shared = (
            Count("themes", filter=Q(themes__slug__in=themes), distinct=True)
            + Count("pillars", filter=Q(pillars__slug__in=pillars), distinct=True)
            + Count("tagged_items", filter=Q(tagged_items__tag_id__in=tags), distinct=True)
        )
        candidates = (
            model.objects.live()
            .filter(locale_id=locale_id)
            .filter(
                Q(themes__slug__in=themes)
                | Q(pillars__slug__in=pillars)
                | Q(tagged_items__tag_id__in=tags)
            )
            .exclude(pk__in=exclude)
            .annotate(shared=shared)
            .order_by("-shared", "-pk")
            .only("pk", "title", "path", "url_path", "locale_id", "content_type_id")[: limit * 2]
        )
        per_type.append([c for c in candidates if is_public(c.path, private_paths)])
    return mix(per_type, limit)


def mix(per_type, limit):
    """Most shared first; on a tie, the type shown least so far, so that kinds alternate."""
    shown = [0] * len(per_type)
    found = []
    while len(found) < limit and any(per_type):
        best = max(
            (i for i, items in enumerate(per_type) if items),
            key=lambda i: (per_type[i][0].shared, -shown[i], -i),
        )
        found.append(per_type[best].pop(0))
        shown[best] += 1
    return found


def as_item(page, request=None, explicit=False):
    """What a related box shows of a page."""
    model = ContentType.objects.get_for_id(page.content_type_id).model_class()
    return {
        "title": page.title,
        "url": page.get_url(request),
        "card_kind": str(getattr(model, "card_kind_label", "") or ""),
        "explicit": explicit,
    }


def related_items(page, request=None, limit=6):
    """A list of dicts (title, url, card_kind, explicit) for a curated page's related box."""
    key = f"curated:related:{content_version()}:{page.pk}:{page.latest_revision_id}:{limit}"
    items = cache.get(key)
    if items is not None:
        return items
    private_paths = restricted_paths()
    explicit = _explicit(page, private_paths)
    chosen = explicit[:limit]
    exclude = [page.pk] + [p.pk for p in chosen]
    if len(chosen) < limit:
        chosen += shared_vocabulary(
            page.locale_id,
            themes=[term.slug for term in page.themes.all()],
            pillars=[term.slug for term in page.pillars.all()],
            tags=[tag.pk for tag in page.tags.all()],
            limit=limit - len(chosen),
            exclude=exclude,
            private_paths=private_paths,
        )
    items = [as_item(item, request, explicit=item in explicit) for item in chosen]
    cache.set(key, items, CACHE_SECONDS)
    return items


def similar_items(themes=(), pillars=(), limit=6, exclude=(), request=None):
    """Curated items in the active language sharing these theme and pillar slugs."""
    locale = Locale.get_active()
    pages = shared_vocabulary(locale.pk, themes=themes, pillars=pillars, limit=limit,
                              exclude=exclude)
    return [as_item(page, request) for page in pages]
