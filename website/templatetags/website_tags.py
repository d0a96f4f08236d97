"""Template tags for the site chrome: language switcher, navigation, footer."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from website.models import FooterText, NavigationSettings

register = template.Library()


@register.inclusion_tag("website/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in each language: its translation when live, else that home page."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        for translated in page.get_translations(inclusive=True).live().public().select_related(
            "locale"
        ):
            translations[translated.locale.language_code] = translated
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request)
            exact = True
        elif isinstance(page, Page) and page.pk:
            url = _home_url(request, code)
            exact = False
        else:
            url = translate_url(request.get_full_path(), code) if request else f"/{code}/"
            exact = True
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current, "exact": exact}
        )
    return {"links": links, "current": current}


def _home_url(request, language_code):
    site = Site.find_for_request(request) if request else None
    root = site.root_page if site else None
    if root is not None:
        try:
            locale = Locale.objects.get(language_code=language_code)
            translated = root.get_translation_or_none(locale)
        except Locale.DoesNotExist:
            translated = None
        if translated is not None and translated.live:
            return translated.get_url(request)
    return f"/{language_code}/"


def _nav_links(request, field):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
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
                "page": localized,
            }
        )
    return links


@register.inclusion_tag("website/includes/header_nav.html", takes_context=True)
def header_nav(context):
    request = context.get("request")
    current = context.get("page")
    links = _nav_links(request, "header_links")
    for link in links:
        link["active"] = isinstance(current, Page) and (
            current.pk == link["page"].pk or current.path.startswith(link["page"].path)
        )
    return {"links": links}


@register.inclusion_tag("website/includes/footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    footer = FooterText.objects.filter(locale=Locale.get_active()).first()
    if footer is None:
        footer = FooterText.objects.filter(locale=Locale.get_default()).first()
    return {
        "request": request,
        "footer_text": footer.body if footer else "",
        "links": _nav_links(request, "footer_links"),
        "settings": context.get("settings"),
    }


@register.simple_tag(takes_context=True)
def home_url(context):
    return _home_url(context.get("request"), translation.get_language())


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one)."""
    request = context.get("request")
    params = request.GET.copy() if request else None
    if params is None:
        from django.http import QueryDict

        params = QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()
