"""Site-wide views that are not pages: robots.txt, the sitemap, the icon and the web app
manifest, media in development, errors."""

import posixpath

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve

from website import seo
from website.site_url import absolute_url
from website.sitemaps import sitemaps


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /*/search/",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap(request):
    return django_sitemap(request, sitemaps=sitemaps(request))


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the head says.

    Served from the static source (``tools/make_favicon.py`` draws it from the SVG
    icon), so it needs no collectstatic and no redirect.
    """
    path = finders.find("website/img/favicon.ico")
    if path is None:
        raise Http404
    with open(path, "rb") as icon:
        return HttpResponse(icon.read(), content_type="image/x-icon")


@require_GET
@cache_control(max_age=86400, public=True)
def manifest(request):
    """The web app manifest in the request's language (its URL carries the language prefix)."""
    data = {
        "name": _("Competence Hub: social innovation and circular economy"),
        "short_name": _("Competence Hub"),
        "description": seo.default_description(),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("wagtail_serve", args=[""]),
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": seo.THEME_COLOUR,
        "icons": [
            {"src": static("website/img/favicon.svg"), "type": "image/svg+xml", "sizes": "any"},
            {"src": static("website/img/icon-192.png"), "type": "image/png", "sizes": "192x192"},
            {"src": static("website/img/icon-512.png"), "type": "image/png", "sizes": "512x512"},
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_GET
def development_media(request, path):
    """Uploads under /media/ while developing (DEBUG); in production the web server serves them.

    Never documents: those are served only through Wagtail's document view, which
    checks the privacy of their collection (``WAGTAILDOCS_SERVE_METHOD``). The path
    is normalised first, so ``images/../documents/...`` is refused as well.
    """
    if not settings.DEBUG:
        raise Http404
    normalised = posixpath.normpath(path).lstrip("/").lower()
    if normalised == "documents" or normalised.startswith("documents/"):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The error page; it says the team was told only when error reports are mailed.

    Rendered without the request, so no context processor touches the database
    or the session: either may be the fault.
    """
    html = render_to_string("500.html", {"team_told": bool(settings.ADMINS)})
    return HttpResponseServerError(html)
