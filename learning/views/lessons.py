"""A lesson and the learner's actions in it (the ``LessonPage`` routes).

Every action applies to the signed-in learner's own enrolment; none takes
the id of a learner or a record, so nobody can act on another's.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from learning import quiz as quizzes
from learning.completion import record_completion
from learning.enrolment import complete_lesson, enrolment_for, open_lesson
from learning.structure import lessons_in_order
from learning.views.common import current_learner

REFLECTION_MAX = 10_000


def quiz_state(quiz_id, quiz, attempts, questions=None):
    """What the quiz shows: the questions (graded against the latest attempt), attempts left."""
    mine = [attempt for attempt in attempts if attempt.quiz_id == quiz_id]
    latest = mine[-1] if mine else None
    if questions is None:
        questions = quizzes.questions_of(quiz)
        if latest is not None:
            quizzes.grade(questions, latest.answers)
    passed = any(attempt.passed for attempt in mine)
    left = quizzes.attempts_left(quiz, mine)
    return {
        "questions": questions, "latest": latest, "attempts": mine, "passed": passed,
        "attempts_left": left, "can_answer": not passed and left != 0,
        "errors": [question for question in questions if question.error],
    }


def lesson_context(page, request, learner=None, enrolment=None, posted_quiz=None,
                   posted_reflection=None):
    programme = page.programme
    lessons = lessons_in_order(programme) if programme else []
    keys = [lesson.translation_key for lesson in lessons]
    index = keys.index(page.translation_key) if page.translation_key in keys else None
    attempts, reflections, done = [], {}, False
    if enrolment is not None:
        attempts = list(enrolment.quiz_attempts.filter(lesson_key=page.translation_key))
        reflections = dict(enrolment.reflections.filter(
            lesson_key=page.translation_key).values_list("block_id", "text"))
        done = enrolment.lessons.filter(lesson_key=page.translation_key,
                                        completed_at__isnull=False).exists()
    items = []
    for block in page.body:
        item = {"type": block.block_type, "id": block.id, "block": block}
        if block.block_type == "quiz":
            questions = posted_quiz[1] if posted_quiz and posted_quiz[0] == block.id else None
            item["quiz"] = quiz_state(block.id, block.value, attempts, questions)
        elif block.block_type == "reflection":
            item["text"] = reflections.get(block.id, "")
            if posted_reflection and posted_reflection[0] == block.id:
                item["text"], item["error"] = posted_reflection[1:]
        items.append(item)
    return {
        "programme": programme, "learner": learner, "enrolment": enrolment,
        "items": items, "done": done,
        "previous_lesson": lessons[index - 1] if index else None,
        "next_lesson": lessons[index + 1] if index is not None and index + 1 < len(lessons)
        else None,
        "position": index + 1 if index is not None else None, "lesson_count": len(lessons),
    }


def show_lesson(page, request):
    learner = current_learner(request)
    enrolment = enrolment_for(page.programme, learner) if learner else None
    if enrolment is not None:
        open_lesson(enrolment, page)
    return page.render(request, context_overrides=lesson_context(
        page, request, learner, enrolment))


def learner_action(page, request):
    """(learner, enrolment) for a POST action, or the response that refuses it."""
    if request.method != "POST":
        return None, HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return None, redirect_to_login(page.url, login_url=reverse("account_login"))
    learner = current_learner(request)
    programme = page.programme
    enrolment = enrolment_for(programme, learner) if learner and programme else None
    if enrolment is None:
        messages.error(request, _("Enrol in the programme first."))
        return None, redirect(programme.url if programme else page.url)
    return enrolment, None


def mark_done(page, request):
    enrolment, refused = learner_action(page, request)
    if refused:
        return refused
    done = request.POST.get("done") != "0"
    completion = complete_lesson(enrolment, page, done=done)
    if completion is not None:
        messages.success(request, _("You have completed the programme. Congratulations!"))
    elif done:
        messages.success(request, _("Lesson marked as done."))
    return redirect(page.url)


def answer_quiz(page, request, quiz_id):
    enrolment, refused = learner_action(page, request)
    if refused:
        return refused
    quiz = dict(page.quizzes()).get(quiz_id)
    if quiz is None:
        raise Http404
    try:
        attempt, questions = quizzes.submit(enrolment, page, quiz_id, quiz, request.POST)
    except quizzes.QuizError as error:
        messages.error(request, str(error))
        return redirect(f"{page.url}#quiz-{quiz_id}")
    if attempt is None:
        context = lesson_context(page, request, enrolment.learner, enrolment,
                                 posted_quiz=(quiz_id, questions))
        return page.render(request, context_overrides=context)
    if attempt.passed:
        completion = record_completion(enrolment)
        messages.success(request, _("Passed with %(score)s%%.") % {"score": attempt.score}
                         if completion is None else
                         _("Passed with %(score)s%%. You have completed the programme. "
                           "Congratulations!") % {"score": attempt.score})
    else:
        messages.warning(request, _("%(score)s%%: not passed yet (%(mark)s%% needed).") % {
            "score": attempt.score, "mark": quiz["pass_mark"]})
    return redirect(f"{page.url}#quiz-{quiz_id}")


def keep_reflection(page, request, block_id):
    from learning.models import Reflection

    enrolment, refused = learner_action(page, request)
    if refused:
        return refused
    if not any(b.id == block_id and b.block_type == "reflection" for b in page.body):
        raise Http404
    text = (request.POST.get("text") or "").strip()
    if len(text) > REFLECTION_MAX:
        error = _("A reflection can be at most %(n)s characters long.") % {"n": REFLECTION_MAX}
        context = lesson_context(page, request, enrolment.learner, enrolment,
                                 posted_reflection=(block_id, text, error))
        response = page.render(request, context_overrides=context)
        response.status_code = 400
        return response
    if text:
        Reflection.objects.update_or_create(
            enrolment=enrolment, lesson_key=page.translation_key, block_id=block_id,
            defaults={"text": text, "lesson": page})
        messages.success(request, _("Your reflection is saved. Only you can see it."))
    else:
        Reflection.objects.filter(enrolment=enrolment, lesson_key=page.translation_key,
                                  block_id=block_id).delete()
    return redirect(f"{page.url}#reflection-{block_id}")
