"""Public consultation pages and their index.

A consultation moves through phases with dates (``monitoring.consultations``):
documents for reading, comments on the sections of a draft text, its
questionnaire (a ``QuestionnairePage`` child, whose own dates are the phase's),
and the published result: the statistics, the editor's synopsis and what
changed because of it, mailed to everyone who took part when the page is
published with the result (``monitoring.signal_handlers``).

It links to its policy records (policy pages), the funding programme and the
working group by model string: those belong to other apps.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from monitoring.blocks import DraftBlock, ReadingListBlock
from website.blocks import BodyBlock
from website.chrome import CachedViewRestrictionsMixin
from website.forms import TaxonomyPageForm
from website.models import SectionIndexPage

RICH_TEXT = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]


class ConsultationIndexPage(SectionIndexPage):
    """The public consultations, each with its current phase."""

    subpage_types = ["monitoring.ConsultationPage"]

    class Meta:
        verbose_name = _("consultation index")

    def get_template(self, request, *args, **kwargs):
        return "monitoring/consultation_index_page.html"


class ConsultationPage(RoutablePageMixin, CachedViewRestrictionsMixin, Page):
    """One public consultation on a topic, from its documents to its published result."""

    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("background"))
    documents = StreamField(ReadingListBlock(), blank=True, verbose_name=_("documents to read"))
    draft = StreamField(
        DraftBlock(), blank=True, verbose_name=_("draft text"),
        help_text=_("Members comment on each section while comments are open."),
    )
    documents_from = models.DateField(_("documents published"), null=True, blank=True)
    comments_from = models.DateTimeField(_("comments open"), null=True, blank=True)
    comments_until = models.DateTimeField(_("comments close"), null=True, blank=True)
    result_published = models.BooleanField(
        _("publish the result"), default=False,
        help_text=_("When the page is published with this on, everyone who took part gets the "
                    "result by e-mail (once)."),
    )
    result_date = models.DateField(_("result date"), null=True, blank=True)
    result_synopsis = RichTextField(_("synopsis"), blank=True, features=RICH_TEXT)
    result_changes = RichTextField(_("what changed because of it"), blank=True, features=RICH_TEXT)
    programme = models.ForeignKey(
        "funding.FundingProgramme", verbose_name=_("programme"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    working_group = models.ForeignKey(
        "network.Network", verbose_name=_("working group"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    themes = ParentalManyToManyField(
        "website.ThematicPriority", blank=True, related_name="+", verbose_name=_("themes")
    )
    pillars = ParentalManyToManyField(
        "website.Pillar", blank=True, related_name="+", verbose_name=_("pillars")
    )

    base_form_class = TaxonomyPageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("documents"),
        FieldPanel("draft"),
        MultiFieldPanel([
            FieldPanel("programme"),
            FieldPanel("working_group"),
            InlinePanel("policy_links", label=_("Policy records")),
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            FieldPanel("pillars", widget=forms.CheckboxSelectMultiple),
        ], heading=_("Links and classification")),
    ]
    phase_panels = [
        FieldPanel("documents_from"),
        FieldRowPanel([FieldPanel("comments_from"), FieldPanel("comments_until")]),
    ]
    result_panels = [
        FieldRowPanel([FieldPanel("result_published"), FieldPanel("result_date")]),
        FieldPanel("result_synopsis"),
        FieldPanel("result_changes"),
    ]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Content")),
        ObjectList(phase_panels, heading=_("Phases")),
        ObjectList(result_panels, heading=_("Result")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ])
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("draft"),
        index.SearchField("published_result"),
    ]

    parent_page_types = ["monitoring.ConsultationIndexPage"]
    subpage_types = ["monitoring.QuestionnairePage"]

    class Meta:
        verbose_name = _("public consultation")
        verbose_name_plural = _("public consultations")

    @property
    def consultation_key(self):
        return self.translation_key

    def published_result(self):
        """The result's text for Wagtail's search index: nothing until it is published."""
        if not self.result_published:
            return ""
        return strip_tags(" ".join([self.result_synopsis, self.result_changes]))

    def questionnaires(self):
        from monitoring.models import QuestionnairePage

        return QuestionnairePage.objects.child_of(self).live().public().order_by("path")

    def clean(self):
        super().clean()
        if self.comments_from and self.comments_until and self.comments_until <= self.comments_from:
            raise ValidationError({"comments_until": _("Comments close after they open.")})
        if self.result_published and not self.result_synopsis:
            raise ValidationError({"result_synopsis": _(
                "Write the synopsis before publishing the result.")})

    @path("")
    def index_route(self, request, *args, **kwargs):
        from monitoring.views import consultation_page

        return consultation_page(self, request)

    @path("comment/")
    def comment(self, request):
        from monitoring.views import post_comment

        return post_comment(self, request)


class ConsultationPolicyLink(Orderable):
    """A policy record the consultation is about (a policy page of the funding section)."""

    page = ParentalKey(ConsultationPage, related_name="policy_links", on_delete=models.CASCADE)
    policy = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("policy"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("policy", page_type="funding.PolicyPage")]
