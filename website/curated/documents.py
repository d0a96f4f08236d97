"""The search-document base of the curated pages (see ``search.registry``)."""

from search.registry import PageSource


class CuratedPageSource(PageSource):
    """Imported items keep their external id in the index, and their own date."""

    def document_id(self, page):
        return f"{self.kind}:{page.import_id or page.pk}"

    def page_document(self, page, **extra):
        return super().page_document(page, **{"published": page.publication_date, **extra})
