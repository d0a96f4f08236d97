"""A cache for the parts of every page that change rarely: navigation, footer,
language links and URL routing.

Every key carries a generation number that any publish, unpublish, move,
delete, privacy change or settings save increments, so nothing stale survives
an edit. Without REDIS_URL the cache is a file cache under var/, shared by all
worker processes on the machine, so every worker sees the new generation.
"""

from django.core.cache import cache

GENERATION_KEY = "chrome:generation"
TIMEOUT = 60 * 60


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return value


def bump(*args, **kwargs):
    """Signal receiver: forget everything cached under the previous generation."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


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
