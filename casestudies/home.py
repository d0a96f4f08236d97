"""The "latest case studies" section of the home page."""

from django.utils.translation import gettext as _


def latest_case_studies(home, request):
    from casestudies.models import CaseStudyIndexPage, CaseStudyPage
    from website.curated.listing import PUBLICATION_DATE

    index = CaseStudyIndexPage.objects.child_of(home).live().first()
    if index is None:
        return None
    items = list(
        CaseStudyPage.objects.child_of(index).live().public()
        .order_by(PUBLICATION_DATE.desc(nulls_last=True), "-first_published_at")[:3]
    )
    return {"title": _("Latest case studies"), "items": items, "more_url": index.get_url(request)}
