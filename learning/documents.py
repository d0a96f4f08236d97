"""How programmes look in the search index (see ``search.registry``): kind ``course``.

The kind is the import ``type`` of programmes, one name for both. Lessons and
modules are found through their programme, not on their own.
"""

from django.utils.translation import gettext_lazy as _

from learning.models import ProgrammePage
from search.registry import register
from website.curated.documents import CuratedPageSource


class ProgrammeSource(CuratedPageSource):
    kind = "course"
    label = _("Course")
    model = ProgrammePage

    def get_queryset(self):
        return super().get_queryset().select_related("topic")

    def to_document(self, page):
        doc = self.page_document(page, level=page.level, format=page.format)
        extra = " ".join(part for part in (
            page.topic.name if page.topic else "", page.learning_outcomes, page.prerequisites,
        ) if part)
        doc.body = f"{extra} {doc.body}".strip()
        return doc


register(ProgrammeSource())
