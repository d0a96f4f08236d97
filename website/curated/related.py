"""Related content across the curated types: explicit links first, then shared vocabulary.

Explicit links (both directions) come first; then items of any curated type in
the same language that share themes, pillars or tags, the most shared first.
Only live pages outside private sections qualify. The result is cached per page
and invalidated by a version bump whenever curated content is published,
unpublished, moved, deleted or made private (see ``casestudies.signal_handlers``).
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Q
from wagtail.models import Page, PageViewRestriction

from website import chrome

CACHE_SECONDS = 120

# (app label, page model, link model)
CURATED_MODELS = [
    ("casestudies", "CaseStudyPage", "CaseStudyRelatedLink"),
    ("casestudies", "ToolPage", "ToolRelatedLink"),
    ("funding", "PolicyPage", "PolicyRelatedLink"),
    ("funding", "FundingCallPage", "FundingCallRelatedLink"),
]


def curated_models():
    return [apps.get_model(app, name) for app, name, _link in CURATED_MODELS]


def link_models():
    return [apps.get_model(app, link) for app, _name, link in CURATED_MODELS]


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
    for link_model in link_models():
        pointing_here |= Q(pk__in=link_model.objects.filter(target_id=page.pk).values("page_id"))
    backward = Page.objects.filter(pointing_here, live=True, locale_id=page.locale_id)
    ordered = {p.pk: p for p in forward}
    for other in backward:
        ordered.setdefault(other.pk, other)
    return [p for p in ordered.values() if is_public(p.path, private_paths) and p.pk != page.pk]


def _shared(page, limit, exclude, private_paths):
    theme_ids = [term.pk for term in page.themes.all()]
    pillar_ids = [term.pk for term in page.pillars.all()]
    tag_ids = [tag.pk for tag in page.tags.all()]
    if not (theme_ids or pillar_ids or tag_ids):
        return []
    per_type = []
    for model in curated_models():
        shared = (
            Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
            + Count("pillars", filter=Q(pillars__in=pillar_ids), distinct=True)
            + Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
        )
        candidates = (
            model.objects.live()
            .filter(locale_id=page.locale_id)
            .filter(
                Q(themes__in=theme_ids)
                | Q(pillars__in=pillar_ids)
                | Q(tagged_items__tag_id__in=tag_ids)
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


def related_items(page, request=None, limit=6):
    """A list of dicts (title, url, kind) for the page's related-content box."""
    key = f"curated:related:{content_version()}:{page.pk}:{page.latest_revision_id}:{limit}"
    items = cache.get(key)
    if items is not None:
        return items
    private_paths = restricted_paths()
    explicit = _explicit(page, private_paths)
    chosen = explicit[:limit]
    exclude = [page.pk] + [p.pk for p in chosen]
    if len(chosen) < limit:
        chosen += _shared(page, limit - len(chosen), exclude, private_paths)
    items = []
    for item in chosen:
        model = ContentType.objects.get_for_id(item.content_type_id).model_class()
        items.append(
            {
                "title": item.title,
                "url": item.get_url(request),
                "card_kind": str(getattr(model, "card_kind_label", "") or ""),
                "explicit": item in explicit,
            }
        )
    cache.set(key, items, CACHE_SECONDS)
    return items
