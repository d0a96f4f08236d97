"""Demo content of learning, loaded by ``load_demo_content`` after the network's step.

Topics, then the programmes (``demo/programmes.jsonl``, record type ``course``,
through the same import pipeline as an editor's file), then the modules,
lessons, quizzes and sessions of the two blended programmes
(``demo/lessons.json``, in Bulgarian and English), then a few learners at
different stages, whose progress is recorded through the same functions the
pages use (so completions carry real reasons). Idempotent: what exists (by
slug, import id or e-mail) is left alone. Block, question and answer ids are
derived from the lesson's slug, so both languages share them.
"""

import contextlib
import datetime as dt
import json
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from learning import booking
from learning.completion import record_completion
from learning.enrolment import complete_lesson, enrol, open_lesson
from learning.models import (
    Booking,
    LessonPage,
    ModulePage,
    ProgrammePage,
    QuizAttempt,
    Session,
    Topic,
)
from website.choices import Status
from website.importing.parsing import Record
from website.importing.pipeline import run_import

DEMO_DIR = Path(__file__).resolve().parent / "demo"
NAMESPACE = uuid.UUID("6f1d3c52-1b8e-4c51-9a0e-5d1f2b7c9e41")
LANGUAGES = ("bg", "en")
# name, e-mail, gender, what they have done (see ``progress_of``)
LEARNERS = [
    ("Елена Димитрова", "elena.dimitrova", "female", "completed"),
    ("Георги Стоянов", "georgi.stoyanov", "male", "halfway"),
    ("Ива Николова", "iva.nikolova", "female", "booked"),
    ("Νίκος Παπαδόπουλος", "nikos.papadopoulos", "male", "failed-quiz"),
    ("Петър Иванов", "petar.ivanov", "", "waiting"),
]
EXPERT = "m-demo-maria-petrova"  # completes the circular-economy expert programme


def read(name):
    with open(DEMO_DIR / name, encoding="utf-8") as handle:
        if name.endswith(".jsonl"):
            return [json.loads(line) for line in handle if line.strip()]
        return json.load(handle)


def ident(*parts):
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def text(value, code):
    return value.get(code) or value.get("en") or value.get("bg") if isinstance(value, dict) \
        else value


def load_topics(log):
    created = 0
    locales = {code: Locale.objects.get(language_code=code) for code in ("bg", "en", "el")}
    for row in read("topics.json"):
        source = Topic.objects.filter(slug=row["slug"], locale=locales["bg"]).first()
        for code, locale in locales.items():
            if Topic.objects.filter(slug=row["slug"], locale=locale).exists():
                continue
            topic = Topic(slug=row["slug"], name=text(row["name"], code), locale=locale)
            if source is not None:
                topic.translation_key = source.translation_key
            topic.save()
            source = source or topic
            created += 1
    log(f"  topics: {created} created")
    return created


def load_programmes(log):
    rows = read("programmes.jsonl")
    ids = [row["id"] for row in rows]
    if ProgrammePage.objects.filter(import_id__in=ids).count() == len(ids):
        return 0
    report = run_import([Record(n, row) for n, row in enumerate(rows, start=1)])
    if not report.ok:
        for problem in report.problems[:10]:
            log(f"  course import problem: {problem}")
        return 0
    log(f"  programmes: {len(ids)} imported")
    return len(ids)


def block_data(lesson, code):
    """The raw stream data of a lesson in one language, with ids shared by every language."""
    slug, data = lesson["slug"], []
    for n, block in enumerate(lesson["blocks"]):
        value = block["value"]
        if block["type"] == "paragraph":
            raw = text(value, code)
        elif block["type"] == "quiz":
            raw = {"title": text(value["title"], code), "pass_mark": value["pass_mark"],
                   "attempts_allowed": value["attempts_allowed"], "questions": [
                       {"type": "item", "id": ident(slug, str(n), str(q)), "value": {
                           "text": text(question["text"], code), "kind": question["kind"],
                           "answers": [{"type": "item", "id": ident(slug, str(n), str(q), str(a)),
                                        "value": {"text": text(answer["text"], code),
                                                  "correct": answer["correct"],
                                                  "feedback": text(answer.get("feedback", ""),
                                                                   code)}}
                                       for a, answer in enumerate(question["answers"])]}}
                       for q, question in enumerate(value["questions"])]}
        else:
            raw = {key: text(item, code) for key, item in value.items()}
        data.append({"type": block["type"], "id": ident(slug, str(n)), "value": raw})
    return json.dumps(data, ensure_ascii=False)


