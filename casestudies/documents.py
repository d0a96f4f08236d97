"""How case studies and tools look in the search index (see ``search.registry``)."""

from django.utils.translation import gettext_lazy as _

from casestudies.models import CaseStudyPage, ToolPage
from search.registry import register
from website.curated.documents import CuratedPageSource


class CaseStudySource(CuratedPageSource):
    kind = "case_study"
    label = _("Case study")
    aliases = {"case-study": ("case_study",)}
    model = CaseStudyPage

    def to_document(self, page):
        body = " ".join(
            part for part in (page.challenge, page.solution, page.impact, page.lessons_learned)
            if part)
        doc = self.page_document(page, organisation=page.organisation, year=page.year,
                                 level=page.stage)
        doc.body = f"{body} {doc.body}".strip()
        return doc


class ToolSource(CuratedPageSource):
    kind = "tool"
    label = _("Tool")
    model = ToolPage

    def to_document(self, page):
        return self.page_document(
            page, level=page.tool_type,
            year=page.published_on.year if page.published_on else None,
        )


register(CaseStudySource())
register(ToolSource())
