"""Template tags for the site chrome: language switcher, navigation, footer.

What they show changes only when content is published or settings are saved,
so each is cached in ``website.chrome`` and costs no query on a warm cache (the
request reads the content generation once, for all of them).
"""

from django import template
from django.conf import settings
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page, Site

from website import chrome, seo
from website.models import FooterText, NavigationSettings, SiteSettings

register = template.Library()


def _site(request):
    return Site.find_for_request(request) if request else None


def _home_urls(request):
    """{language code: URL of that language's live home page}."""

    def build():
        site = _site(request)
        urls = {code: f"/{code}/" for code, _name in settings.LANGUAGES}
        if site is not None:
            for home in site.root_page.get_translations(inclusive=True).live().select_related(
                "locale"
            ):
                urls[home.locale.language_code] = home.get_url(request)
        return urls

    return chrome.cached("homes", build)


@register.inclusion_tag("website/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in each language: its translation when live, else that home page."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    is_page = isinstance(page, Page) and page.pk
    translations = seo.translation_urls(page, request) if is_page else {}
    homes = _home_urls(request) if is_page else {}
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url, exact = translations[code], True
        elif is_page:
            url, exact = homes.get(code, f"/{code}/"), False
        else:
            url = translate_url(request.get_full_path(), code) if request else f"/{code}/"
            exact = True
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current, "exact": exact}
        )
    return {"links": links, "current": current}


def _nav_links(request, field):
    site = _site(request)
    if site is None:
        return []
    language = translation.get_language()

    def build():
        nav = NavigationSettings.for_site(site)
        links = []
        for block in getattr(nav, field):
            page = block.value.get("page")
            if page is None:
                continue
            localized = page.localized
            if not localized.live:
                continue
            links.append(
                {
                    "title": block.value.get("label") or localized.title,
                    "url": localized.get_url(request),
                    "path": localized.path,
                }
            )
        return links

    return chrome.cached("nav", build, site.pk, language, field)


@register.inclusion_tag("website/includes/header_nav.html", takes_context=True)
def header_nav(context):
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else None
    links = [dict(link) for link in _nav_links(context.get("request"), "header_links")]
    for link in links:
        link["active"] = bool(current_path and current_path.startswith(link["path"]))
    return {"links": links}


@register.simple_tag(takes_context=True)
def site_footer(context):
    request = context.get("request")
    site = _site(request)
    language = translation.get_language()

    def build():
        footer = FooterText.objects.filter(locale=Locale.get_active()).first()
        if footer is None:
            footer = FooterText.objects.filter(locale=Locale.get_default()).first()
        site_settings = SiteSettings.for_site(site) if site else None
        return render_to_string(
            "website/includes/footer.html",
            {
                "footer_text": footer.body if footer else "",
                "address": (footer.address if footer else "") or getattr(site_settings, "address", ""),
                "links": _nav_links(request, "footer_links"),
                "site_settings": site_settings,
            },
        )

    return mark_safe(chrome.cached("footer", build, site.pk if site else 0, language))  # noqa: S308


@register.simple_tag(takes_context=True)
def home_url(context):
    return _home_urls(context.get("request")).get(translation.get_language(), "/")


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one)."""
    request = context.get("request")
    params = request.GET.copy() if request else QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def query_without(context, key, value):
    """The current query string less one chosen value (an active-filter chip's link).

    The page number goes too: the narrower or wider listing starts again at page one.
    """
    request = context.get("request")
    params = request.GET.copy() if request else QueryDict(mutable=True)
    params.setlist(key, [v for v in params.getlist(key) if v != str(value)])
    params.pop("page", None)
    return params.urlencode()


@register.inclusion_tag("website/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, title="", under=""):
    """The trail from the home page to what is shown, as links and as BreadcrumbList data.

    A Wagtail page: its ancestors (cached: one query per page, once). Any other
    view passes its ``title`` and, with ``under`` ("network.MemberDirectoryPage"),
    the section it belongs to: the trail to that type's live page in this language.
    The home page has none.
    """
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page) and page.pk and not title:
        crumbs, title = chrome.cached("crumbs", lambda: _trail(page, request), page.pk), page.title
    elif title:
        crumbs = chrome.cached("section-crumbs", lambda: _section_trail(under, request),
                               under, translation.get_language())
    else:
        crumbs = []
    if not crumbs:
        return {"crumbs": []}
    return {"crumbs": crumbs, "title": title, "json_ld": seo.breadcrumb_json_ld(crumbs, title, request)}


def _trail(page, request, inclusive=False):
    return [
        {"title": ancestor.title, "url": ancestor.get_url(request)}
        for ancestor in page.get_ancestors(inclusive=inclusive).filter(depth__gt=1)
    ]


def _section_trail(label, request):
    """The trail to the live, public section page of type ``label`` in this language (or home)."""
    from django.apps import apps

    locale = Locale.get_active()
    if label:
        section = apps.get_model(label).objects.live().public().filter(locale=locale).first()
        if section is not None:
            return _trail(section, request, inclusive=True)
    home = Page.objects.live().filter(depth=2, locale=locale).first()
    return [{"title": home.title, "url": home.get_url(request)}] if home else []


@register.filter
def lang_attr(code):
    """`` lang="en"`` for text written in ``code`` when the page is in another language.

    Member profiles, posts and activities are written in one language and shown
    on every language's pages; screen readers and hyphenation need to know.
    """
    if code not in dict(settings.LANGUAGES) or code == translation.get_language():
        return ""
    return mark_safe(f' lang="{code}"')  # noqa: S308 - code is one of settings.LANGUAGES
