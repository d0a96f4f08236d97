"""How public consultations look in the search index (see ``search.registry``).

Consultations are findable: their summary, background, reading list, draft
text and, once published, their result are their body. Their phase is not a facet: it
follows the clock, and the index changes only on publish. Questionnaires are
forms, not content, and stay out of the index.
"""

from django.utils.translation import gettext_lazy as _

from monitoring.models import ConsultationPage
from search.registry import PageSource, plain_text, register, stream_text


class ConsultationSource(PageSource):
    kind = "consultation"
    label = _("Public consultation")
    model = ConsultationPage

    def to_document(self, page):
        doc = self.page_document(page)
        parts = [doc.body, stream_text(page.draft), stream_text(page.documents)]
        if page.result_published:  # a synopsis in the making is not public yet
            parts += [plain_text(page.result_synopsis), plain_text(page.result_changes)]
        doc.body = " ".join(filter(None, parts))
        return doc


register(ConsultationSource())
