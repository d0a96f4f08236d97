"""Mentoring pages: the overview, the mentor's offer, finding and asking, and one request.

A request is seen only by its learner and its mentor (404 for anyone else);
what each may do with it is decided by ``learning.mentoring.rules``, and a
refused move re-renders with its message and changes nothing.
"""

from django.apps import apps
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learning.enrolment import in_locale
from learning.forms import SignOffForm
from learning.mentoring import hours, rules
from learning.mentoring.forms import (
    AskForm,
    FeedbackForm,
    FindMentorForm,
    MeetingForm,
    MentorProfileForm,
    ReasonForm,
)
from learning.mentoring.suggest import suggestions, wish_for
from learning.models import MentoringRequest, MentorProfile, RequestState
from learning.views.common import learner_required, posted
from website.choices import Status
from website.moderation import OUTCOME_MESSAGES, save_submission


@learner_required
def overview(request, learner):
    profile = MentorProfile.objects.filter(member=learner).first()
    incoming = (profile.requests.select_related("learner").order_by("-created_at")
                if profile else [])
    return render(request, "learning/mentoring/overview.html", {
        "profile": profile, "incoming": incoming,
        "mine": learner.mentoring_requests.select_related("mentor__member").order_by(
            "-created_at"),
    })


@learner_required
def mentor_profile(request, learner):
    """The mentor's own offer; what learners read waits for an editor (``save_submission``)."""
    profile = MentorProfile.objects.filter(member=learner).first()
    form = MentorProfileForm(posted(request), instance=profile.draft() if profile else None,
                             initial=profile.draft_initial() if profile else None)
    if request.method == "POST" and form.is_valid():
        profile, outcome = save_submission(form, member=learner)
        declined = rules.profile_changed(profile)
        messages.success(request, OUTCOME_MESSAGES.get(outcome, _(
            "Your mentor profile is saved and waits for an editor's approval. Learners are "
            "offered you as a mentor once it is approved.")))
        if declined:
            messages.info(request, _("Requests waiting for your answer were declined: %(n)s.")
                          % {"n": declined})
        return redirect("learning:mentoring")
    return render(request, "learning/mentoring/profile_form.html", {
        "form": form, "profile": profile,
    }, status=400 if request.method == "POST" else 200)


def learner_programmes(learner):
    from wagtail.models import Locale

    locale = Locale.get_active()
    return [in_locale(enrolment.programme, locale)
            for enrolment in learner.enrolments.select_related("programme")]


def learner_networks(learner):
    network_model = apps.get_model("network", "Network")
    return list(network_model.objects.filter(
        memberships__member=learner, memberships__status=Status.APPROVED).order_by("name"))


def chosen(options, value):
    return next((option for option in options if str(option.pk) == value), None)


@learner_required
def find(request, learner):
    programmes, networks = learner_programmes(learner), learner_networks(learner)
    form = FindMentorForm(request.GET or None, programmes=programmes, networks=networks)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    programme = chosen(programmes, data.get("programme", ""))
    network = chosen(networks, data.get("network", ""))
    wish = wish_for(learner, programme, data.get("level", ""), data.get("language", ""),
                    [data["theme"]] if data.get("theme") else ())
    return render(request, "learning/mentoring/find.html", {
        "form": form, "suggestions": suggestions(learner, wish, network),
        "query": request.GET.urlencode(), "network": network,
    })


@learner_required
def ask(request, learner, pk):
    # Only approved profiles of public members; an unavailable or full one says so on asking.
    mentor = get_object_or_404(
        MentorProfile.objects.approved().select_related("member").filter(
            member__status=Status.APPROVED, member__listed=True), pk=pk)
    programmes, networks = learner_programmes(learner), learner_networks(learner)
    find_form = FindMentorForm(request.GET or None, programmes=programmes, networks=networks)
    options = find_form.cleaned_data if find_form.is_bound and find_form.is_valid() else {}
    form = AskForm(posted(request))
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            made = rules.ask(
                learner, mentor, form.cleaned_data["message"],
                programme=chosen(programmes, options.get("programme", "")),
                network=chosen(networks, options.get("network", "")),
                level=options.get("level", ""), language=options.get("language", ""))
        except rules.MentoringError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Your request is sent. The mentor has %(days)s days to "
                                        "answer.") % {"days": rules.EXPIRE_AFTER.days})
            return redirect(made.get_absolute_url())
    return render(request, "learning/mentoring/ask.html", {
        "mentor": mentor, "form": form, "error": error, "query": request.GET.urlencode(),
    }, status=400 if request.method == "POST" else 200)


def own_request_or_404(learner, pk):
    """The request if the signed-in member is its learner or its mentor; else 404."""
    found = MentoringRequest.objects.select_related(
        "learner", "mentor__member", "programme", "network").filter(pk=pk).first()
    if found is None or not (rules.is_learner_of(found, learner)
                             or rules.is_mentor_of(found, learner)):
        raise Http404
    return found


