"""Answering a questionnaire: who may answer, one page at a time, and one answer each.

``identify`` decides who the respondent is in the questionnaire's mode:

- open: anyone; a browser is known by a random id in a signed cookie (and in
  the form, for browsers without cookies). One browser, one answer, but a
  person can answer again from another browser: the results say so. A
  honeypot field and a rate limit per client IP keep robots out.
- members: a signed-in account with an approved member profile; one answer per
  member organisation, which it may change until the questionnaire closes.
- invited: the signed one-time link of an ``Invitation``.

Pages: the answers of the pages already sent travel in a signed hidden field
(``state``), so nothing is stored until the last page is sent and no session is
needed. The last page re-validates every page with the final answers, which
drops the answers of questions that the final answers hide
(``monitoring.questions``). Saving relies on the database's constraints
(``monitoring.models.responses``): of two submits at the same moment, one
saves and the other is told the answer exists (members: it updates the one row).
"""

import dataclasses
import hashlib
import secrets
import time

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from monitoring import invitations, rendering
from monitoring.choices import PhaseState, RespondentMode, Role
from monitoring.forms import QuestionnairePageForm, initial_for
from monitoring.models import Invitation, Response
from monitoring.questions import prune, role_of
from website import login_throttle
from website.choices import OrganisationType, Status

STATE_SALT = "monitoring.respond.state"
BROWSER_SALT = "monitoring.respond.browser"
STATE_MAX_AGE = 2 * 24 * 3600
BROWSER_COOKIE_AGE = 365 * 24 * 3600
HONEYPOT = "website_address"
TEMPLATE = "monitoring/questionnaire_page.html"


class AlreadyAnswered(Exception):  # noqa: N818 - an outcome, not a failure
    pass


@dataclasses.dataclass
class Respondent:
    mode: str
    member: object = None
    user: object = None
    invitation: Invitation | None = None
    browser_id: str = ""
    token: str = ""
    existing: Response | None = None
    new_browser: bool = False


# -- who is answering ----------------------------------------------------------------


def browser_cookie(page):
    return f"questionnaire-{page.questionnaire_key.hex}"


def read_browser_id(value):
    try:
        browser_id = signing.loads(value or "", salt=BROWSER_SALT)
    except signing.BadSignature:
        return ""
    return browser_id if isinstance(browser_id, str) and 16 <= len(browser_id) <= 64 else ""


def member_of(user):
    member_model = apps.get_model("network", "Member")
    return member_model.objects.filter(user=user).select_related("region").first()


def identify(page, request):
    """``(respondent, None)`` or ``(None, refusal)``: why this visitor cannot answer now."""
    key = page.questionnaire_key
    if page.mode == RespondentMode.MEMBERS:
        if not request.user.is_authenticated:
            return None, "sign-in"
        member = member_of(request.user)
        if member is None or member.status != Status.APPROVED:
            return None, "not-member"
        existing = Response.objects.filter(questionnaire_key=key, member=member).first()
        return Respondent(page.mode, member=member, user=request.user, existing=existing), None
    if page.mode == RespondentMode.INVITED:
        token = request.POST.get("token") or request.GET.get("token") or ""
        invitation = invitations.invitation_for(token, key)
        if invitation is None:
            return None, "no-invitation"
        if invitation.completed:
            return None, "used"
        return Respondent(page.mode, invitation=invitation, token=token,
                          member=invitation.member), None
    from_cookie = read_browser_id(request.COOKIES.get(browser_cookie(page)))
    browser_id = from_cookie or read_browser_id(request.POST.get("respondent"))
    if browser_id and Response.objects.filter(questionnaire_key=key, browser_id=browser_id).exists():
        return None, "answered"
    return Respondent(page.mode, browser_id=browser_id or secrets.token_urlsafe(24),
                      new_browser=not from_cookie), None


# -- the pages -------------------------------------------------------------------------


