"""Builders for the learning tests: keyword arguments in, saved objects out."""

import datetime as dt
import itertools
import json
import uuid

from django.utils import timezone

from learning.models import LessonPage, ModulePage, ProgrammeIndexPage, ProgrammePage, Session
from tests.factories import build_site_tree, make_page, translate

_counter = itertools.count(1)


def build_index():
    """Home pages in bg, en and el, each with the programme index."""
    homes = build_site_tree()
    source = ProgrammeIndexPage.objects.filter(locale=homes["bg"].locale).first()
    if source is None:
        source = make_page(homes["bg"], ProgrammeIndexPage, title="Обучение", slug="courses")
    pages = {"bg": source}
    for code in ("en", "el"):
        pages[code] = source.get_translation_or_none(homes[code].locale) or translate(
            source, code, title=f"Learning ({code})")
    return {code: page.specific for code, page in pages.items()}


def make_programme(index, **fields):
    fields.setdefault("title", f"Programme {next(_counter)}")
    return make_page(index, ProgrammePage, **fields)


def make_module(programme, **fields):
    fields.setdefault("title", f"Module {next(_counter)}")
    return make_page(programme, ModulePage, **fields)


def answer(text, correct=False, feedback=""):
    return {"type": "item", "id": str(uuid.uuid4()),
            "value": {"text": text, "correct": correct, "feedback": feedback}}


def question(text, answers, kind="single"):
    return {"type": "item", "id": str(uuid.uuid4()),
            "value": {"text": text, "kind": kind, "answers": answers}}


def quiz_block(questions, pass_mark=70, attempts=3, title="Check yourself"):
    return {"type": "quiz", "id": str(uuid.uuid4()), "value": {
        "title": title, "pass_mark": pass_mark, "attempts_allowed": attempts,
        "questions": questions}}


def two_question_quiz(**options):
    """A quiz: one single-choice and one multiple-choice question."""
    return quiz_block([
        question("Who is at the centre of design thinking?", [
            answer("The people it serves", True, "Yes: start from their needs."),
            answer("The funder", False, "Funders matter, but they are not the centre."),
        ]),
        question("Which are stages of design thinking?", [
            answer("Empathise", True), answer("Prototype", True),
            answer("Audit", False, "An audit is not one of the stages."),
        ], kind="multiple"),
    ], **options)


def make_lesson(parent, blocks=(), **fields):
    fields.setdefault("title", f"Lesson {next(_counter)}")
    paragraph = {"type": "paragraph", "id": str(uuid.uuid4()), "value": "<p>Read this.</p>"}
    fields.setdefault("body", json.dumps([paragraph, *blocks]))
    return make_page(parent, LessonPage, **fields)


def make_session(programme, capacity=2, starts_in=dt.timedelta(days=7), hours=3, **fields):
    start = fields.pop("starts_at", timezone.now() + starts_in)
    fields.setdefault("title", f"Workshop {next(_counter)}")
    fields.setdefault("place", "Sofia, Tech Park")
    return Session.objects.create(
        programme=programme, capacity=capacity, starts_at=start,
        ends_at=fields.pop("ends_at", start + dt.timedelta(hours=hours)), **fields)


def quiz_answers(lesson, pick_right=True):
    """POST data answering the lesson's first quiz rightly (or wrongly)."""
    from learning.quiz import questions_of

    quiz_id, quiz = lesson.quizzes()[0]
    data = {}
    for q in questions_of(quiz):
        wanted = [a_id for a_id, _t, correct, _f in q.answers if correct == pick_right]
        data[f"q-{q.id}"] = wanted if q.multiple else wanted[:1]
    return quiz_id, data
