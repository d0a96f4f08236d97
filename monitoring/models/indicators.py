"""Indicators (KPIs) of the action plans, their targets per period, and figures staff report.

An indicator is a translatable snippet (its name in bg, en and el, like the
taxonomy); its translations share a ``translation_key``, and the numbers
(baseline, targets, the metric) are read from the row in the default
language, so a translation can never carry other targets. Where a computed
metric fits, the actual value comes from the platform's own records
(``monitoring.indicators``); otherwise staff report a figure per period with
its evidence, and it counts only once another editor approved it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin

from monitoring.choices import ActionPlan, Direction, FigureStatus, Metric
from monitoring.periods import validate_period


class Indicator(TranslatableMixin, ClusterableModel):
    """A key performance indicator: what is measured, which way is better, and its targets."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=80,
        help_text=_("Stable identifier used by the API; the same in every language."))
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True,
                            help_text=_("What is counted, e.g. members, SMEs, meetings."))
    is_percentage = models.BooleanField(_("percentage"), default=False)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices,
                                 default=Direction.HIGHER)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=0)
    pillar = models.ForeignKey(
        "website.Pillar", verbose_name=_("pillar"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    programme = models.ForeignKey(
        "learning.ProgrammePage", verbose_name=_("programme"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Limits course completions and session attendance to one programme."))
    action_plan = models.CharField(_("action plan"), max_length=30, choices=ActionPlan.choices,
                                   default=ActionPlan.OTHER)
    metric = models.CharField(
        _("computed metric"), max_length=40, choices=Metric.choices, blank=True,
        help_text=_("Leave empty for a figure staff report, with evidence, each period."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("unit"), FieldPanel("is_percentage")]),
            FieldRowPanel([FieldPanel("direction"), FieldPanel("baseline")]),
            FieldPanel("metric"),
        ], heading=_("Measure")),
        MultiFieldPanel([
            FieldPanel("pillar"), FieldPanel("programme"), FieldPanel("action_plan"),
            FieldPanel("sort_order"),
        ], heading=_("Scope")),
        InlinePanel("targets", label=_("Targets per period")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_indicator_slug_locale")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.metric == Metric.MEMBERS_PER_PILLAR and self.programme_id:
            raise ValidationError({"programme": _("Members are counted per pillar, not programme.")})


class IndicatorTarget(Orderable):
    """The value an indicator should reach in one period ("2026", "2026-H1", "2026-Q3")."""

    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(
        _("period"), max_length=7, validators=[validate_period],
        help_text=_("A year (2026), a half year (2026-H1) or a quarter (2026-Q3)."))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    panels = [FieldRowPanel([FieldPanel("period"), FieldPanel("target")])]

    class Meta(Orderable.Meta):
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [models.UniqueConstraint(fields=["indicator", "period"],
                                               name="unique_indicator_target_period")]

    def __str__(self):
        return f"{self.period}: {self.target}"


class ReportedFigureQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=FigureStatus.APPROVED)


class ReportedFigure(models.Model):
    """A value staff report for an indicator without a computed metric, with its evidence.

    Draft → submitted → approved (by another editor, or a moderator) or
    returned with a reason; only approved figures count. A newer approved
    figure for the same period replaces the older one.
    """

    indicator_key = models.UUIDField(_("indicator"), db_index=True)
    period = models.CharField(_("period"), max_length=7, validators=[validate_period])
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    evidence_note = models.TextField(_("evidence"), blank=True)
    evidence_link = models.URLField(_("evidence link"), blank=True)
    evidence_document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("evidence document"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=FigureStatus.choices,
                              default=FigureStatus.DRAFT)
    return_reason = models.TextField(_("reason returned"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"),
                                   null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ReportedFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        ordering = ["-created_at", "-pk"]
        permissions = [("approve_reportedfigure", _("Can approve reported figures"))]

    def __str__(self):
        return f"{self.indicator} {self.period}: {self.value}"

    @property
    def indicator(self):
        return Indicator.objects.filter(translation_key=self.indicator_key).order_by("pk").first()

    def has_evidence(self):
        return bool(self.evidence_note.strip() or self.evidence_link or self.evidence_document_id)
