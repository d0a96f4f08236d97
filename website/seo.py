"""What a page says about itself to search engines and link previews.

One description, title, image and canonical address per page, and the
addresses of its translations (``hreflang``), shared by the page head (meta
description, Open Graph, Twitter card, canonical link, alternates), the share
links and the sitemap. Only live, public translations are ever named: a draft
or a login-restricted translation would tell the world it exists.

Everything here is read from cached data (``website.chrome``) on a warm cache,
so the head costs no query per page: the translations lookup is the one the
language switcher already makes, and a page's description and image are
cached with it under the content generation.
"""

import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page

from website import chrome
from website.site_url import absolute_url

logger = logging.getLogger(__name__)
# Open Graph wants language_TERRITORY; the territory is where the centre's readers are.
OG_LOCALES = {"bg": "bg_BG", "en": "en_GB", "el": "el_GR"}
DESCRIPTION_LENGTH = 200
# The theme colour of the web app manifest and the browser UI: the header green (site.css).
THEME_COLOUR = "#0b5d4b"
# Fields that introduce a page, in order of preference, after ``search_description``.
INTRO_FIELDS = ("summary", "intro", "hero_text")


def default_description():
    return _("A knowledge base on social innovation and the circular economy: case studies, "
             "tools, funding calls and a network of members, in Bulgarian, English and Greek.")


def short(text):
    """One line of at most DESCRIPTION_LENGTH characters (descriptions are shown cut)."""
    return Truncator(" ".join(str(text or "").split())).chars(DESCRIPTION_LENGTH)


def translation_urls(page, request):
    """{language code: URL} of the live, public translations of ``page`` (itself included)."""

    def build():
        return {
            translated.locale.language_code: translated.get_url(request)
            for translated in page.get_translations(inclusive=True)
            .live()
            .public()
            .select_related("locale")
        }

    return chrome.cached("translations", build, page.pk)


def alternates(urls, request):
    """``hreflang`` links from {language code: URL}: absolute, in LANGUAGES order, x-default last.

    None for a single language: alternates say "this page exists in other languages".
    x-default is the default language's version, the one the root address redirects to
    a visitor whose browser asks for none of the site's languages.
    """
    links = [
        {"code": code, "url": absolute_url(urls[code], request)}
        for code, _name in settings.LANGUAGES
        if urls.get(code)
    ]
    if len(links) < 2:
        return []
    default = urls.get(settings.LANGUAGE_CODE)
    if default:
        links.append({"code": "x-default", "url": absolute_url(default, request)})
    return links


def view_urls(request):
    """{language code: URL} of a view under the language prefix (same view, other language)."""
    from django.urls import translate_url

    path = request.path
    urls = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
    if len(set(urls.values())) < 2:  # not under i18n_patterns: one address for every language
        return {}
    return urls


def _page_facts(page, request):
    """Description and image of a page, from its own fields (cached with the generation)."""

    def build():
        specific = page.specific
        description = getattr(specific, "search_description", "")
        for field in INTRO_FIELDS:
            if description:
                break
            description = getattr(specific, field, "")
        facts = {"description": short(description), "image": None}
        image = getattr(specific, "image", None)
        rendition = _rendition(image) if image is not None else None
        if rendition is not None:
            facts["image"] = {
                "url": absolute_url(rendition.url, request),
                "width": rendition.width,
                "height": rendition.height,
                "alt": getattr(image, "default_alt_text", "") or image.title,
            }
        return facts

    if getattr(request, "is_preview", False):
        return build()  # a draft's own fields, never the cached live ones
    return chrome.cached("page-facts", build, page.pk, translation.get_language())


def _rendition(image):
    """The link-preview size of an image, or None when it cannot be written (a full disk):
    the page then goes without a preview image, as ``website_images`` leaves it out."""
    try:
        return image.get_rendition("fill-1200x630")
    except (OSError, DatabaseError) as error:
        logger.warning("preview rendition could not be written (%s: %s); og:image left out",
                       type(error).__name__, error)
        return None


def canonical_url(request, page=None):
    """The absolute address of what is shown: the page's own URL, or the view's path.

    Filters, sort orders and tracking parameters are left off (they show the same
    content); the page number of a listing is kept, since each page lists other items.
    """
    if isinstance(page, Page) and page.pk:
        path = page.get_url(request) or request.path
    else:
        path = request.path
    number = request.GET.get("page", "")
    if number.isdigit() and int(number) > 1:
        path += f"?page={int(number)}"
    return absolute_url(path, request)


def head(request, page=None, title="", description="", image="", indexable=True):
    """Everything the head needs, for a Wagtail page or (with title etc.) any other view."""
    language = translation.get_language()
    is_page = isinstance(page, Page) and bool(page.pk)
    facts = _page_facts(page, request) if is_page else {"description": "", "image": None}
    if is_page and not title:
        title = page.seo_title or page.title
    if image:  # a URL, or a file field (an empty one is false)
        facts["image"] = {"url": absolute_url(getattr(image, "url", image), request), "alt": title}
    if is_page:
        links = alternates(translation_urls(page, request), request)
    else:
        links = alternates(view_urls(request), request) if indexable else []
    url = canonical_url(request, page if is_page else None) if indexable else ""
    return {
        "title": title or _("Competence Hub"),
        "description": short(description) or facts["description"] or default_description(),
        "image": facts["image"],
        "url": url,
        "type": "website" if not is_page or page.depth <= 2 else "article",
        "locale": OG_LOCALES.get(language, language),
        "other_locales": [OG_LOCALES.get(link["code"], link["code"]) for link in links
                          if link["code"] not in ("x-default", language)],
        "alternates": links,
    }


def host_parts(request=None):
    """(scheme, host[:port]) of the canonical site, for Django's sitemap framework."""
    from website.site_url import base_url

    parts = urlsplit(base_url(request))
    return parts.scheme, parts.netloc


def breadcrumb_json_ld(crumbs, title, request):
    """schema.org BreadcrumbList for a trail, as JSON safe inside a <script> element.

    A ``<script type="application/ld+json">`` is a data block: browsers never run
    it, so the Content-Security-Policy (script-src 'self') neither blocks nor
    reports it, and no nonce is needed. ``<``, ``>`` and ``&`` are escaped as
    Django's ``json_script`` does, so a title cannot close the element.
    """
    items = [{"@type": "ListItem", "position": number, "name": crumb["title"],
              "item": absolute_url(crumb["url"], request)}
             for number, crumb in enumerate(crumbs, start=1)]
    items.append({"@type": "ListItem", "position": len(items) + 1, "name": str(title)})
    data = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - JSON with the characters that end a script escaped
