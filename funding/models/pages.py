"""Policy and funding-call pages and their index pages."""

import hashlib
import time
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
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

from funding.choices import CallStatus, PolicyInstrument, PolicyLevel, PolicyStatus
from funding.status import call_status, status_q, status_rank
from website import formatting
from website.choices import OrganisationType
from website.curated.listing import PUBLICATION_DATE, CuratedIndexMixin, Facet, taxonomy_facets
from website.curated.models import CuratedPage, RelatedLinkBase
from website.models import SectionIndexPage


def validate_timezone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(_("Unknown time zone: %(v)s"), params={"v": value}) from exc


def timezone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class ChoiceListField(models.JSONField):
    """A list of values from fixed choices, stored as JSON (works on SQLite and PostgreSQL)."""

    def __init__(self, *args, choice_list=None, **kwargs):
        self.choice_list = choice_list or []
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choice_list", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.choice_list,
            required=not self.blank,
            label=self.verbose_name,
            widget=forms.CheckboxSelectMultiple,
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {key for key, _label in self.choice_list}
        unknown = [item for item in value or [] if item not in allowed]
        if unknown:
            raise ValidationError(_("Unknown values: %(v)s"), params={"v": ", ".join(unknown)})


class PolicyIndexPage(CuratedIndexMixin, SectionIndexPage):
    """The policies section: EU, national, regional and municipal policies."""

    feed_name = "policy"
    child_model = None
    subpage_types = ["funding.PolicyPage"]
    template = "funding/policy_index_page.html"

    count_text = ngettext_lazy("%(count)s policy", "%(count)s policies", "count")

    class Meta:
        verbose_name = _("policy index")

    def get_facets(self):
        return taxonomy_facets() + [
            Facet("level", _("Level"), "level", choices=PolicyLevel.choices),
            Facet("status", _("Status"), "policy_status", choices=PolicyStatus.choices),
            Facet("year", _("Year adopted"), "adopted__year", numeric=True),
        ]


