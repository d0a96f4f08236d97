"""Fixed option lists of the learning app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The growth level a programme serves (002: start-up phase or advanced)."""

    START_UP = "start-up", _("Start-up")
    ADVANCED = "advanced", _("Advanced")


class Format(models.TextChoices):
    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("Offline")
    BLENDED = "blended", _("Blended")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One answer")
    MULTIPLE = "multiple", _("Several answers")


class Gender(models.TextChoices):
    """Self-declared and optional; reported only in aggregate (``learning.metrics``)."""

    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    OTHER = "other", _("In another way")


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Place confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class AttendanceMethod(models.TextChoices):
    LIST = "list", _("Marked by the facilitator")
    QR = "qr", _("Checked in with the room's QR code")


class Requirement(models.TextChoices):
    """The parts of a completion rule; a completion stores which were met and how."""

    LESSONS = "lessons", _("Lessons done")
    QUIZZES = "quizzes", _("Quizzes passed")
    ATTENDANCE = "attendance", _("Sessions attended")
    SIGNOFF = "signoff", _("Sign-off by a facilitator or mentor")
    MENTORING = "mentoring", _("Mentoring hours")