def read_state(page, value):
    try:
        state = signing.loads(value or "", salt=STATE_SALT, max_age=STATE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(state, dict) or state.get("k") != page.questionnaire_key.hex:
        return None
    if not isinstance(state.get("a"), dict) or not isinstance(state.get("p"), int):
        return None
    return state


def write_state(page, answers, number):
    return signing.dumps({"k": page.questionnaire_key.hex, "p": number, "a": answers},
                         salt=STATE_SALT, compress=True)


def page_form(page, number, answers, data=None):
    form = QuestionnairePageForm(data, definition=page.definition, page_number=number,
                                 prior=answers, page=page)
    if data is None:
        form.initial_from(answers)
    return form


def shows(page, number, answers):
    """A page shows when it has only notes, or some question the answers do not hide."""
    questionnaire_page = page.definition.pages[number]
    return not questionnaire_page.questions or bool(page_form(page, number, answers).questions)


def step(page, number, answers, direction):
    """The next (``direction`` 1) or previous (-1) page that shows, or None."""
    number += direction
    while 0 <= number < len(page.definition.pages):
        if shows(page, number, answers):
            return number
        number += direction
    return None


def merged(page, answers, number, page_answers):
    codes = {question.code for question in page.definition.pages[number].questions}
    kept = {key: value for key, value in answers.items() if key.split(".")[0] not in codes}
    kept.update(page_answers)
    return kept


def data_for(form, answers):
    """The POST data that answers ``form``'s questions as ``answers`` does."""
    data = QueryDict(mutable=True)
    for question in form.questions:
        for name, value in initial_for(question, answers.get(question.code),
                                       answers.get(question.other_key, "")).items():
            data.setlist(name, [str(item) for item in value] if isinstance(value, list)
                         else [str(value)])
    return data


def final_check(page, answers):
    """Every page validated with the final answers: ``(answers, None)`` or ``(None, form)``."""
    checked = {}
    for number in range(len(page.definition.pages)):
        form = page_form(page, number, answers)
        if not form.questions:
            continue
        bound = page_form(page, number, answers, data=data_for(form, answers))
        if not bound.is_valid():
            return None, bound
        checked.update(bound.answers)
    return prune(page.definition, checked), None


# -- saving --------------------------------------------------------------------------


def role_for(page, answers, member):
    """Policy maker when the role question says so or the member is a public body."""
    is_public_body = member is not None and member.member_type == OrganisationType.PUBLIC_BODY
    if role_of(page.definition, answers) == Role.POLICY_MAKER or is_public_body:
        return Role.POLICY_MAKER
    return Role.STAKEHOLDER


def save(page, respondent, answers, now=None):
    """Store the answer once (see the module docstring); raises ``AlreadyAnswered``."""
    now = now or timezone.now()
    anonymised = page.mode == RespondentMode.INVITED and page.anonymised
    member = None if anonymised else respondent.member
    fields = {
        "questionnaire_key": page.questionnaire_key, "mode": page.mode,
        "language": page.locale.language_code, "answers": answers,
        "role": role_for(page, answers, member), "submitted_on": timezone.localdate(now),
        "submitted_at": None if anonymised else now,
    }
    with transaction.atomic():
        if page.mode == RespondentMode.MEMBERS:
            return save_for_member(respondent, fields, now)
        if page.mode == RespondentMode.INVITED:
            claimed = Invitation.objects.filter(
                pk=respondent.invitation.pk, completed=False).update(completed=True)
            if not claimed:
                raise AlreadyAnswered
            if not anonymised:
                fields.update(member=respondent.member, invitation=respondent.invitation)
            return Response.objects.create(**fields)
        try:
            with transaction.atomic():
                return Response.objects.create(browser_id=respondent.browser_id, **fields)
        except IntegrityError:
            raise AlreadyAnswered from None


def save_for_member(respondent, fields, now):
    lookup = {"questionnaire_key": fields["questionnaire_key"], "member": respondent.member}
    existing = Response.objects.select_for_update().filter(**lookup).first()
    if existing is None:
        try:
            with transaction.atomic():
                return Response.objects.create(user=respondent.user, **lookup, **{
                    name: value for name, value in fields.items() if name != "questionnaire_key"})
        except IntegrityError:  # a submit at the same moment created it: change that one
            existing = Response.objects.select_for_update().get(**lookup)
    for name in ("answers", "role", "language"):
        setattr(existing, name, fields[name])
    existing.user, existing.updated_at = respondent.user, now
    existing.save(update_fields=["answers", "role", "language", "user", "updated_at"])
    return existing


def rate_key(page, request, now):
    limit, window = settings.SURVEY_OPEN_RATE_LIMIT
    ip = hashlib.sha256(login_throttle.client_ip(request).encode()).hexdigest()[:32]
    return f"monitoring:open:{page.questionnaire_key.hex}:{ip}:{int(now // window)}", limit, window


def rate_limited(page, request):
    key, limit, _window = rate_key(page, request, time.time())
    return (cache.get(key) or 0) >= limit


def count_submission(page, request):
    key, _limit, window = rate_key(page, request, time.time())
    if not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)


