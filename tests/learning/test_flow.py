"""A learner's way through a programme, through the real pages: enrol, lessons, quiz."""

import pytest

from learning.models import Completion, Enrolment, LessonProgress, QuizAttempt
from tests.learning.builders import (
    make_lesson,
    make_module,
    make_programme,
    quiz_answers,
    two_question_quiz,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(index):
    programme = make_programme(index["bg"], title="Дизайн мислене", slug="design-thinking")
    module = make_module(programme, title="Модул 1")
    make_lesson(module, title="Урок 1", slug="lesson-1")
    make_lesson(module, [two_question_quiz()], title="Урок 2", slug="lesson-2")
    return programme


def lessons(programme):
    from learning.structure import lessons_in_order

    return lessons_in_order(programme)


def test_enrol_finish_lessons_and_pass_the_quiz(learner_client, programme):
    response = learner_client.get(programme.url)
    assert response.status_code == 200
    assert "Запишете се в програмата" in response.content.decode()
    response = learner_client.post(f"/bg/learning/programmes/{programme.pk}/enrol/",
                                   {"gender": "female"})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(learner=learner_client.learner)
    assert enrolment.gender == "female"

    first, second = lessons(programme)
    assert learner_client.get(first.url).status_code == 200
    learner_client.post(first.url + "done/", {"done": "1"})
    assert LessonProgress.objects.get(lesson_key=first.translation_key).completed_at
    learner_client.post(second.url + "done/", {"done": "1"})
    assert not Completion.objects.exists()

    quiz_id, wrong = quiz_answers(second, pick_right=False)
    response = learner_client.post(second.url + f"quiz/{quiz_id}/", wrong)
    assert response.status_code == 302
    assert QuizAttempt.objects.get().passed is False
    page = learner_client.get(second.url).content.decode()
    assert "An audit is not one of the stages." in page

    quiz_id, right = quiz_answers(second)
    learner_client.post(second.url + f"quiz/{quiz_id}/", right)
    completion = Completion.objects.get(enrolment=enrolment)
    assert [part["requirement"] for part in completion.reasons] == ["lessons", "quizzes"]
    page = learner_client.get(programme.url).content.decode()
    assert "Преминати уроци: 2 от 2" in page

