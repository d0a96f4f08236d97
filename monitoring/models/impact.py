"""The public Impact page: every indicator's approved figures against its targets."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from website.chrome import CachedViewRestrictionsMixin


class ImpactPage(CachedViewRestrictionsMixin, Page):
    """Target against actual for each indicator, per period, as bars and as a table.

    The figures are those of ``/api/indicators/`` (computed, or reported and
    approved), named in the page's language; one Impact page per language
    under the home page, translated like any page.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("impact page")

    def get_template(self, request, *args, **kwargs):
        return "monitoring/impact_page.html"

    def get_context(self, request, *args, **kwargs):
        # Not at the top: monitoring.indicators reads the models this package defines.
        from monitoring.indicators import indicator_rows

        context = super().get_context(request, *args, **kwargs)
        context["indicators"] = indicator_rows(self.locale.language_code
                                               or translation.get_language())
        return context
