"""The learning demo: programmes in bg and en, lessons, a quiz, sessions, learners at stages."""

import pytest
from django.core.management import call_command

from learning.models import Booking, Completion, Enrolment, LessonPage, ProgrammePage, Session

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_programmes_learners_and_a_second_run_changes_nothing(demo_content):
    assert ProgrammePage.objects.filter(locale__language_code="bg").count() == 7
    assert ProgrammePage.objects.filter(locale__language_code="en").count() == 7
    assert ProgrammePage.objects.filter(locale__language_code="el").count() == 2
    design = ProgrammePage.objects.get(import_id="course-design-thinking")
    assert design.format == "blended"
    assert LessonPage.objects.descendant_of(design).filter(locale=design.locale).count() == 4
    assert any(lesson.specific.quizzes() for lesson in LessonPage.objects.descendant_of(design))
    assert Session.objects.filter(programme=design).count() == 2
    workshop = Session.objects.get(programme=design, capacity=3)
    assert workshop.bookings.filter(status="confirmed").count() == 3
    assert workshop.bookings.filter(status="waiting").count() == 2
    completed = Completion.objects.select_related("enrolment__learner")
    assert {c.enrolment.learner.name for c in completed} == {
        "Елена Димитрова", "Мария Петрова – консултант по кръгова икономика"}
    counts = (Enrolment.objects.count(), Booking.objects.count(), Completion.objects.count())
    call_command("load_demo_content", verbosity=0)
    assert (Enrolment.objects.count(), Booking.objects.count(),
            Completion.objects.count()) == counts
