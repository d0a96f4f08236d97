"""How policies and funding calls look in the search index (see ``search.registry``)."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from funding.choices import CallStatus
from funding.models import FundingCallPage, PolicyPage
from search.registry import register, register_facet_labels
from website.curated.documents import CuratedPageSource


class PolicySource(CuratedPageSource):
    kind = "policy"
    label = _("Policy")
    model = PolicyPage

    def to_document(self, page):
        return self.page_document(
            page, organisation=page.issuing_body, level=page.level,
            year=page.adopted.year if page.adopted else None,
        )


class FundingCallSource(CuratedPageSource):
    kind = "funding_call"
    label = _("Funding call")
    aliases = {"funding-call": ("funding_call",)}
    model = FundingCallPage

    def get_queryset(self):
        return super().get_queryset().select_related("programme")

    def to_document(self, page):
        funder = page.funder or (page.programme.funder if page.programme else "")
        doc = self.page_document(
            page, organisation=funder, deadline=page.deadline, status=str(page.status.value),
            year=page.deadline.year if page.deadline else None,
        )
        if page.programme:
            doc.body = f"{page.programme.name} {page.call_identifier} {doc.body}".strip()
        return doc


def call_status_labels(values, language):
    """The "Funding status" facet shows "Open", never the indexed value "open"."""
    with translation.override(language or translation.get_language()):
        return {value: str(CallStatus(value).label) for value in values if value in CallStatus.values}


register(PolicySource())
register(FundingCallSource())
register_facet_labels("status", call_status_labels)
