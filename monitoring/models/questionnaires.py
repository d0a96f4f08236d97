"""Questionnaire pages and the index that lists them.

A questionnaire is a page: it gets drafts, revisions, previews, scheduled
publishing, privacy and translations for free. Its questions are a StreamField
of question blocks (``monitoring.blocks``). The three language versions of one
questionnaire share the page's ``translation_key``, and every answer, invitation
and result is stored under that key (``questionnaire_key``), so the bg, en and
el versions collect into one set of answers. Answering is handled by
``monitoring.respond``; the page only routes to it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from monitoring.blocks import QuestionnaireBlock
from monitoring.choices import PhaseState, RespondentMode
from monitoring.questions import Definition
from website.chrome import CachedViewRestrictionsMixin
from website.models import SectionIndexPage


class QuestionnaireIndexPage(SectionIndexPage):
    """The surveys section: questionnaires open now, and the published results."""

    subpage_types = ["monitoring.QuestionnairePage"]

    class Meta:
        verbose_name = _("questionnaire index")

    def get_template(self, request, *args, **kwargs):
        return "monitoring/questionnaire_index_page.html"


class QuestionnairePage(RoutablePageMixin, CachedViewRestrictionsMixin, Page):
    """A questionnaire: pages of questions, who may answer, when, and its published results."""

    intro = models.TextField(_("introduction"), blank=True)
    questions = StreamField(QuestionnaireBlock(), verbose_name=_("questions"))
    thank_you = models.TextField(
        _("thank-you text"), blank=True, help_text=_("Shown once an answer is saved."),
    )
    mode = models.CharField(
        _("who may answer"), max_length=10, choices=RespondentMode.choices,
        default=RespondentMode.OPEN,
        help_text=_("Open answers cannot be told apart: one browser, one answer, but nothing "
                    "stops a person from answering again elsewhere."),
    )
    anonymised = models.BooleanField(
        _("anonymised answers"), default=False,
        help_text=_("Invited only: the invitation records only that it was used; answers are "
                    "stored without any link to the person and with the day only."),
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True,
        help_text=_("Members may change their answer until then."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind after (days)"), default=7, validators=[MinValueValidator(1)],
        help_text=_("Invited only: days between the invitation and each reminder."),
    )
    max_reminders = models.PositiveSmallIntegerField(
        _("reminders at most"), default=2, validators=[MaxValueValidator(10)],
    )
    results_public = models.BooleanField(
        _("publish the results"), default=False,
        help_text=_("Shows the aggregate figures on a results page; figures from fewer than "
                    "5 answers are hidden and free-text answers are never shown."),
    )
    results_summary = RichTextField(
        _("summary of the results"), blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("questions"),
        FieldPanel("thank_you"),
    ]
    respondent_panels = [
        FieldPanel("mode"),
        FieldPanel("anonymised"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("reminder_days"), FieldPanel("max_reminders")])],
            heading=_("Reminders to invited respondents"),
        ),
    ]
    results_panels = [FieldPanel("results_public"), FieldPanel("results_summary")]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Content")),
        ObjectList(respondent_panels, heading=_("Respondents")),
        ObjectList(results_panels, heading=_("Results")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ])
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["monitoring.QuestionnaireIndexPage", "monitoring.ConsultationPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    @property
    def questionnaire_key(self):
        """What the answers of every language version are stored under."""
        return self.translation_key

    @cached_property
    def definition(self):
        return Definition.from_stream(self.questions)

    def state(self, now=None):
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return PhaseState.UPCOMING
        if self.closes_at and now >= self.closes_at:
            return PhaseState.CLOSED
        return PhaseState.OPEN

    def is_open(self, now=None):
        return self.state(now) == PhaseState.OPEN

    @property
    def results_url(self):
        return (self.url or "") + self.reverse_subpage("results")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A questionnaire closes after it opens.")})
        if self.anonymised and self.mode != RespondentMode.INVITED:
            raise ValidationError({"anonymised": _(
                "Only invited answers can be anonymised: the other modes need to know who "
                "answered to keep one answer each.")})
        self.check_answered_settings()

    def check_answered_settings(self):
        """Once answers exist, who answers and how they are stored cannot change."""
        from monitoring.models import Response

        if not self.pk or not Response.objects.filter(questionnaire_key=self.translation_key).exists():
            return
        stored = type(self).objects.filter(pk=self.pk).values("mode", "anonymised").first()
        if stored and (stored["mode"], stored["anonymised"]) != (self.mode, self.anonymised):
            raise ValidationError({"mode": _(
                "This questionnaire has answers: who may answer and whether answers are "
                "anonymised can no longer change.")})

    # -- routes: answering, thanks, results -------------------------------------------

    @path("")
    def index_route(self, request, *args, **kwargs):
        from monitoring import respond

        return respond.serve(self, request)

    @path("thanks/")
    def thanks(self, request):
        from monitoring import respond

        return respond.thanks(self, request)

    @path("results/")
    def results(self, request):
        from monitoring.views import public_results

        return public_results(self, request)

    def serve_preview(self, request, mode_name):
        from monitoring import respond

        return respond.preview(self, request)
