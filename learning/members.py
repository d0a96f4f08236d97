"""What learning knows about a member: the programmes it facilitates (on its profile,
``website.curated.featuring``) and, in "download my data" (``website.personal_data``),
its learning records, its certificates and its mentoring, given and received.
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


def _iso(moment):
    return moment.isoformat() if moment else None


def certificates_data(member):
    """The member's certificates, revoked ones included, with their public addresses."""
    from learning.certificates.credential import verification_url

    return [{"code": c.code, "programme": c.programme.title if c.programme else "",
             "name_on_certificate": c.learner_name, "language": c.language,
             "valid_from": _iso(c.valid_from), "valid_until": _iso(c.valid_until),
             "revoked_at": _iso(c.revoked_at), "verification_url": verification_url(c)}
            for c in member.certificates.select_related("programme").order_by("issued_at")]


def _request(request, role):
    mine = next((f for f in request.feedback.all() if f.role == role), None)
    return {"message": request.message, "state": request.state,
            "requested_at": _iso(request.created_at), "answered_at": _iso(request.answered_at),
            "closed_at": _iso(request.closed_at), "reason": request.reason,
            "meetings": [{"starts_at": _iso(m.starts_at), "minutes": m.duration_minutes,
                          "place": m.place, "notes": m.notes} for m in request.meetings.all()],
            "my_feedback": {"rating": mine.rating, "comment": mine.comment} if mine else None}


def mentoring_data(member):
    """The mentoring the member asked for and, as a mentor, its profile and the requests it got."""
    from learning.models import FeedbackRole, MentoringRequest

    requests = MentoringRequest.objects.prefetch_related("meetings", "feedback").order_by(
        "created_at")
    made = []
    for request in requests.filter(learner=member).select_related("mentor__member"):
        made.append({"mentor": request.mentor.member.name,
                     **_request(request, FeedbackRole.LEARNER)})
    profile = getattr(member, "mentor_profile", None)
    received = []
    if profile is not None:
        for request in requests.filter(mentor=profile).select_related("learner"):
            received.append({"learner": request.learner.name,
                             **_request(request, FeedbackRole.MENTOR)})
    return {
        "mentor_profile": None if profile is None else {
            "expertise": profile.expertise, "languages": profile.languages,
            "levels": profile.levels, "capacity": profile.capacity,
            "available": profile.available, "status": profile.status,
            "changes_waiting_for_approval": profile.pending_changes,
            "themes": [t.name for t in profile.themes.all()],
            "topics": [t.name for t in profile.topics.all()]},
        "requests_made": made,
        "requests_received": received,
    }
