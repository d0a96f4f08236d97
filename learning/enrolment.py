"""Enrolling, following lessons and "continue where you left off".

A learner has one enrolment per programme, whichever translation they
enrolled through; it points at the programme's source page.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from learning.completion import record_completion
from learning.structure import lessons_in_order


def enrolment_for(programme, learner):
    from learning.models import Enrolment

    if learner is None:
        return None
    return (
        Enrolment.objects.filter(learner=learner, programme_key=programme.translation_key)
        .select_related("programme", "completion").first()
    )


def enrol(programme, learner, gender=""):
    """The learner's enrolment in the programme, made if needed: (enrolment, created)."""
    from learning.models import Enrolment

    existing = enrolment_for(programme, learner)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                learner=learner, programme=programme.source_page, gender=gender)
    except IntegrityError:  # enrolled by a parallel request a moment ago
        return enrolment_for(programme, learner), False
    return enrolment, True


def open_lesson(enrolment, lesson):
    """Remember the lesson as the last one opened (and as started)."""
    from learning.models import LessonProgress

    now = timezone.now()
    LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson_key=lesson.translation_key,
        defaults={"lesson": lesson, "opened_at": now},
    )
    type(enrolment).objects.filter(pk=enrolment.pk).update(last_lesson=lesson,
                                                           last_activity_at=now)


def complete_lesson(enrolment, lesson, done=True):
    """Mark the lesson done (or not done again); the completion rule is checked after."""
    from learning.models import LessonProgress

    now = timezone.now()
    progress, _created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson_key=lesson.translation_key,
        defaults={"lesson": lesson, "opened_at": now},
    )
    progress.completed_at = now if done else None
    progress.lesson = lesson
    progress.save(update_fields=["completed_at", "lesson"])
    type(enrolment).objects.filter(pk=enrolment.pk).update(last_activity_at=now)
    return record_completion(enrolment) if done else None


def in_locale(page, locale):
    """The page's live translation in ``locale``, else the page itself."""
    if page.locale_id == locale.pk:
        return page
    found = page.get_translation_or_none(locale)
    return found.specific if found is not None and found.live else page


def continue_lesson(enrolment, programme, state):
    """Where to go on: the first lesson not done after the last one opened, in this language.

    ``programme`` is the translation being read; ``state`` the learner's ``Progress``.
    """
    lessons = lessons_in_order(programme)
    if not lessons:
        return None
    last_key = enrolment.last_lesson.translation_key if enrolment.last_lesson_id else None
    keys = [lesson.translation_key for lesson in lessons]
    start = keys.index(last_key) if last_key in keys else 0
    for lesson in lessons[start:] + lessons[:start]:
        if lesson.translation_key not in state.done_keys:
            return lesson
    return None
