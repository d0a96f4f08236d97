"""A learner's records: enrolment, lesson progress, quiz attempts, reflections, completion.

Every record belongs to one learner (a ``network.Member``); views read them
through the signed-in learner only, so nobody sees or changes another's. They
point at the programme's source page (see ``learning.models.pages``) and keep
the translation keys of the programme and lesson, the identity shared by every
translation.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.choices import Gender


class Enrolment(models.Model):
    """A learner following a programme."""

    learner = models.ForeignKey(
        "network.Member", verbose_name=_("learner"), on_delete=models.CASCADE,
        related_name="enrolments",
    )
    # PROTECT: a programme with learners is unpublished, not deleted, so no record is lost.
    programme = models.ForeignKey(
        "learning.ProgrammePage", verbose_name=_("programme"), on_delete=models.PROTECT,
        related_name="enrolments",
    )
    programme_key = models.UUIDField(editable=False, db_index=True)
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    gender = models.CharField(
        _("gender (optional)"), max_length=10, choices=Gender.choices, blank=True,
        help_text=_("Only counted in anonymous totals, never shown with your name."),
    )
    last_lesson = models.ForeignKey(
        "learning.LessonPage", verbose_name=_("last lesson opened"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    # A facilitator's (or, later, a mentor's) sign-off, when the rule asks for one.
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed off by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    signoff_note = models.TextField(_("sign-off note"), blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "programme_key"],
                                    name="unique_enrolment_per_programme"),
        ]

    def __str__(self):
        return f"{self.learner} · {self.programme}"

    def save(self, *args, **kwargs):
        self.programme_key = self.programme.translation_key
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("learning:enrolment", kwargs={"pk": self.pk})

    @property
    def is_complete(self):
        return hasattr(self, "completion")


class Completion(models.Model):
    """The record that a learner completed a programme, when, and why.

    ``reasons`` lists each part of the rule with what the learner did, e.g.
    ``{"requirement": "lessons", "done": 8, "required": 8}``; ``rule`` is the
    rule as it stood. Both are language-independent and shown translated
    (``learning.completion.describe``). A completion is kept when the
    programme changes later: it records what was true on that day.
    """

    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE,
        related_name="completion",
    )
    completed_at = models.DateTimeField(_("completed"), default=timezone.now)
    reasons = models.JSONField(_("reasons"), default=list)
    rule = models.JSONField(_("rule"), default=dict)

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-completed_at"]

    def __str__(self):
        return f"{self.enrolment} · {self.completed_at:%Y-%m-%d}"


class LessonProgress(models.Model):
    """A learner's state in one lesson: opened, and when marked done."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="lessons")
    lesson = models.ForeignKey(
        "learning.LessonPage", verbose_name=_("lesson"), null=True, on_delete=models.SET_NULL,
        related_name="+")
    lesson_key = models.UUIDField(editable=False)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    completed_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson_key"],
                                    name="unique_progress_per_lesson"),
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.lesson or self.lesson_key}"


class QuizAttempt(models.Model):
    """One submitted quiz, graded on the server: the answers chosen, the score, passed or not."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE,
        related_name="quiz_attempts")
    lesson = models.ForeignKey(
        "learning.LessonPage", verbose_name=_("lesson"), null=True, on_delete=models.SET_NULL,
        related_name="+")
    lesson_key = models.UUIDField(editable=False)
    quiz_id = models.CharField(_("quiz"), max_length=64)
    answers = models.JSONField(_("answers"), default=dict)  # question id -> [answer ids]
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["enrolment", "lesson_key", "quiz_id"],
                                name="learning_attempt_quiz_idx")]

    def __str__(self):
        return f"{self.enrolment} · {self.quiz_id} · {self.score}%"


class Reflection(models.Model):
    """A learner's private answer to a reflection prompt."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE,
        related_name="reflections")
    lesson = models.ForeignKey(
        "learning.LessonPage", verbose_name=_("lesson"), null=True, on_delete=models.SET_NULL,
        related_name="+")
    lesson_key = models.UUIDField(editable=False)
    block_id = models.CharField(max_length=64)
    text = models.TextField(_("your reflection"), max_length=10_000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson_key", "block_id"],
                                    name="unique_reflection_per_prompt"),
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.block_id}"
