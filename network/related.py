"""Curated content related to members, posts and pillars, by shared pillars and themes,
and the case studies that link to a member.

The curated page types belong to other apps; each is used only if installed
and if it carries ``pillars``/``themes``, so this module never imports them.
"""

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import translation
from wagtail.models import Locale

from search import api, registry

CONTENT_MODELS = [
    ("casestudies", "CaseStudyPage"),
    ("casestudies", "ToolPage"),
    ("funding", "PolicyPage"),
    ("funding", "FundingCallPage"),
    ("learning", "CoursePage"),
]
# Which B2B categories speak to which pillar (slug fragments of the cluster's pillars).
CATEGORY_PILLARS = {
    "textile-offcuts": "textile",
    "plastic-regrind": "plastic",
    "packaging": "plastic",
    "organic-residues": "agri",
}


def content_models():
    found = []
    for app_label, name in CONTENT_MODELS:
        try:
            model = apps.get_model(app_label, name)
        except LookupError:
            continue
        field_names = {f.name for f in model._meta.get_fields()}
        if "pillars" in field_names or "themes" in field_names:
            found.append(model)
    return found


def related_content(pillar_slugs=(), theme_slugs=(), limit=6):
    pillar_slugs, theme_slugs = list(pillar_slugs), list(theme_slugs)
    if not (pillar_slugs or theme_slugs):
        return []
    locale = Locale.get_active()
    results = []
    for model in content_models():
        names = {f.name for f in model._meta.get_fields()}
        condition = Q()
        if "pillars" in names and pillar_slugs:
            condition |= Q(pillars__slug__in=pillar_slugs)
        if "themes" in names and theme_slugs:
            condition |= Q(themes__slug__in=theme_slugs)
        if not condition:
            continue
        pages = (
            model.objects.live().public().filter(condition, locale=locale)
            .annotate(shared=Count("pk"))
            .order_by("-shared", "-first_published_at")[:limit]
        )
        for page in pages:
            page.kind_label = model._meta.verbose_name
            results.append(page)
    results.sort(key=lambda page: -page.shared)
    return results[:limit]


def related_for_member(member, exclude=()):
    found = related_content(
        [p.slug for p in member.pillars.all()], [t.slug for t in member.themes.all()]
    )
    exclude = set(exclude)
    return [page for page in found if page.pk not in exclude]


def case_studies_for(member):
    """Live, public case studies that link to the member, one per translation group.

    A case study shows in the active language when it has a live translation in
    it (whether or not that translation repeats the link); otherwise as the
    linking page, in the default language if there is one. Two queries (the
    pages and Wagtail's view restrictions), however many there are.
    """
    try:
        model = apps.get_model("casestudies", "CaseStudyPage")
    except LookupError:
        return []
    link_model = model._meta.get_field("featured_members").related_model
    live = model.objects.live().public()
    links_here = link_model.objects.filter(page_id=OuterRef("pk"), member_id=member.pk)
    keys = live.filter(Exists(links_here)).values("translation_key")
    pages = (
        live.filter(translation_key__in=keys)
        .annotate(links_here=Exists(links_here))
        .select_related("locale")
        .order_by(F("year").desc(nulls_last=True), "title")
    )
    language = translation.get_language()
    best = {}
    for page in pages:
        rank = (
            page.locale.language_code == language,
            page.links_here and page.locale.language_code == settings.LANGUAGE_CODE,
            page.links_here,
        )
        if page.translation_key not in best or rank > best[page.translation_key][0]:
            best[page.translation_key] = (rank, page)
    chosen = {page.pk for _rank, page in best.values()}
    return [page for page in pages if page.pk in chosen]


# The search kinds of the curated content a B2B post shows as related.
RELATED_KINDS = ("case-study", "tool", "policy", "funding-call", "course")


class RelatedHit:
    """A search hit shaped like the pages the related list shows (title, url, kind)."""

    is_hit = True

    def __init__(self, hit, kind_label):
        self.title = hit.title
        self.url = hit.url
        self.kind = hit.kind
        self.kind_label = kind_label


def related_from_search(obj, limit=6):
    """Curated content the search engine finds like ``obj`` ("more like this").

    Nothing while the engine is down or skipped by the breaker (``search.api``).
    """
    hits = [hit for hit in api.related(obj, limit=limit * 3) if hit.kind in RELATED_KINDS]
    labels = registry.facet_labels("kind", {hit.kind for hit in hits}, None)
    return [RelatedHit(hit, labels.get(hit.kind, hit.kind)) for hit in hits[:limit]]


def related_for_post(post, limit=6):
    """The search engine's related content; the shared vocabulary when it has none."""
    found = related_from_search(post, limit) if post.is_public else []
    return found or related_by_vocabulary(post, limit)


def related_by_vocabulary(post, limit=6):
    fragment = CATEGORY_PILLARS.get(post.category)
    pillar_slugs = []
    if fragment:
        from website.models import Pillar

        pillar_slugs = list(
            Pillar.objects.filter(slug__icontains=fragment).values_list("slug", flat=True)
        )
    if not pillar_slugs:
        pillar_slugs = [p.slug for p in post.member.pillars.all()]
    theme_slugs = [t.slug for t in post.member.themes.all()]
    return related_content(pillar_slugs, theme_slugs, limit=limit)


def content_for_pillar(slug, limit=12):
    return related_content([slug], [], limit=limit)
