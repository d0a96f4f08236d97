"""The search-document base of the curated pages (see ``search.registry``)."""

from search.registry import PageSource


class CuratedPageSource(PageSource):
    """Imported items keep their own date (their ids are ``<kind>:<import id>``)."""

    def page_document(self, page, **extra):
        return super().page_document(page, **{"published": page.publication_date, **extra})
