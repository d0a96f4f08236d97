"""How public consultations look in the search index (see ``search.registry``).

Consultations are findable: their summary, background, reading list, draft
text and published result are their body. Their phase is not a facet: it
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
        doc.body = " ".join(filter(None, [
            doc.body, stream_text(page.draft), stream_text(page.documents),
            plain_text(page.result_synopsis), plain_text(page.result_changes),
        ]))
        return doc


register(ConsultationSource())