def detail_context(mentoring, learner, **forms):
    is_mentor = rules.is_mentor_of(mentoring, learner)
    feedback = {item.role: item for item in mentoring.feedback.all()}
    started = mentoring.state in (RequestState.ACCEPTED, RequestState.COMPLETED)
    return {
        "mentoring": mentoring, "is_mentor": is_mentor, "states": RequestState,
        "meetings": mentoring.meetings.all(), "hours": mentoring.hours(),
        "feedback": feedback, "started": started,
        "can_answer": is_mentor and mentoring.is_open,
        "can_cancel": not is_mentor and (mentoring.is_open
                                         or mentoring.state == RequestState.ACCEPTED),
        "can_sign_off": is_mentor and hours.can_sign_off(mentoring),
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "meeting_form": forms.get("meeting_form") or MeetingForm(),
        "feedback_form": forms.get("feedback_form") or FeedbackForm(),
        "sign_off_form": SignOffForm(),
        "error": forms.get("error", ""),
    }


@learner_required
def request_detail(request, learner, pk):
    mentoring = rules.mark_viewed(own_request_or_404(learner, pk), learner)
    return render(request, "learning/mentoring/request.html",
                  detail_context(mentoring, learner))


def _refused(request, mentoring, learner, error, **forms):
    return render(request, "learning/mentoring/request.html",
                  detail_context(mentoring, learner, error=error, **forms), status=400)


@require_POST
@learner_required
def request_move(request, learner, pk, action):
    """Accept, decline, cancel or complete: each only by the side it belongs to."""
    mentoring = own_request_or_404(learner, pk)
    is_mentor = rules.is_mentor_of(mentoring, learner)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _refused(request, mentoring, learner, _("The reason is too long."),
                        reason_form=form)
    reason = form.cleaned_data["reason"]
    moves = {
        "accept": (is_mentor, lambda: rules.accept(mentoring),
                   _("You accepted the request.")),
        "decline": (is_mentor, lambda: rules.decline(mentoring, reason),
                    _("You declined the request.")),
        "cancel": (not is_mentor, lambda: rules.cancel(mentoring, reason),
                   _("Your request is cancelled.")),
        "complete": (True, lambda: rules.complete(mentoring, learner),
                     _("The mentoring is marked as completed.")),
    }
    if action not in moves or not moves[action][0]:
        raise Http404
    try:
        moves[action][1]()
    except rules.MentoringError as exc:
        mentoring.refresh_from_db()
        return _refused(request, mentoring, learner, str(exc))
    messages.success(request, moves[action][2])
    return redirect(mentoring.get_absolute_url())


@require_POST
@learner_required
def request_meeting(request, learner, pk):
    mentoring = own_request_or_404(learner, pk)
    form = MeetingForm(request.POST)
    if not form.is_valid():
        return _refused(request, mentoring, learner, "", meeting_form=form)
    try:
        rules.log_meeting(mentoring, learner, **form.cleaned_data)
    except rules.MentoringError as exc:
        return _refused(request, mentoring, learner, str(exc), meeting_form=form)
    messages.success(request, _("The meeting is logged; the invitation is on its way."))
    return redirect(mentoring.get_absolute_url())


@require_POST
@learner_required
def request_feedback(request, learner, pk):
    mentoring = own_request_or_404(learner, pk)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _refused(request, mentoring, learner, "", feedback_form=form)
    try:
        rules.leave_feedback(mentoring, learner, form.cleaned_data["rating"],
                             form.cleaned_data["comment"])
    except rules.MentoringError as exc:
        return _refused(request, mentoring, learner, str(exc), feedback_form=form)
    messages.success(request, _("Thank you for your feedback."))
    return redirect(mentoring.get_absolute_url())


@require_POST
@learner_required
def request_sign_off(request, learner, pk):
    mentoring = own_request_or_404(learner, pk)
    if not (rules.is_mentor_of(mentoring, learner) and hours.can_sign_off(mentoring)):
        raise Http404
    form = SignOffForm(request.POST)
    if not form.is_valid():
        return _refused(request, mentoring, learner, _("The note is too long."))
    hours.sign_off(mentoring, request.user, form.cleaned_data["note"])
    messages.success(request, _("Signed off: %(name)s.") % {"name": mentoring.learner.name})
    return redirect(mentoring.get_absolute_url())


@learner_required
def meeting_ical(request, learner, pk):
    from learning.mentoring.ical import meeting_response
    from learning.models import MentoringMeeting

    meeting = MentoringMeeting.objects.select_related(
        "request__learner", "request__mentor__member").filter(pk=pk).first()
    if meeting is None or not (rules.is_learner_of(meeting.request, learner)
                               or rules.is_mentor_of(meeting.request, learner)):
        raise Http404
    return meeting_response(meeting, request)
