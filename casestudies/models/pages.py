"""Case-study and tool pages and their index pages."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats, numberformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail.search import index

from casestudies.choices import Stage, ToolLevel, ToolType
from website.choices import Status
from website.choosers import ChooserPanel
from website.curated.listing import CuratedIndexMixin, Facet, taxonomy_facets
from website.curated.models import CuratedPage, RelatedLinkBase
from website.models import SectionIndexPage


class CaseStudyIndexPage(CuratedIndexMixin, SectionIndexPage):
    """The case-study section: good practices in social innovation and the circular economy."""

    feed_name = "case_study"
    child_model = None  # set below, once CaseStudyPage exists
    subpage_types = ["casestudies.CaseStudyPage"]
    template = "casestudies/case_study_index_page.html"
    sort_options = CuratedIndexMixin.sort_options + [
        ("year", _("Year, latest first"), (models.F("year").desc(nulls_last=True), "title")),
    ]

    count_text = ngettext_lazy("%(count)s case study", "%(count)s case studies", "count")

    class Meta:
        verbose_name = _("case study index")

    def get_facets(self):
        return taxonomy_facets() + [
            Facet("stage", _("Stage"), "stage", choices=Stage.choices),
            Facet("year", _("Year"), "year", numeric=True),
        ]


class ToolIndexPage(CuratedIndexMixin, SectionIndexPage):
    """The tools section: frameworks, methods, guides and publications."""

    feed_name = "tool"
    child_model = None
    subpage_types = ["casestudies.ToolPage"]
    template = "casestudies/tool_index_page.html"

    count_text = ngettext_lazy("%(count)s tool", "%(count)s tools", "count")

    class Meta:
        verbose_name = _("tool index")

    def get_facets(self):
        return taxonomy_facets() + [
            Facet("type", _("Type"), "tool_type", choices=ToolType.choices),
            Facet("level", _("Level"), "level", choices=ToolLevel.choices),
            Facet("year", _("Year"), "published_on__year", numeric=True),
        ]


class PublicMemberSerializer(serializers.Serializer):
    """A member as the API shows it: what its public profile shows, never contact details."""

    name = serializers.CharField()
    slug = serializers.CharField()
    member_type = serializers.CharField()
    city = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey(
        "casestudies.CaseStudyPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CaseStudyPage(CuratedPage):
    """A good practice: who did what, where, against which challenge, with what impact.

    The social-innovation criteria it meets come from the taxonomy and are
    shown as a checklist against the EC definition.
    """

    organisation = models.CharField(
        _("organisation(s)"), max_length=300, blank=True, help_text=_("Separate several with ;")
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, blank=True)
    criteria = ParentalManyToManyField(
        "website.SocialInnovationCriterion",
        blank=True,
        related_name="+",
        verbose_name=_("social-innovation criteria met"),
    )
    challenge = models.TextField(_("challenge"), blank=True)
    solution = models.TextField(_("solution"), blank=True)
    impact = models.TextField(
        _("impact"), blank=True,
        help_text=_("The impact in words. Measured results go in the impact indicators below."),
    )
    funding_sources = models.TextField(_("funding sources"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    tags = ClusterTaggableManager(through=CaseStudyTag, blank=True, verbose_name=_("tags"))

    content_panels = CuratedPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("stage")]),
                FieldPanel("external_url"),
                FieldPanel("published_on"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("challenge"),
        FieldPanel("solution"),
        FieldPanel("impact"),
        InlinePanel("impact_indicators", label=_("Impact indicators")),
        FieldPanel("funding_sources"),
        FieldPanel("lessons_learned"),
        FieldPanel("body"),
        FieldPanel("image"),
        InlinePanel("related_links", label=_("Related tools, policies and calls")),
        InlinePanel(
            "featured_members",
            label=_("Organisations in the network"),
            help_text=_("Only approved members listed in the directory are shown on the page."),
        ),
    ]
    promote_panels = CuratedPage.promote_panels + CuratedPage.taxonomy_panels + [
        FieldPanel("criteria", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = CuratedPage.search_fields + [
        index.SearchField("organisation"),
        index.SearchField("challenge"),
        index.SearchField("solution"),
        index.SearchField("impact"),
        index.SearchField("lessons_learned"),
        index.FilterField("year"),
        index.FilterField("stage"),
    ]

    api_fields = CuratedPage.api_fields + [
        APIField("organisation"),
        APIField("year"),
        APIField("stage"),
        APIField("challenge"),
        APIField("solution"),
        APIField("funding_sources"),
        APIField("lessons_learned"),
        APIField("impact"),
        APIField("impact_indicators"),
        APIField("criteria", serializer=serializers.SlugRelatedField(
            many=True, read_only=True, slug_field="slug")),
        APIField("members", serializer=PublicMemberSerializer(
            source="public_members", many=True, read_only=True)),
    ]

    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []
    template = "casestudies/case_study_page.html"
    import_type = "case_study"
    api_name = "case-studies"
    card_kind_label = _("Case study")

    class Meta(CuratedPage.Meta):
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    @property
    def card_meta(self):
        parts = [self.organisation, str(self.year or ""), self.get_stage_display()]
        return " · ".join(part for part in parts if part)

    def public_members(self):
        """The linked members anyone may see (approved and listed), in the editors' order.

        One query for a saved page; a preview filters its unsaved links in memory.
        The condition is ``Member.objects.public()``, spelt out for the link rows.
        """
        links = self.featured_members.select_related("member").filter(
            member__status=Status.APPROVED, member__listed=True
        )
        return [link.member for link in links]


class ImpactIndicator(Orderable):
    """One measured result of a case study, e.g. "tonnes of waste diverted: 120 t".

    A row of its own (name, decimal value, unit) so that KPIs can add results up
    across case studies with one query; the impact in words is ``CaseStudyPage.impact``.
    """

    page = ParentalKey(CaseStudyPage, related_name="impact_indicators", on_delete=models.CASCADE)
    name = models.CharField(_("indicator"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("value"), FieldPanel("unit")])]
    api_fields = [APIField("name"), APIField("value"), APIField("unit")]

    class Meta(Orderable.Meta):
        verbose_name = _("impact indicator")
        verbose_name_plural = _("impact indicators")

    def __str__(self):
        return f"{self.name}: {self.display_value}"

    @property
    def display_value(self):
        value = self.value.normalize() if self.value is not None else ""
        if value != "" and value == value.to_integral_value():
            value = value.quantize(1)
        return f"{value} {self.unit}".strip()

    @property
    def formatted_value(self):
        """The value as the page's language writes numbers (1 200,5 · 1,200.5 · 1.200,5)."""
        if self.value is None:
            return self.unit
        places = max(0, -self.value.normalize().as_tuple().exponent)
        # Grouped by thousands in every language (Django's Bulgarian formats do not group).
        number = numberformat.format(
            self.value, formats.get_format("DECIMAL_SEPARATOR"), places, grouping=3,
            thousand_sep=formats.get_format("THOUSAND_SEPARATOR"), force_grouping=True)
        return f"{number}\u00a0{self.unit}" if self.unit else number


