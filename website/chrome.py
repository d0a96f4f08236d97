"""A cache for the parts of every page that change rarely: navigation, footer,
language links and URL routing.

Every key carries the content generation, a number that any publish,
unpublish, move, delete, privacy change or settings save raises, so nothing
stale survives an edit. The generation lives in the database
(``ContentGeneration``), never in the cache: pages are served from cached
restriction lists and routes keyed by it, and a cache that expired, evicted or
lost the number would fall back to an old generation and serve what was cached
under it (a page made private, public again). Every app server reads the same
row, so all of them see a new generation at once.

It is read at most once per request (``ContentGenerationMiddleware`` keeps it for
the rest of that request, and a bump in the request forgets it); outside
requests every call reads the row.
"""

import contextvars
import time

from django.core.cache import cache
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Greatest

TIMEOUT = 60 * 60
ROW = 1

# {"value": generation} for the request being served; None outside requests.
_request_memo = contextvars.ContextVar("content_generation", default=None)


def _now():
    return time.time_ns() // 1000


def generation():
    """The current content generation (one query, or none if read earlier in this request)."""
    from website.models import ContentGeneration

    memo = _request_memo.get()
    if memo is not None and "value" in memo:
        return memo["value"]
    value = ContentGeneration.objects.filter(pk=ROW).values_list("value", flat=True).first()
    if value is None:  # the row was deleted: start again above every earlier number
        value = ContentGeneration.objects.get_or_create(pk=ROW, defaults={"value": _now()})[0].value
    if memo is not None:
        memo["value"] = value
    return value


def bump(*args, **kwargs):
    """Signal receiver: start a new generation, so nothing cached under the old one is read.

    One atomic UPDATE, inside the editor's transaction, so the new content and
    the new number become visible together. The number only grows, and never
    below the clock (microseconds): a generation used inside a transaction that
    was rolled back is never reached again, so what was cached under it (from
    data that never committed) is never read.
    """
    from website.models import ContentGeneration

    number = models.PositiveBigIntegerField()
    updated = ContentGeneration.objects.filter(pk=ROW).update(
        value=Greatest(F("value") + 1, Value(_now(), output_field=number), output_field=number))
    if not updated:
        ContentGeneration.objects.get_or_create(pk=ROW, defaults={"value": _now()})
    memo = _request_memo.get()
    if memo is not None:
        memo.pop("value", None)


class ContentGenerationMiddleware:
    """Read the content generation at most once per request (see the module docstring).

    A request that began before a change may finish under the generation it
    started with; the next request reads the new one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def cached(name, builder, *parts):
    """The value built by ``builder()``, cached under this name, parts and generation."""
    key = ":".join(["chrome", str(generation()), name, *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = builder()
        cache.set(key, value, TIMEOUT)
    return value


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    from website.models import FooterText

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(bump, dispatch_uid=f"chrome-bump-{id(signal)}")
    post_delete.connect(_on_delete, dispatch_uid="chrome-bump-delete")
    post_save.connect(_on_save, dispatch_uid="chrome-bump-save")
    _on_save.models = (BaseSiteSetting, FooterText, PageViewRestriction, Site)
    _on_delete.models = (Page, FooterText, PageViewRestriction, Site)


def _on_save(sender, **kwargs):
    if issubclass(sender, _on_save.models):
        bump()


def _on_delete(sender, **kwargs):
    if issubclass(sender, _on_delete.models):
        bump()


class CachedSiteMiddleware:
    """Resolve the Wagtail site of a request from the cache instead of a query.

    Wagtail keeps the site it finds on ``request._wagtail_site``; filling that in
    first saves a query (and its ORM work) on every request. Saving a Site starts
    a new generation, so a changed hostname is picked up at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from wagtail.models import Site

        host = request._get_raw_host()
        port = request.get_port()
        site = cached("site", lambda: Site._find_for_request(request) or False, host, port)
        if site:
            request._wagtail_site = site
        return self.get_response(request)


def restricted_prefixes():
    """Paths under which some view restriction applies, cached under the generation.

    The paths of restricted pages, plus those of alias pages whose source lies
    under one (an alias takes its source's restrictions). Any restriction saved
    or deleted starts a new generation.
    """
    from wagtail.models import Page, PageViewRestriction

    def build():
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        aliases = []
        for path in paths:
            aliases += Page.objects.filter(alias_of__path__startswith=path).values_list(
                "path", flat=True)
        return tuple(paths + aliases)

    return cached("restricted-prefixes", build)


class CachedViewRestrictionsMixin:
    """Skip the two restriction queries Wagtail makes for every page served.

    Wagtail asks each page for the restrictions of itself and its ancestors
    (one query for the ancestors, one for the restrictions). A page that is not
    an alias and has no restricted path above it has none: an empty queryset
    answers without touching the database. Any other page asks Wagtail as
    before; an alias also takes the restrictions above its source page.
    """

    def get_view_restrictions(self):
        from wagtail.models import Page, PageViewRestriction

        if self.pk and not self.alias_of_id:
            path = self.path
            if not any(path.startswith(prefix) for prefix in restricted_prefixes()):
                return PageViewRestriction.objects.none()
        restrictions = super().get_view_restrictions()
        if self.alias_of_id:
            # Wagtail checks an alias's source page but not the source's ancestors, so
            # an alias of a page inside a private section would be public.
            source = Page.objects.filter(pk=self.alias_of_id).first()
            if source is not None:
                restrictions = restrictions | Page.get_view_restrictions(source)
        return restrictions
