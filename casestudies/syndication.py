"""RSS and Atom feeds of case studies and tools (``website.curated.feeds`` does the work)."""

from django.utils.translation import gettext_lazy as _

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, ToolIndexPage, ToolPage
from website.curated.feeds import AtomMixin, CuratedFeed


class CaseStudyFeed(CuratedFeed):
    model = CaseStudyPage
    index_model = CaseStudyIndexPage
    title_text = _("Case studies")
    description_text = _("Good practices in social innovation and the circular economy.")


class CaseStudyAtomFeed(AtomMixin, CaseStudyFeed):
    pass


class ToolFeed(CuratedFeed):
    model = ToolPage
    index_model = ToolIndexPage
    title_text = _("Tools")
    description_text = _("Frameworks, methods, guides and publications.")


class ToolAtomFeed(AtomMixin, ToolFeed):
    pass
