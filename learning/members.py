"""What learning knows about a member: the programmes it facilitates (on its profile,
``website.curated.featuring``) and its learning records (in "download my data",
``website.personal_data``).
"""

from django.utils import translation
from django.utils.translation import gettext as _


def facilitated_programmes(member, request=None):
    """The profile's section: live, public programmes the member facilitates, in this language."""
    from learning.models import ProgrammePage

    keys = ProgrammePage.objects.filter(facilitators__member=member).values("translation_key")
    pages = ProgrammePage.objects.live().public().filter(translation_key__in=keys).select_related(
        "locale").order_by("title")
    language = translation.get_language()
    best = {}
    for page in pages:
        current = best.get(page.translation_key)
        if current is None or page.locale.language_code == language:
            best[page.translation_key] = page
    return {"title": _("Programmes this member facilitates"),
            "items": sorted(best.values(), key=lambda page: page.title)}


def learning_data(member):
    """Every learning record of the member, as JSON-ready data."""
    enrolments = []
    for enrolment in member.enrolments.select_related("programme", "completion"):
        completion = getattr(enrolment, "completion", None)
        enrolments.append({
            "programme": enrolment.programme.title,
            "enrolled_at": enrolment.enrolled_at.isoformat(),
            "gender": enrolment.gender,
            "signed_off_at": enrolment.signed_off_at.isoformat() if enrolment.signed_off_at
            else None,
            "completed_at": completion.completed_at.isoformat() if completion else None,
            "completion_reasons": completion.reasons if completion else [],
            "lessons": [{"lesson": p.lesson.title if p.lesson else str(p.lesson_key),
                         "opened_at": p.opened_at.isoformat(),
                         "done_at": p.completed_at.isoformat() if p.completed_at else None}
                        for p in enrolment.lessons.select_related("lesson")],
            "quiz_attempts": [{"lesson": a.lesson.title if a.lesson else str(a.lesson_key),
                               "answers": a.answers, "score": a.score, "passed": a.passed,
                               "submitted_at": a.submitted_at.isoformat()}
                              for a in enrolment.quiz_attempts.select_related("lesson")],
            "reflections": [{"lesson": r.lesson.title if r.lesson else str(r.lesson_key),
                             "text": r.text, "updated_at": r.updated_at.isoformat()}
                            for r in enrolment.reflections.select_related("lesson")],
        })
    bookings = [{"session": b.session.title, "starts_at": b.session.starts_at.isoformat(),
                 "status": b.status, "attended_at": b.attended_at.isoformat()
                 if b.attended_at else None}
                for b in member.session_bookings.select_related("session")]
    return {"enrolments": enrolments, "bookings": bookings}