def translated(page, code, fields):
    locale = Locale.objects.get(language_code=code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    copy = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


def child(parent, model, slug, fields):
    found = model.objects.child_of(parent).filter(slug=slug).first()
    if found is not None:
        return found.specific, 0
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, 1


def load_structure(import_id, plan, log):
    """Modules, lessons and sessions of one programme in bg, and the English lessons."""
    programme = ProgrammePage.objects.get(import_id=import_id)
    created = 0
    if any(getattr(programme, name) != value for name, value in plan["rule"].items()):
        for name, value in plan["rule"].items():
            setattr(programme, name, value)
        programme.save_revision().publish()
        created += 1
    for module_plan in plan["modules"]:
        fields = {code: {"title": text(module_plan["title"], code),
                         "intro": text(module_plan["intro"], code)} for code in LANGUAGES}
        module, made = child(programme, ModulePage, module_plan["slug"], fields["bg"])
        created += made
        translated(module, "en", fields["en"])
        for lesson_plan in module_plan["lessons"]:
            fields = {code: {"title": text(lesson_plan["title"], code),
                             "summary": text(lesson_plan["summary"], code),
                             "minutes": lesson_plan["minutes"],
                             "body": block_data(lesson_plan, code)} for code in LANGUAGES}
            lesson, made = child(module, LessonPage, lesson_plan["slug"], fields["bg"])
            created += made
            translated(lesson, "en", fields["en"])
    now = timezone.localtime()
    for session_plan in plan["sessions"]:
        title = session_plan["title"]
        if Session.objects.filter(programme=programme, title=title).exists():
            continue
        day = (now + dt.timedelta(days=session_plan["days"])).date()
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(session_plan["hour"])))
        Session.objects.create(
            programme=programme, title=title, description=session_plan["description"],
            starts_at=start, ends_at=start + dt.timedelta(hours=session_plan["hours"]),
            place=session_plan["place"], online_url=session_plan.get("online_url", ""),
            capacity=session_plan["capacity"], facilitator=programme.facilitators.first().member
            if programme.facilitators.exists() else None,
        )
        created += 1
    log(f"  {import_id}: {created} modules, lessons and sessions created")
    return created


def learner(name, handle, gender):
    from django.apps import apps

    member_model = apps.get_model("network", "Member")
    email = f"{handle}@learners.example"
    user = get_user_model().objects.filter(email=email).first()
    if user is None:
        user = get_user_model().objects.create_user(username=email, email=email)
        user.set_unusable_password()
        user.save()
    member = member_model.objects.filter(user=user).first()
    if member is None:
        member = member_model.objects.create(user=user, name=name, member_type="individual",
                                             status=Status.APPROVED, listed=False)
        member.approved_at = timezone.now()
        member.save()
    return member


def attend_past(session, member):
    Booking.objects.get_or_create(
        session=session, learner=member, status="confirmed",
        defaults={"created_at": session.starts_at - dt.timedelta(days=5),
                  "confirmed_at": session.starts_at - dt.timedelta(days=5),
                  "attended_at": session.starts_at + dt.timedelta(minutes=5),
                  "attendance_method": "list", "language": "bg"})


def take_quiz(enrolment, lesson, right=True):
    from django.http import QueryDict

    from learning.quiz import QuizError, questions_of, submit

    quiz_id, quiz = lesson.quizzes()[0]
    data = QueryDict(mutable=True)
    for question in questions_of(quiz):
        picked = [a for a, _t, correct, _f in question.answers if correct == right]
        data.setlist(f"q-{question.id}", picked if question.multiple else picked[:1])
    with contextlib.suppress(QuizError):  # passed already on an earlier run
        submit(enrolment, lesson, quiz_id, quiz, data)


def follow(member, programme, stage, gender=""):
    """Bring a learner to a stage of the programme: records made as the pages make them."""
    from learning.structure import lessons_in_order

    enrolment, _made = enrol(programme, member, gender=gender)
    lessons = lessons_in_order(programme)
    sessions = list(Session.objects.filter(programme=programme).order_by("starts_at"))
    past = [s for s in sessions if s.starts_at < timezone.now()]
    upcoming = [s for s in sessions if s.starts_at >= timezone.now()]
    quiz_lessons = [lesson for lesson in lessons if lesson.quizzes()]
    if stage in ("completed", "expert"):
        for lesson in lessons:
            open_lesson(enrolment, lesson)
            complete_lesson(enrolment, lesson)
        for lesson in quiz_lessons:
            if not QuizAttempt.objects.filter(enrolment=enrolment, passed=True).exists():
                take_quiz(enrolment, lesson)
        attend_past(past[0], member)
    elif stage == "halfway":
        for lesson in lessons[:1]:
            complete_lesson(enrolment, lesson)
        open_lesson(enrolment, lessons[1])
        attend_past(past[0], member)
    elif stage == "failed-quiz":
        complete_lesson(enrolment, lessons[0])
        open_lesson(enrolment, quiz_lessons[0])
        if not QuizAttempt.objects.filter(enrolment=enrolment).exists():
            take_quiz(enrolment, quiz_lessons[0], right=False)
    if stage == "expert" and enrolment.signed_off_at is None:
        enrolment.signed_off_at = timezone.now()
        enrolment.signoff_note = "Одобрен от експертния съвет на клъстера."
        enrolment.save(update_fields=["signed_off_at", "signoff_note"])
    if stage != "expert" and upcoming:
        booking.book(upcoming[0], member)
    record_completion(enrolment)
    return enrolment


def load_learners(log):
    from django.apps import apps

    from learning.models import Enrolment

    before = Enrolment.objects.count()
    design = ProgrammePage.objects.get(import_id="course-design-thinking")
    for name, handle, gender, stage in LEARNERS:
        follow(learner(name, handle, gender), design, stage, gender)
    expert = apps.get_model("network", "Member").objects.filter(import_id=EXPERT).first()
    if expert is not None:
        follow(expert, ProgrammePage.objects.get(import_id="course-circular-expert"), "expert",
               "female")
    created = Enrolment.objects.count() - before
    log(f"  learners: {created} enrolments created")
    return created


def load(log=print):
    with transaction.atomic():
        created = load_topics(log)
    created += load_programmes(log)
    if not ProgrammePage.objects.filter(import_id="course-design-thinking").exists():
        return created
    with transaction.atomic():
        for import_id, plan in read("lessons.json").items():
            created += load_structure(import_id, plan, log)
    with transaction.atomic():
        created += load_learners(log)
    return created
