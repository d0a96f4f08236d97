"""The completion rule: which parts apply, when a learner completes, and the record kept."""

from decimal import Decimal

import pytest
from django.utils import timezone, translation

from learning import booking, completion
from learning.enrolment import complete_lesson, enrol
from learning.models import Completion, QuizAttempt
from learning.signals import programme_completed
from tests.factories import translate
from tests.learning.builders import (
    make_lesson,
    make_module,
    make_programme,
    make_session,
    two_question_quiz,
)
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(index):
    programme = make_programme(index["bg"], title="Въздействие", slug="impact")
    module = make_module(programme)
    make_lesson(module, title="Урок А")
    make_lesson(module, [two_question_quiz()], title="Урок Б")
    return programme


def lessons(programme):
    from learning.structure import lessons_in_order

    return lessons_in_order(programme)


def pass_quiz(enrolment, lesson):
    quiz_id, _quiz = lesson.quizzes()[0]
    QuizAttempt.objects.create(enrolment=enrolment, lesson=lesson,
                               lesson_key=lesson.translation_key, quiz_id=quiz_id,
                               answers={}, score=100, passed=True)


def test_complete_when_lessons_done_and_quizzes_passed(programme):
    enrolment = enrol(programme, make_member())[0]
    first, second = lessons(programme)
    assert complete_lesson(enrolment, first) is None
    assert complete_lesson(enrolment, second) is None
    pass_quiz(enrolment, second)
    record = completion.record_completion(enrolment)
    assert record is not None
    assert [(r["requirement"], r["done"], r["required"]) for r in record.reasons] == [
        ("lessons", 2, 2), ("quizzes", 1, 1)]
    assert record.rule["lessons"] is True
    with translation.override("en"):
        assert completion.describe(record.reasons[0]) == "Lessons done: 2 of 2"
    with translation.override("el"):
        assert completion.describe(record.reasons[0]) == "Ολοκληρωμένα μαθήματα: 2 από 2"


def test_progress_counts_across_translations(programme, index):
    """Lessons done in Bulgarian count when the learner reads on in English."""
    en_programme = translate(programme, "en", title="Impact")
    enrolment = enrol(en_programme, make_member())[0]
    assert enrolment.programme.pk == programme.pk  # records point at the source page
    for lesson in lessons(programme):
        complete_lesson(enrolment, lesson)
    pass_quiz(enrolment, lessons(programme)[1])
    from learning.structure import progress

    state = progress(enrolment, en_programme)
    assert (state.lessons_done, state.lessons_total) == (2, 2)


def test_attendance_share_and_signoff(index):
    programme = make_programme(index["bg"], require_lessons=False, require_quizzes=False,
                               min_attendance_percent=50, require_signoff=True)
    sessions = [make_session(programme, capacity=5) for _n in range(3)]
    learner = make_member()
    enrolment = enrol(programme, learner)[0]
    first = booking.book(sessions[0], learner)
    first.attended_at = timezone.now()
    first.save()
    parts = completion.evaluate(enrolment)
    assert [(p["requirement"], p["met"]) for p in parts] == [
        ("attendance", False), ("signoff", False)]  # 1 of 3 is under 50 %
    second = booking.book(sessions[1], learner)
    second.attended_at = timezone.now()
    second.save()
    assert completion.record_completion(enrolment) is None  # no sign-off yet
    enrolment.signed_off_at = timezone.now()
    enrolment.save()
    record = completion.record_completion(enrolment)
    assert [p["requirement"] for p in record.reasons] == ["attendance", "signoff"]
    assert record.reasons[0]["percent"] == 67


def test_parts_with_nothing_to_count_do_not_apply(index):
    programme = make_programme(index["bg"])  # lessons and quizzes asked for, none exist
    enrolment = enrol(programme, make_member())[0]
    assert completion.evaluate(enrolment) == []
    assert completion.record_completion(enrolment) is None


def test_mentoring_hours_come_from_a_registered_provider(index, monkeypatch):
    programme = make_programme(index["bg"], min_mentoring_hours=Decimal("4"))
    enrolment = enrol(programme, make_member())[0]
    assert completion.evaluate(enrolment)[0]["met"] is False
    monkeypatch.setattr(completion, "_hours_providers", [lambda e: Decimal("4.5")])
    record = completion.record_completion(enrolment)
    assert record.reasons == [{"requirement": "mentoring", "done": "4.5", "required": "4.0",
                               "met": True}]


def test_one_record_and_one_signal(programme, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, completion, **kwargs):
        received.append(completion)

    programme_completed.connect(receiver)
    try:
        enrolment = enrol(programme, make_member())[0]
        first, second = lessons(programme)
        pass_quiz(enrolment, second)
        with django_capture_on_commit_callbacks(execute=True):
            complete_lesson(enrolment, first)
            complete_lesson(enrolment, second)
            complete_lesson(enrolment, second)
            completion.record_completion(enrolment)
    finally:
        programme_completed.disconnect(receiver)
    assert Completion.objects.count() == 1
    assert received == [Completion.objects.get()]


def test_a_completion_stays_when_the_programme_grows(programme):
    enrolment = enrol(programme, make_member())[0]
    first, second = lessons(programme)
    pass_quiz(enrolment, second)
    complete_lesson(enrolment, first)
    record = complete_lesson(enrolment, second)
    make_lesson(programme, title="Нов урок")
    assert completion.record_completion(enrolment) == record
    assert Completion.objects.get().reasons[0]["required"] == 2
