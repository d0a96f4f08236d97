"""Programme pages (a course), their modules and lessons, and the programme index.

A programme's learners, sessions and records belong to the programme, not to
one of its translations: they point at the programme's *source* page (its
translation in the default language, when there is one) and carry its
``translation_key``, which every translation shares. Lessons are identified
the same way, so progress made in Bulgarian shows when the learner reads on
in English.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from learning.blocks import LessonBodyBlock
from learning.choices import Format, Level
from learning.models.snippets import Topic
from website.choices import Status
from website.choosers import ChooserPanel
from website.chrome import CachedViewRestrictionsMixin
from website.curated.listing import CuratedIndexMixin, Facet, taxonomy_facets
from website.curated.models import CuratedPage, RelatedLinkBase
from website.models import SectionIndexPage


class ProgrammeIndexPage(CuratedIndexMixin, SectionIndexPage):
    """The learning section: blended programmes for social innovators and circular-economy experts."""

    child_model = None  # set below, once ProgrammePage exists
    subpage_types = ["learning.ProgrammePage"]
    template = "learning/programme_index_page.html"
    select_related = ("topic",)
    sort_options = CuratedIndexMixin.sort_options + [
        ("shortest", _("Shortest first"), (models.F("duration_hours").asc(nulls_last=True),
                                           "title")),
    ]

    count_text = ngettext_lazy("%(count)s programme", "%(count)s programmes", "count")

    class Meta:
        verbose_name = _("programme index")

    def get_facets(self):
        return taxonomy_facets() + [
            Facet("topic", _("Topic"), "topic__slug", taxonomy=Topic),
            Facet("level", _("Level"), "level", choices=Level.choices),
            Facet("format", _("Format"), "format", choices=Format.choices),
            Facet("taught_in", _("Language of instruction"), "teaching_language",
                  choices=settings.LANGUAGES),
        ]


class ProgrammeTag(TaggedItemBase):
    content_object = ParentalKey(
        "learning.ProgrammePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ProgrammePage(CuratedPage):
    """A learning programme (a course): online lessons, offline sessions or both.

    Its completion rule says what a learner must do to complete it; a
    completion stores which parts were met and how (``learning.completion``).
    """

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices,
                             default=Level.START_UP)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices,
                              default=Format.BLENDED)
    teaching_language = models.CharField(
        _("language of instruction"), max_length=10, choices=settings.LANGUAGES, blank=True,
        help_text=_("Empty: the language of this page."),
    )
    duration_hours = models.DecimalField(
        _("duration (hours)"), max_digits=5, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(2000)],
    )
    learning_outcomes = models.TextField(
        _("learning outcomes"), blank=True, help_text=_("One outcome a line."))
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    # The completion rule.
    require_lessons = models.BooleanField(_("every lesson done"), default=True)
    require_quizzes = models.BooleanField(_("every quiz passed"), default=True)
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("sessions attended (at least %)"), default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of the programme's sessions (cancelled ones left out); 0: none."),
    )
    require_signoff = models.BooleanField(
        _("sign-off by a facilitator or mentor"), default=False)
    min_mentoring_hours = models.DecimalField(
        _("mentoring hours (at least)"), max_digits=5, decimal_places=1, default=0,
        validators=[MinValueValidator(0)],
    )
    # The certificate a completion earns (learning.certificates).
    certificate_title = models.CharField(
        _("certificate title"), max_length=200, blank=True,
        help_text=_("What a certified learner is called, e.g. “Certified circular-economy "
                    "expert”. Empty: the programme's title."),
    )
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("certificates valid for (months)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Empty: certificates do not expire."),
    )
    tags = ClusterTaggableManager(through=ProgrammeTag, blank=True, verbose_name=_("tags"))

    content_panels = CuratedPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldRowPanel([FieldPanel("level"), FieldPanel("format")]),
                FieldRowPanel([FieldPanel("teaching_language"), FieldPanel("duration_hours")]),
                FieldPanel("external_url"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("learning_outcomes"),
        FieldPanel("prerequisites"),
        FieldPanel("body"),
        FieldPanel("image"),
        InlinePanel("facilitators", label=_("Facilitators")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("require_lessons"), FieldPanel("require_quizzes")]),
                FieldPanel("min_attendance_percent"),
                FieldRowPanel([FieldPanel("require_signoff"), FieldPanel("min_mentoring_hours")]),
            ],
            heading=_("Completion rule"),
        ),
        MultiFieldPanel(
            [FieldPanel("certificate_title"), FieldPanel("certificate_valid_months")],
            heading=_("Certificate"),
        ),
        InlinePanel("related_links", label=_("Related case studies, tools and calls")),
    ]
    promote_panels = CuratedPage.promote_panels + CuratedPage.taxonomy_panels
    search_fields = CuratedPage.search_fields + [
        index.SearchField("learning_outcomes"),
        index.SearchField("prerequisites"),
        index.FilterField("level"),
        index.FilterField("format"),
    ]
    api_fields = CuratedPage.api_fields + [
        APIField("topic", serializer=serializers.SlugRelatedField(
            read_only=True, slug_field="slug")),
        APIField("level"),
        APIField("format"),
        APIField("teaching_language"),
        APIField("duration_hours"),
        APIField("learning_outcomes"),
        APIField("prerequisites"),
    ]

    parent_page_types = ["learning.ProgrammeIndexPage"]
    subpage_types = ["learning.ModulePage", "learning.LessonPage"]
    template = "learning/programme_page.html"
    import_type = "course"
    api_name = "courses"
    card_kind_label = _("Course")

    class Meta(CuratedPage.Meta):
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def clean(self):
        super().clean()
        if not (self.require_lessons or self.require_quizzes or self.min_attendance_percent
                or self.require_signoff or self.min_mentoring_hours):
            raise ValidationError({"require_lessons": _(
                "The completion rule needs at least one part: lessons, quizzes, attendance, "
                "a sign-off or mentoring hours.")})

    @property
    def card_meta(self):
        parts = [self.get_level_display(), self.get_format_display()]
        if self.duration_hours:
            parts.append(_("%(hours)s h") % {"hours": format_hours(self.duration_hours)})
        return " · ".join(str(part) for part in parts if part)

    @property
    def outcome_list(self):
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    @property
    def taught_in(self):
        code = self.teaching_language or self.locale.language_code
        return dict(settings.LANGUAGES).get(code, code)

    @property
    def source_page(self):
        """The translation learners' records point at: the default language's, else this one."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        found = self.get_translation_or_none(default) if default else None
        return found.specific if found else self

    def public_facilitators(self):
        """The facilitators anyone may see (approved and listed members), in order."""
        links = self.facilitators.select_related("member").filter(
            member__status=Status.APPROVED, member__listed=True)
        return [link.member for link in links]

    def get_context(self, request, *args, **kwargs):
        from learning.context import programme_context

        context = super().get_context(request, *args, **kwargs)
        context.update(programme_context(self, request))
        return context


