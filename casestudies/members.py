"""The case studies that feature a member, for its profile (see ``website.curated.featuring``)."""

from django.conf import settings
from django.db.models import Exists, F, OuterRef
from django.utils import translation
from django.utils.translation import gettext as _


def case_studies_for(member):
    """Live, public case studies that link to the member, one per translation group.

    A case study shows in the active language when it has a live translation in
    it (whether or not that translation repeats the link); otherwise as the
    linking page, in the default language if there is one. Two queries (the
    pages and Wagtail's view restrictions), however many there are.
    """
    from casestudies.models import CaseStudyMember, CaseStudyPage

    live = CaseStudyPage.objects.live().public()
    links_here = CaseStudyMember.objects.filter(page_id=OuterRef("pk"), member_id=member.pk)
    keys = live.filter(Exists(links_here)).values("translation_key")
    pages = (
        live.filter(translation_key__in=keys)
        .annotate(links_here=Exists(links_here))
        .select_related("locale")
        .order_by(F("year").desc(nulls_last=True), "title")
    )
    language = translation.get_language()
    best = {}
    for page in pages:
        rank = (
            page.locale.language_code == language,
            page.links_here and page.locale.language_code == settings.LANGUAGE_CODE,
            page.links_here,
        )
        if page.translation_key not in best or rank > best[page.translation_key][0]:
            best[page.translation_key] = (rank, page)
    chosen = {page.pk for _rank, page in best.values()}
    return [page for page in pages if page.pk in chosen]


def case_studies_featuring(member, request=None):
    """The section of a member's profile: the case studies that name it."""
    return {"title": _("Case studies featuring this member"), "items": case_studies_for(member)}
