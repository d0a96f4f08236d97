"""The search-document base of the curated pages (see ``search.registry``)."""

from search.registry import PageSource


class CuratedPageSource(PageSource):
    """Imported items keep their external id in the index."""

    def document_id(self, page):
        return f"{self.kind}:{page.import_id or page.pk}"
