"""Quizzes: what a learner sees, and grading on the server.

Questions and answers are identified by the ids Wagtail stores with every
list item (``ListValue.bound_blocks``); the learner's form posts those ids,
and only ids of the live lesson's quiz count. Correct answers never reach the
page: after an attempt the learner sees, per question, whether it was right
and the feedback of each answer chosen.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from learning.choices import QuestionKind


class QuizError(Exception):
    """A refused attempt, with a message for the learner."""


@dataclass
class Question:
    id: str
    text: str
    kind: str
    answers: list  # (id, text, correct, feedback)
    chosen: list = field(default_factory=list)
    right: bool | None = None
    error: str = ""

    @property
    def multiple(self):
        return self.kind == QuestionKind.MULTIPLE

    @property
    def options(self):
        """(id, text) of each answer: what the page shows, never which are correct."""
        return [(answer_id, text) for answer_id, text, _c, _f in self.answers]

    @property
    def feedback(self):
        return [(text, feedback) for answer_id, text, _c, feedback in self.answers
                if answer_id in self.chosen and feedback]


def questions_of(quiz):
    """The questions of a quiz block value, with their stable ids."""
    questions = []
    for question in quiz["questions"].bound_blocks:
        value = question.value
        answers = [
            (answer.id, answer.value["text"], bool(answer.value["correct"]),
             answer.value["feedback"])
            for answer in value["answers"].bound_blocks
        ]
        questions.append(Question(id=question.id, text=value["text"], kind=value["kind"],
                                  answers=answers))
    return questions


def read_answers(questions, data):
    """The answer ids chosen per question from posted data; an error on each unanswered one."""
    chosen, complete = {}, True
    for question in questions:
        valid = {answer_id for answer_id, *_rest in question.answers}
        picked = [value for value in data.getlist(f"q-{question.id}") if value in valid]
        if not question.multiple:
            picked = picked[:1]
        question.chosen = list(dict.fromkeys(picked))
        if not question.chosen:
            question.error = _("Choose an answer.") if not question.multiple else _(
                "Choose at least one answer.")
            complete = False
        chosen[question.id] = question.chosen
    return chosen, complete


def grade(questions, chosen):
    """(score in %, per-question right or wrong); a question is right when exactly its
    correct answers are chosen."""
    right = 0
    for question in questions:
        correct = {answer_id for answer_id, _t, is_correct, _f in question.answers if is_correct}
        question.chosen = chosen.get(question.id, [])
        question.right = set(question.chosen) == correct
        right += question.right
    return round(100 * right / len(questions)) if questions else 0


def attempts_left(quiz, attempts):
    allowed = quiz["attempts_allowed"] or 0
    if not allowed:
        return None  # no limit
    return max(0, allowed - len(attempts))


def submit(enrolment, lesson, quiz_id, quiz, data):
    """Grade and store an attempt; returns (attempt or None, questions with errors)."""
    from learning.models import Enrolment, QuizAttempt

    questions = questions_of(quiz)
    chosen, complete = read_answers(questions, data)
    if not complete:
        return None, questions
    with transaction.atomic():
        # Locked, so that parallel submissions cannot exceed the attempts allowed.
        Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        attempts = list(QuizAttempt.objects.filter(
            enrolment=enrolment, lesson_key=lesson.translation_key, quiz_id=quiz_id))
        if any(attempt.passed for attempt in attempts):
            raise QuizError(_("You have passed this quiz already."))
        if attempts_left(quiz, attempts) == 0:
            raise QuizError(_("You have used every attempt at this quiz."))
        score = grade(questions, chosen)
        attempt = QuizAttempt.objects.create(
            enrolment=enrolment, lesson=lesson, lesson_key=lesson.translation_key,
            quiz_id=quiz_id, answers=chosen, score=score, passed=score >= quiz["pass_mark"],
        )
    return attempt, questions
