"""Case studies (good practices) and tools."""

from django.utils.translation import gettext_lazy as _

from website.models import SectionIndexPage


class CaseStudyIndexPage(SectionIndexPage):
    """The case-study section: good practices in social innovation and the circular economy."""

    class Meta:
        verbose_name = _("case study index")


class ToolIndexPage(SectionIndexPage):
    """The tools section: frameworks, methods, guides and publications."""

    class Meta:
        verbose_name = _("tool index")
