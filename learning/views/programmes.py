"""Enrolment, the learner's own pages, and the facilitator's list of learners."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learning.choices import BookingStatus
from learning.completion import describe, evaluate, record_completion
from learning.context import learner_state
from learning.enrolment import enrol, in_locale
from learning.forms import EnrolForm, SignOffForm
from learning.structure import progress
from learning.views.common import (
    facilitates_programme,
    learner_required,
    posted,
    signed_in_required,
)


def public_programme_or_404(pk):
    from learning.models import ProgrammePage

    return get_object_or_404(ProgrammePage.objects.live().public(), pk=pk)


@require_POST
@learner_required
def programme_enrol(request, learner, pk):
    programme = public_programme_or_404(pk)
    form = EnrolForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose one of the options offered."))
        return redirect(programme.url)
    _enrolment, created = enrol(programme, learner, gender=form.cleaned_data["gender"])
    if created:
        messages.success(request, _("You are enrolled. Welcome to the programme!"))
    return redirect(programme.url)


def own_enrolment_or_404(learner, pk):
    from learning.models import Enrolment

    return get_object_or_404(
        Enrolment.objects.select_related("programme", "completion"), pk=pk, learner=learner)


@learner_required
def dashboard(request, learner):
    """My learning: every enrolment with its progress, bookings and completions."""
    from wagtail.models import Locale

    from learning.models import Booking

    locale = Locale.get_active()
    rows = []
    for enrolment in learner.enrolments.select_related("programme", "completion"):
        programme = in_locale(enrolment.programme, locale)
        rows.append({"programme": programme, **learner_state(programme, learner)})
    now = timezone.now()
    bookings = [
        {"booking": item, "can_cancel": item.session.can_cancel(now)
         if item.status == BookingStatus.CONFIRMED else not item.session.is_past(now)}
        for item in Booking.objects.active().filter(learner=learner, session__ends_at__gte=now)
        .select_related("session").order_by("session__starts_at")
    ]
    return render(request, "learning/dashboard.html", {
        "learner": learner, "rows": rows, "bookings": bookings,
    })


@learner_required
def enrolment_detail(request, learner, pk):
    """One enrolment: progress per lesson and module, the rule, attempts; and the gender field."""
    from wagtail.models import Locale

    enrolment = own_enrolment_or_404(learner, pk)
    form = EnrolForm(posted(request), initial={"gender": enrolment.gender})
    if request.method == "POST" and form.is_valid():
        enrolment.gender = form.cleaned_data["gender"]
        enrolment.save(update_fields=["gender"])
        messages.success(request, _("Saved."))
        return redirect(enrolment.get_absolute_url())
    programme = in_locale(enrolment.programme, Locale.get_active())
    state = learner_state(programme, learner)
    return render(request, "learning/enrolment_detail.html", {
        "enrolment": enrolment, "programme": programme, "form": form, **state,
        "outline_rows": outline_rows(programme, state["progress"]),
        "attempts": enrolment.quiz_attempts.select_related("lesson").order_by("-submitted_at"),
        "bookings": enrolment.learner.session_bookings.filter(
            session__programme_key=enrolment.programme_key).select_related("session"),
    }, status=400 if request.method == "POST" else 200)


def outline_rows(programme, state):
    from learning.structure import outline

    rows = []
    for group in outline(programme):
        lessons = [{"lesson": lesson, "done": lesson.translation_key in state.done_keys}
                   for lesson in group.lessons]
        rows.append({"module": group.module, "lessons": lessons,
                     "done": sum(1 for row in lessons if row["done"]),
                     "total": len(lessons)})
    return rows


@signed_in_required
def programme_learners(request, pk):
    """For facilitators: every learner of the programme, their progress, and sign-off."""
    from learning.models import Enrolment, ProgrammePage

    programme = get_object_or_404(ProgrammePage, pk=pk)
    if not facilitates_programme(request.user, programme):
        raise Http404
    enrolments = (
        Enrolment.objects.filter(programme_key=programme.translation_key)
        .select_related("learner", "programme", "completion").order_by("learner__name")
    )
    rows = []
    for enrolment in enrolments:
        state = progress(enrolment)
        rows.append({"enrolment": enrolment, "progress": state,
                     "parts": [{"text": describe(p), "met": p["met"]}
                               for p in evaluate(enrolment, state)]})
    return render(request, "learning/programme_learners.html", {
        "programme": programme, "rows": rows, "form": SignOffForm(),
        "confirmed": BookingStatus.CONFIRMED,
    })


@require_POST
@signed_in_required
def enrolment_sign_off(request, pk):
    from learning.models import Enrolment

    enrolment = get_object_or_404(Enrolment.objects.select_related("programme"), pk=pk)
    if not facilitates_programme(request.user, enrolment.programme):
        raise Http404
    form = SignOffForm(request.POST)
    if form.is_valid():
        enrolment.signed_off_at = timezone.now()
        enrolment.signed_off_by = request.user
        enrolment.signoff_note = form.cleaned_data["note"]
        enrolment.save(update_fields=["signed_off_at", "signed_off_by", "signoff_note"])
        record_completion(enrolment)
        messages.success(request, _("Signed off: %(name)s.") % {"name": enrolment.learner.name})
    else:
        messages.error(request, _("The note is too long."))
    return redirect("learning:programme_learners", pk=enrolment.programme_id)
