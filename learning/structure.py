"""What a programme consists of, and how far a learner has come through it.

``outline(programme)`` is the table of contents of one translation: its live
modules in tree order, each with its live lessons (lessons placed directly
under the programme form a group without a module). ``requirements(programme)``
is what the completion rule counts, the same for every translation: each
lesson once (by translation key, over every translation, so a lesson only one
language has still counts) and each quiz of the lesson's reference
translation (the default language's, else the oldest).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from learning.choices import BookingStatus


@dataclass
class Group:
    module: object  # a ModulePage, or None for lessons directly under the programme
    lessons: list = field(default_factory=list)


def programme_translations(programme):
    from learning.models import ProgrammePage

    return ProgrammePage.objects.filter(translation_key=programme.translation_key)


def outline(programme):
    """The live modules and lessons of this translation, in the page tree's order.

    A translation without lessons of its own (its modules not translated yet)
    shows the source's, in the source's language, rather than nothing.
    """
    groups = own_outline(programme)
    if not groups and programme.source_page.pk != programme.pk:
        groups = own_outline(programme.source_page)
    return groups


def own_outline(programme):
    from learning.models import LessonPage, ModulePage

    pages = (
        programme.get_descendants().live().public()
        .type(ModulePage, LessonPage).specific().order_by("path")
    )
    groups, by_path = [], {}
    loose = Group(module=None)
    for page in pages:
        if isinstance(page, ModulePage):
            by_path[page.path] = Group(module=page)
            groups.append(by_path[page.path])
        else:
            parent_path = page.path[: -page.steplen]
            group = by_path.get(parent_path)
            if group is not None:
                group.lessons.append(page)
            elif page.depth == programme.depth + 1:
                loose.lessons.append(page)
    if loose.lessons:
        groups.insert(0, loose)
    return [group for group in groups if group.lessons]


def lessons_in_order(programme):
    return [lesson for group in outline(programme) for lesson in group.lessons]


def requirements(programme):
    """(lesson keys, quiz keys as (lesson key, quiz id)) the completion rule counts."""
    from learning.models import LessonPage

    paths = Q(pk__in=[])
    for path in programme_translations(programme).values_list("path", flat=True):
        paths |= Q(path__startswith=path)
    lessons = list(
        LessonPage.objects.live().public().filter(paths).select_related("locale")
        .order_by("pk")
    )
    reference = {}
    for lesson in lessons:
        current = reference.get(lesson.translation_key)
        if current is None or (
            lesson.locale.language_code == settings.LANGUAGE_CODE
            and current.locale.language_code != settings.LANGUAGE_CODE
        ):
            reference[lesson.translation_key] = lesson
    quizzes = [
        (key, quiz_id) for key, lesson in reference.items() for quiz_id, _quiz in lesson.quizzes()
    ]
    return set(reference), set(quizzes)


def programme_sessions(programme):
    """The programme's sessions (every translation shares them), cancelled ones left out."""
    from learning.models import Session

    return Session.objects.filter(programme_key=programme.translation_key, cancelled=False)


@dataclass
class Progress:
    """How far one learner is: counts for the completion rule and the dashboard."""

    lessons_done: int = 0
    lessons_total: int = 0
    quizzes_passed: int = 0
    quizzes_total: int = 0
    sessions_attended: int = 0
    sessions_total: int = 0
    done_keys: set = field(default_factory=set)
    passed_keys: set = field(default_factory=set)

    @property
    def percent(self):
        """Lessons done and quizzes passed, as one share of the online part."""
        total = self.lessons_total + self.quizzes_total
        if not total:
            return 0
        return round(100 * (self.lessons_done + self.quizzes_passed) / total)

    @property
    def attendance_percent(self):
        if not self.sessions_total:
            return 0
        return round(100 * self.sessions_attended / self.sessions_total)


def progress(enrolment, programme=None):
    """The learner's ``Progress`` in the programme (four small queries)."""
    from learning.models import Booking

    programme = programme or enrolment.programme
    lesson_keys, quiz_keys = requirements(programme)
    done = set(
        enrolment.lessons.filter(completed_at__isnull=False, lesson_key__in=lesson_keys)
        .values_list("lesson_key", flat=True)
    )
    passed = {
        (key, quiz_id)
        for key, quiz_id in enrolment.quiz_attempts.filter(passed=True).values_list(
            "lesson_key", "quiz_id")
        if (key, quiz_id) in quiz_keys
    }
    sessions = programme_sessions(programme)
    attended = Booking.objects.filter(
        session__in=sessions, learner_id=enrolment.learner_id,
        status=BookingStatus.CONFIRMED, attended_at__isnull=False,
    ).values("session_id").distinct().count()
    return Progress(
        lessons_done=len(done), lessons_total=len(lesson_keys),
        quizzes_passed=len(passed), quizzes_total=len(quiz_keys),
        sessions_attended=attended, sessions_total=sessions.count(),
        done_keys=done, passed_keys=passed,
    )