# -- views -----------------------------------------------------------------------------


def render(page, request, respondent=None, *, form=None, answers=None, number=0, refusal="",
           note="", status=200):
    context = page.get_context(request)
    if form is not None:
        is_last = step(page, number, answers or {}, 1) is None
        context.update(rendering.step_context(page, form, number, is_last))
    context.update({
        "refusal": refusal, "note": note, "respondent": respondent,
        "state": write_state(page, answers or {}, number) if form is not None else "",
        "respondent_id": signing.dumps(respondent.browser_id, salt=BROWSER_SALT)
        if respondent and respondent.browser_id else "",
        "honeypot": HONEYPOT if page.mode == RespondentMode.OPEN else "",
        "login_url": reverse("account_login") + "?" + urlencode({"next": page.url or "/"}),
    })
    response = TemplateResponse(request, TEMPLATE, context, status=status)
    if respondent and respondent.new_browser:
        response.set_cookie(
            browser_cookie(page), signing.dumps(respondent.browser_id, salt=BROWSER_SALT),
            max_age=BROWSER_COOKIE_AGE, httponly=True, samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    add_never_cache_headers(response)
    return response


def serve(page, request):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    state = page.state()
    if state != PhaseState.OPEN:
        return render(page, request, refusal=state)
    respondent, refusal = identify(page, request)
    if refusal:
        return render(page, request, refusal=refusal, status=403 if refusal == "no-invitation"
                      else 200)
    if request.method == "GET":
        answers = prune(page.definition, respondent.existing.answers) if respondent.existing else {}
        return render(page, request, respondent, form=page_form(page, 0, answers),
                      answers=answers, number=0)
    return submit(page, request, respondent)


def submit(page, request, respondent):
    if page.mode == RespondentMode.OPEN and request.POST.get(HONEYPOT):
        return render(page, request, refusal="robot", status=400)
    state = read_state(page, request.POST.get("state"))
    if state is None:
        answers = prune(page.definition, respondent.existing.answers) if respondent.existing else {}
        return render(page, request, respondent, form=page_form(page, 0, answers), answers=answers,
                      note=_("Your earlier answers could not be read (the form was open too long "
                             "or was changed). Please check them and continue."))
    answers, number = state["a"], min(max(state["p"], 0), len(page.definition.pages) - 1)
    form = page_form(page, number, answers, data=request.POST)
    valid = form.is_valid()
    if request.POST.get("action") == "back":
        answers = merged(page, answers, number, form.answers)
        number = step(page, number, answers, -1) or 0
        return render(page, request, respondent, form=page_form(page, number, answers),
                      answers=answers, number=number)
    if not valid:
        return render(page, request, respondent, form=form, answers=answers, number=number)
    answers = merged(page, answers, number, form.answers)
    following = step(page, number, answers, 1)
    if following is not None:
        return render(page, request, respondent, form=page_form(page, following, answers),
                      answers=answers, number=following)
    return finish(page, request, respondent, answers)


def finish(page, request, respondent, answers):
    final, failed = final_check(page, answers)
    if failed is not None:
        return render(page, request, respondent, form=failed, answers=answers,
                      number=failed.page_number)
    if page.mode == RespondentMode.OPEN and rate_limited(page, request):
        return render(page, request, refusal="rate-limited", status=429)
    try:
        save(page, respondent, final)
    except AlreadyAnswered:
        refusal = "used" if page.mode == RespondentMode.INVITED else "answered"
        return render(page, request, refusal=refusal)
    if page.mode == RespondentMode.OPEN:
        count_submission(page, request)
    response = HttpResponseRedirect((page.url or "/") + page.reverse_subpage("thanks"))
    if respondent.new_browser:
        response.set_cookie(
            browser_cookie(page), signing.dumps(respondent.browser_id, salt=BROWSER_SALT),
            max_age=BROWSER_COOKIE_AGE, httponly=True, samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


def thanks(page, request):
    context = page.get_context(request)
    context["thanks"] = True
    response = TemplateResponse(request, TEMPLATE, context)
    add_never_cache_headers(response)
    return response


def preview(page, request):
    """The first page as a respondent sees it; the preview never saves anything."""
    form = page_form(page, 0, {})
    context = page.get_context(request)
    context.update(rendering.step_context(page, form, 0, step(page, 0, {}, 1) is None))
    context["preview"] = True
    return TemplateResponse(request, TEMPLATE, context)
