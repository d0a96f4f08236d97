"""The sitemap: every live, public page in every language, and what apps add (member profiles).

Each address names its translations (``xhtml:link`` alternates with ``hreflang``,
and x-default), exactly those the page head names (``website.seo``): only live,
public ones. Every address is on the canonical host (``SITE_URL``, which the
default Wagtail site follows), never the host a request happened to use.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps import Sitemap

from website import seo


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap walks one root; with i18n each language has its own."""

    def pages(self):
        from wagtail.models import Page

        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        for translated_root in root.get_translations(inclusive=True):
            pages |= translated_root.get_descendants(inclusive=True)
        return pages.live().public()

    def items(self):
        return self.pages().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        by_location = self.translations()
        for url in urls:
            url["alternates"] = [
                {"lang_code": link["code"], "location": link["url"]}
                for link in by_location.get(url["location"], [])
            ]
        return urls

    def translations(self):
        """{full URL: its alternates} over every page listed, in one query."""
        groups = {}
        for page in self.pages().select_related("locale").only(
                "url_path", "translation_key", "locale__language_code", "depth", "path"):
            url = page.get_full_url(self.request)
            groups.setdefault(page.translation_key, {})[page.locale.language_code] = url
        by_location = {}
        for urls in groups.values():
            links = seo.alternates(urls, self.request)
            for url in urls.values():
                by_location[url] = links
        return by_location


class CanonicalSitemap(DjangoSitemap):
    """Base of the sitemaps of views that are not pages (content apps register theirs).

    Each item's address is listed in every language, each with the others as
    alternates (the views answer under every language prefix), on the canonical
    host: Django would use the request's host.
    """

    i18n = True
    alternates = True
    languages = [code for code, _name in settings.LANGUAGES]

    def __init__(self, request=None):
        self.request = request

    def get_urls(self, page=1, site=None, protocol=None):
        protocol, domain = seo.host_parts(self.request)
        return self._urls(page, protocol, domain)

    def _urls(self, page, protocol, domain):
        # x-default is the default language's address, as in the page head; Django's
        # own (x_default) strips the prefix, which this site's URLs always carry.
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            default = [link for link in url["alternates"]
                       if link["lang_code"] == settings.LANGUAGE_CODE]
            url["alternates"] += [{**link, "lang_code": "x-default"} for link in default]
        return urls


# {name: CanonicalSitemap subclass}, filled by the content apps' ready().
_registry = {}


def register_sitemap(name, sitemap_class):
    _registry[name] = sitemap_class


def sitemaps(request):
    """Every sitemap section: the pages, then what the apps registered."""
    return {"pages": MultilingualSitemap(request),
            **{name: cls(request) for name, cls in _registry.items()}}
