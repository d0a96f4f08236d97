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



REFLECTION = {"type": "reflection", "id": "5b0e1f6a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
              "value": {"prompt": "What did you learn?"}}


def test_a_reflection_is_kept_and_a_too_long_one_changes_nothing(learner_client, index):
    from learning.enrolment import enrol
    from learning.models import Reflection

    programme = make_programme(index["bg"])
    lesson = make_lesson(programme, [REFLECTION])
    enrol(programme, learner_client.learner)
    url = f"{lesson.url}reflection/{REFLECTION['id']}/"
    learner_client.post(url, {"text": "Listening first."})
    assert Reflection.objects.get().text == "Listening first."
    response = learner_client.post(url, {"text": "x" * 10_001})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "x" * 10_001 in html  # what was typed is not lost
    assert Reflection.objects.get().text == "Listening first."
    assert learner_client.post(f"{lesson.url}reflection/not-a-block/", {"text": "x"}
                               ).status_code == 404


def test_a_quiz_with_an_unanswered_question_stores_nothing(learner_client, programme):
    from learning.enrolment import enrol

    enrol(programme, learner_client.learner)
    _first, second = lessons(programme)
    quiz_id, right = quiz_answers(second)
    first_question = next(iter(right))
    response = learner_client.post(second.url + f"quiz/{quiz_id}/", {first_question: right[first_question]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html and 'aria-describedby="question-' in html
    assert not QuizAttempt.objects.exists()


def test_attempts_are_limited(learner_client, index):
    from learning.enrolment import enrol

    programme = make_programme(index["bg"])
    lesson = make_lesson(programme, [two_question_quiz(attempts=2)])
    enrol(programme, learner_client.learner)
    quiz_id, wrong = quiz_answers(lesson, pick_right=False)
    for _n in range(3):
        learner_client.post(lesson.url + f"quiz/{quiz_id}/", wrong)
    quiz_id, right = quiz_answers(lesson)
    learner_client.post(lesson.url + f"quiz/{quiz_id}/", right)
    assert QuizAttempt.objects.count() == 2
    assert not QuizAttempt.objects.filter(passed=True).exists()
