"""Funding programmes and calls, policies and regulations."""

from django.utils.translation import gettext_lazy as _

from website.models import SectionIndexPage


class FundingCallIndexPage(SectionIndexPage):
    """The funding section: programmes and their calls, open ones first."""

    class Meta:
        verbose_name = _("funding call index")


class PolicyIndexPage(SectionIndexPage):
    """The policies section: EU, national, regional and municipal policies."""

    class Meta:
        verbose_name = _("policy index")