class FundingCallIndexPage(CuratedIndexMixin, SectionIndexPage):
    """The funding section: programmes and their calls, open ones first."""

    feed_name = "funding_call"
    child_model = None
    subpage_types = ["funding.FundingCallPage"]
    template = "funding/funding_call_index_page.html"
    select_related = ("programme",)
    sort_options = [
        ("deadline", _("Open calls first, nearest deadline"), ()),
        ("newest", _("Newest first"), (PUBLICATION_DATE.desc(nulls_last=True), "-pk")),
        ("title", _("Title A–Z"), ("title", "pk")),
    ]

    count_text = ngettext_lazy("%(count)s funding call", "%(count)s funding calls", "count")

    class Meta:
        verbose_name = _("funding call index")

    def get_facets(self):
        return taxonomy_facets() + [
            Facet("status", _("Status"), "status", choices=CallStatus.choices),
            Facet("eligible", _("Who can apply"), "eligible", choices=OrganisationType.choices),
            Facet("programme", _("Programme"), "programme__slug"),
            Facet("year", _("Deadline year"), "deadline__year", numeric=True),
        ]

    def apply_facet(self, queryset, facet, values, model):
        if facet.param == "status":
            condition = models.Q(pk__in=[])
            now = timezone.now()
            for value in values:
                condition |= status_q(value, now)
            return queryset.filter(condition)
        if facet.param == "eligible":
            condition = models.Q(pk__in=[])
            for value in values:
                if value in OrganisationType.values:
                    condition |= models.Q(eligible__icontains=f'"{value}"')
            return queryset.filter(condition)
        return super().apply_facet(queryset, facet, values, model)

    def get_listing(self, request):
        # "Eligible for my organisation": only for a signed-in member, from its own
        # profile; anyone else's ``for_me`` is ignored (no filter is shown to them).
        from funding.eligibility import Applicant, current_member

        member = current_member(request)
        self._applicant = Applicant.of(member) if member else None
        self._for_me = self._applicant is not None and request.GET.get("for_me") == "1"
        return super().get_listing(request)

    def filter_queryset(self, queryset, facets):
        from funding.eligibility import eligible_q

        queryset = super().filter_queryset(queryset, facets)
        if getattr(self, "_for_me", False):
            queryset = queryset.filter(eligible_q(self._applicant))
        return queryset

    def listing_cache_key(self, facets, query, sort):
        key = super().listing_cache_key(facets, query, sort)
        if getattr(self, "_for_me", False):  # members with the same profile share it
            digest = hashlib.sha1(self._applicant.key.encode(), usedforsecurity=False)
            key += ":for-me:" + digest.hexdigest()
        return key

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["ical_url"] = reverse("funding_call_ical")
        if getattr(self, "_applicant", None) is not None:
            context["personal_filter"] = {
                "param": "for_me", "value": "1", "selected": self._for_me,
                "label": _("Eligible for my organisation"),
                "legend": _("For you"),
            }
            context["filtered"] = context["filtered"] or self._for_me
        return context

    def listing_cache_bucket(self):
        # Statuses and the open-first order change as time passes, without any
        # publishing: a cached listing of calls is good for the current minute only.
        return str(int(time.time() // 60))

    def sort_queryset(self, queryset, sort):
        if sort == "deadline":
            return queryset.annotate(status_rank=status_rank()).order_by(
                "status_rank", models.F("deadline").asc(nulls_last=True), "title"
            )
        return super().sort_queryset(queryset, sort)

    def load_facet_options(self, facets):
        super().load_facet_options(facets)
        from funding.models.snippets import FundingProgramme

        for facet in facets:
            if facet.param == "programme":
                used = self.child_model.objects.child_of(self).values("programme_id")
                facet.options = list(
                    FundingProgramme.objects.filter(pk__in=used).values_list("slug", "name")
                )


class PolicyTag(TaggedItemBase):
    content_object = ParentalKey(
        "funding.PolicyPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class PolicyPage(CuratedPage):
    """A policy, strategy or regulation, and the programmes and calls it drives."""

    level = models.CharField(_("level"), max_length=20, choices=PolicyLevel.choices)
    instrument = models.CharField(
        _("instrument"), max_length=120, blank=True, choices=PolicyInstrument.choices
    )
    issuing_body = models.CharField(_("issuing body"), max_length=200, blank=True)
    adopted = models.DateField(_("adopted"), null=True, blank=True)
    in_force = models.DateField(_("in force from"), null=True, blank=True)
    policy_status = models.CharField(
        _("status"), max_length=20, choices=PolicyStatus.choices, default=PolicyStatus.IN_FORCE
    )
    programmes = ParentalManyToManyField(
        "funding.FundingProgramme", blank=True, related_name="policies",
        verbose_name=_("programmes it drives"),
    )
    tags = ClusterTaggableManager(through=PolicyTag, blank=True, verbose_name=_("tags"))

    content_panels = CuratedPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("level"), FieldPanel("policy_status")]),
                FieldRowPanel([FieldPanel("instrument"), FieldPanel("issuing_body")]),
                FieldRowPanel([FieldPanel("adopted"), FieldPanel("in_force")]),
                FieldPanel("external_url"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("programmes"),
        FieldPanel("body"),
        InlinePanel("related_links", label=_("Calls and other items it drives")),
    ]
    promote_panels = CuratedPage.promote_panels + CuratedPage.taxonomy_panels
    search_fields = CuratedPage.search_fields + [
        index.SearchField("instrument"),
        index.SearchField("issuing_body"),
        index.FilterField("level"),
    ]

    api_fields = CuratedPage.api_fields + [
        APIField("level"),
        APIField("instrument"),
        APIField("issuing_body"),
        APIField("adopted"),
        APIField("in_force"),
        APIField("policy_status"),
        APIField("programmes", serializer=serializers.SlugRelatedField(
            many=True, read_only=True, slug_field="slug")),
    ]

    parent_page_types = ["funding.PolicyIndexPage"]
    subpage_types = []
    template = "funding/policy_page.html"
    import_type = "policy"
    api_name = "policies"
    card_kind_label = _("Policy")

    class Meta(CuratedPage.Meta):
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def clean(self):
        super().clean()
        if self.adopted and self.in_force and self.in_force < self.adopted:
            raise ValidationError({"in_force": _("A policy cannot be in force before adoption.")})

    @property
    def card_meta(self):
        parts = [self.get_level_display(), self.get_instrument_display()]
        if self.adopted:
            parts.append(str(self.adopted.year))
        return " · ".join(part for part in parts if part)


class PolicyRelatedLink(RelatedLinkBase):
    page = ParentalKey(PolicyPage, related_name="related_links", on_delete=models.CASCADE)


class FundingCallTag(TaggedItemBase):
    content_object = ParentalKey(
        "funding.FundingCallPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class FundingCallPage(CuratedPage):
    """A call for proposals; its status (forthcoming, open, closing soon, closed) is computed."""

    programme = models.ForeignKey(
        "funding.FundingProgramme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
    )
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    call_identifier = models.CharField(_("call identifier"), max_length=120, blank=True)
    opens = models.DateTimeField(_("opens"), null=True, blank=True)
    deadline = models.DateTimeField(
        _("deadline"), null=True, blank=True, help_text=_("The final deadline; empty if open-ended.")
    )
    deadline_timezone = models.CharField(
        _("time zone of the deadline"), max_length=64, default=settings.TIME_ZONE,
        validators=[validate_timezone],
    )
    budget_eur = models.DecimalField(
        _("budget (EUR)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    cofinancing_rate = models.DecimalField(
        _("co-financing rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    eligible = ChoiceListField(
        _("eligible applicants"), blank=True, choice_list=OrganisationType.choices
    )
    # Who may apply, as the members' profiles say it: empty means any region or pillar.
    # Separate from the taxonomy regions and pillars, which say what a call is about.
    eligible_regions = ParentalManyToManyField(
        "website.Region", blank=True, related_name="+", verbose_name=_("eligible regions"),
        help_text=_("Only applicants from these regions may apply; empty: any region."),
    )
    eligible_pillars = ParentalManyToManyField(
        "website.Pillar", blank=True, related_name="+", verbose_name=_("eligible pillars"),
        help_text=_("Only applicants in these pillars may apply; empty: any pillar."),
    )
    tags = ClusterTaggableManager(through=FundingCallTag, blank=True, verbose_name=_("tags"))

    content_panels = CuratedPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("programme"), FieldPanel("funder")]),
                FieldPanel("call_identifier"),
                FieldRowPanel([FieldPanel("opens"), FieldPanel("deadline")]),
                FieldPanel("deadline_timezone", widget=forms.Select(choices=timezone_choices)),
                InlinePanel("stage_deadlines", label=_("Earlier stage deadlines")),
                FieldRowPanel([FieldPanel("budget_eur"), FieldPanel("cofinancing_rate")]),
                FieldPanel("eligible"),
                FieldRowPanel([
                    FieldPanel("eligible_regions", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("eligible_pillars", widget=forms.CheckboxSelectMultiple),
                ]),
                FieldPanel("external_url"),
            ],
            heading=_("Call"),
        ),
        FieldPanel("body"),
        InlinePanel("related_links", label=_("Related policies, case studies and tools")),
    ]
    promote_panels = CuratedPage.promote_panels + CuratedPage.taxonomy_panels
    search_fields = CuratedPage.search_fields + [
        index.SearchField("call_identifier"),
        index.SearchField("funder"),
        index.FilterField("deadline"),
        index.FilterField("opens"),
    ]

    api_fields = CuratedPage.api_fields + [
        APIField("status", serializer=serializers.CharField(read_only=True)),
        APIField("programme", serializer=serializers.SlugRelatedField(
            read_only=True, slug_field="slug")),
        APIField("funder"),
        APIField("call_identifier"),
        APIField("opens"),
        APIField("deadline"),
        APIField("deadline_timezone"),
        APIField("stage_deadlines"),
        APIField("budget_eur"),
        APIField("cofinancing_rate"),
        APIField("eligible"),
        APIField("eligible_regions", serializer=serializers.SlugRelatedField(
            many=True, read_only=True, slug_field="slug")),
        APIField("eligible_pillars", serializer=serializers.SlugRelatedField(
            many=True, read_only=True, slug_field="slug")),
    ]

    parent_page_types = ["funding.FundingCallIndexPage"]
    subpage_types = []
    template = "funding/funding_call_page.html"
    import_type = "funding_call"
    api_name = "calls"
    card_kind_label = _("Funding call")

    class Meta(CuratedPage.Meta):
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")

    def get_context(self, request, *args, **kwargs):
        from funding.views import call_visitor_context

        context = super().get_context(request, *args, **kwargs)
        context.update(call_visitor_context(self, request))
        return context

    def clean(self):
        super().clean()
        if self.opens and self.deadline and self.deadline <= self.opens:
            raise ValidationError({"deadline": _("The deadline must be after the opening date.")})

    @property
    def status(self):
        return CallStatus(call_status(self.opens, self.deadline))

    @property
    def tz(self):
        try:
            return zoneinfo.ZoneInfo(self.deadline_timezone or settings.TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return timezone.get_default_timezone()

    @property
    def local_deadline(self):
        return self.deadline.astimezone(self.tz) if self.deadline else None

    @property
    def local_opens(self):
        return self.opens.astimezone(self.tz) if self.opens else None

    @property
    def eligible_labels(self):
        labels = dict(OrganisationType.choices)
        return [labels.get(value, value) for value in self.eligible or []]

    @property
    def card_meta(self):
        parts = []
        if self.programme_id and self.programme:
            parts.append(self.programme.acronym or self.programme.name)
        if self.deadline:
            parts.append(
                _("Deadline %(date)s") % {"date": formatting.date_time(self.local_deadline)}
            )
        return " · ".join(str(part) for part in parts)


class CallStageDeadline(Orderable):
    """An earlier deadline of a multi-stage call (e.g. the first stage)."""

    page = ParentalKey(FundingCallPage, related_name="stage_deadlines", on_delete=models.CASCADE)
    label = models.CharField(_("stage"), max_length=120)
    deadline = models.DateTimeField(_("deadline"))

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("deadline")])]
    api_fields = [APIField("label"), APIField("deadline")]

    class Meta(Orderable.Meta):
        verbose_name = _("stage deadline")


class FundingCallRelatedLink(RelatedLinkBase):
    page = ParentalKey(FundingCallPage, related_name="related_links", on_delete=models.CASCADE)


PolicyIndexPage.child_model = PolicyPage
FundingCallIndexPage.child_model = FundingCallPage
