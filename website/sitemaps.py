"""A sitemap of every live, public page in every language."""

from wagtail.contrib.sitemaps import Sitemap


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap walks one root; with i18n each language has its own."""

    def items(self):
        from wagtail.models import Page

        root = self.get_wagtail_site().root_page
        roots = root.get_translations(inclusive=True)
        pages = Page.objects.none()
        for translated_root in roots:
            pages |= translated_root.get_descendants(inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()