class CaseStudyRelatedLink(RelatedLinkBase):
    page = ParentalKey(CaseStudyPage, related_name="related_links", on_delete=models.CASCADE)


class CaseStudyMember(Orderable):
    """An organisation of the network that a case study is about or names as a partner."""

    page = ParentalKey(CaseStudyPage, related_name="featured_members", on_delete=models.CASCADE)
    member = models.ForeignKey(
        "network.Member",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="case_study_links",
    )

    panels = [ChooserPanel("member")]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation in the network")
        verbose_name_plural = _("organisations in the network")

    def __str__(self):
        return str(self.member)


class ToolTag(TaggedItemBase):
    content_object = ParentalKey(
        "casestudies.ToolPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ToolPage(CuratedPage):
    """A framework, method, guide, template, calculator, report or publication."""

    tool_type = models.CharField(_("type"), max_length=20, choices=ToolType.choices)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=ToolLevel.choices, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    licence = models.CharField(_("licence"), max_length=120, blank=True)
    tags = ClusterTaggableManager(through=ToolTag, blank=True, verbose_name=_("tags"))

    content_panels = CuratedPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("tool_type"), FieldPanel("level")]),
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("document"), FieldPanel("external_url")]),
                FieldPanel("licence"),
                FieldPanel("published_on"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("body"),
        FieldPanel("image"),
        InlinePanel("related_links", label=_("Related case studies and other items")),
    ]
    promote_panels = CuratedPage.promote_panels + CuratedPage.taxonomy_panels
    search_fields = CuratedPage.search_fields + [
        index.SearchField("audience"),
        index.FilterField("tool_type"),
        index.FilterField("level"),
    ]

    api_fields = CuratedPage.api_fields + [
        APIField("tool_type"),
        APIField("audience"),
        APIField("level"),
        APIField("licence"),
        APIField("document"),
    ]

    parent_page_types = ["casestudies.ToolIndexPage"]
    subpage_types = []
    template = "casestudies/tool_page.html"
    import_type = "tool"
    api_name = "tools"
    card_kind_label = _("Tool")

    class Meta(CuratedPage.Meta):
        verbose_name = _("tool")
        verbose_name_plural = _("tools")

    @property
    def card_meta(self):
        parts = [self.get_tool_type_display(), self.get_level_display()]
        if self.published_on:
            parts.append(str(self.published_on.year))
        return " · ".join(part for part in parts if part)


class ToolRelatedLink(RelatedLinkBase):
    page = ParentalKey(ToolPage, related_name="related_links", on_delete=models.CASCADE)


CaseStudyIndexPage.child_model = CaseStudyPage
ToolIndexPage.child_model = ToolPage