def format_hours(value):
    text = format(value.normalize(), "f")
    return text


class ProgrammeFacilitator(Orderable):
    """A member of the network who runs the programme or its sessions."""

    page = ParentalKey(ProgrammePage, related_name="facilitators", on_delete=models.CASCADE)
    member = models.ForeignKey(
        "network.Member", verbose_name=_("member"), on_delete=models.CASCADE,
        related_name="programme_facilitations",
    )

    panels = [ChooserPanel("member")]

    class Meta(Orderable.Meta):
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")

    def __str__(self):
        return str(self.member)


class ProgrammeRelatedLink(RelatedLinkBase):
    page = ParentalKey(ProgrammePage, related_name="related_links", on_delete=models.CASCADE)


class ModulePage(CachedViewRestrictionsMixin, Page):
    """A group of lessons inside a programme, in the order of the page tree."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["learning.ProgrammePage"]
    subpage_types = ["learning.LessonPage"]
    template = "learning/module_page.html"

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def get_context(self, request, *args, **kwargs):
        from learning.context import module_context

        context = super().get_context(request, *args, **kwargs)
        context.update(module_context(self, request))
        return context


class LessonPage(RoutablePageMixin, CachedViewRestrictionsMixin, Page):
    """A self-paced online lesson: text, video, documents, an exercise, reflections, quizzes.

    The learner's actions (marking it done, answering a quiz, keeping a
    reflection) are posted to routes of the lesson itself and always apply to
    the signed-in learner's own records.
    """

    summary = models.TextField(_("summary"), blank=True)
    minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True, validators=[MaxValueValidator(1000)])
    body = StreamField(LessonBodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"), FieldPanel("minutes"), FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"), index.SearchField("body"),
    ]

    parent_page_types = ["learning.ModulePage", "learning.ProgrammePage"]
    subpage_types = []
    template = "learning/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @property
    def programme(self):
        return ProgrammePage.objects.ancestor_of(self).first()

    def quizzes(self):
        """(block id, quiz value) for each quiz of the lesson, in order."""
        return [(block.id, block.value) for block in self.body if block.block_type == "quiz"]

    @path("")
    def lesson(self, request):
        from learning.views.lessons import show_lesson

        return show_lesson(self, request)

    @path("done/")
    def mark_done(self, request):
        from learning.views.lessons import mark_done

        return mark_done(self, request)

    @path("quiz/<str:quiz_id>/")
    def answer_quiz(self, request, quiz_id):
        from learning.views.lessons import answer_quiz

        return answer_quiz(self, request, quiz_id)

    @path("reflection/<str:block_id>/")
    def keep_reflection(self, request, block_id):
        from learning.views.lessons import keep_reflection

        return keep_reflection(self, request, block_id)


ProgrammeIndexPage.child_model = ProgrammePage
