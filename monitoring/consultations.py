"""A consultation's phases, its comments, and mailing its result to those who took part.

Phases follow the dates on the page: documents for reading (from their date
on), comments on the draft (between the comment dates), the questionnaire
(its own opening and closing dates) and the result (once an editor publishes
it). Phases may overlap; each says whether it is upcoming, open or closed.

The result goes by e-mail to everyone who took part and left an address: the
members who commented or answered, and the invited respondents who answered
(the invitation's address: anonymised answers stay unlinked, only the
invitation is known to be used). Open questionnaires collect no addresses.
Each address gets the result once per consultation (a ``ResultNotice`` holding
a hash of it, unique), however often the page or its translations are published.
"""

import dataclasses
import hashlib

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Locale

from monitoring.choices import Phase, PhaseState
from monitoring.models import (
    ConsultationComment,
    ConsultationPage,
    Invitation,
    QuestionnairePage,
    Response,
    ResultNotice,
)
from website.mail import queue_mail
from website.models import MailKind
from website.site_url import absolute_url


@dataclasses.dataclass
class PhaseInfo:
    phase: str
    start: object = None
    end: object = None
    state: str = PhaseState.UPCOMING

    @property
    def label(self):
        return Phase(self.phase).label

    @property
    def state_label(self):
        return PhaseState(self.state).label


def window_state(start, end, now):
    if start is None or now < start:
        return PhaseState.UPCOMING
    if end is not None and now >= end:
        return PhaseState.CLOSED
    return PhaseState.OPEN


def phases(page, now=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    result = []
    if page.documents or page.body:
        opened = page.documents_from is None or page.documents_from <= today
        result.append(PhaseInfo(Phase.READING, page.documents_from, None,
                                PhaseState.OPEN if opened else PhaseState.UPCOMING))
    if page.draft:
        result.append(PhaseInfo(Phase.COMMENTS, page.comments_from, page.comments_until,
                                window_state(page.comments_from, page.comments_until, now)))
    questionnaire = page.questionnaires().first()
    if questionnaire is not None:
        result.append(PhaseInfo(Phase.QUESTIONNAIRE, questionnaire.opens_at,
                                questionnaire.closes_at, questionnaire.state(now)))
    result.append(PhaseInfo(Phase.RESULT, page.result_date, None,
                            PhaseState.OPEN if page.result_published else PhaseState.UPCOMING))
    return result


def comments_open(page, now=None):
    return bool(page.draft) and window_state(
        page.comments_from, page.comments_until, now or timezone.now()) == PhaseState.OPEN


def section_codes(page):
    return [child.value["code"] for child in page.draft]


def comments_by_section(page, member=None):
    """``{code: (public comments, member's own comments waiting)}``, every language.

    Public are the approved comments of public members (``CommentQuerySet.public``);
    ``member`` also sees its own comments that wait for moderation, apart: they
    are not counted among the comments everyone sees.
    """
    comments = ConsultationComment.objects.filter(consultation_key=page.consultation_key)
    shown = {}
    for comment in comments.public().select_related("member"):
        shown.setdefault(comment.section, ([], []))[0].append(comment)
    if member is not None:
        for comment in comments.new_pending().filter(member=member).select_related("member"):
            shown.setdefault(comment.section, ([], []))[1].append(comment)
    return shown


def questionnaire_keys(page):
    """The questionnaires of every language version of this consultation."""
    keys = set()
    for version in ConsultationPage.objects.filter(translation_key=page.consultation_key):
        keys.update(QuestionnairePage.objects.child_of(version).values_list(
            "translation_key", flat=True))
    return keys


def result_recipients(page):
    """``{address: language}`` of everyone who took part and can be written to."""
    recipients = {}

    def add(address, language):
        if address:
            recipients.setdefault(address.strip().lower(), language)

    approved = ConsultationComment.objects.filter(
        consultation_key=page.consultation_key).approved().select_related("member__user")
    for comment in approved:
        add(comment.member.email_for_contact, comment.member.mail_language)
    keys = questionnaire_keys(page)
    for response in Response.objects.filter(
            questionnaire_key__in=keys, member__isnull=False).select_related("member__user"):
        add(response.member.email_for_contact, response.member.mail_language)
    for invitation in Invitation.objects.filter(questionnaire_key__in=keys, completed=True):
        add(invitation.email, invitation.language)
    return recipients


def address_hash(address):
    return hashlib.sha256(address.encode()).hexdigest()


def version_in(page, language):
    locale = Locale.objects.filter(language_code=language).first()
    translated = page.get_translation_or_none(locale) if locale else None
    if translated is not None and translated.live:
        return translated.specific
    return page


def mail_result(page):
    """Mail the published result to each participant not told yet; returns how many."""
    if not page.result_published:
        return 0
    sent = 0
    for address, language in result_recipients(page).items():
        try:
            with transaction.atomic():
                ResultNotice.objects.create(consultation_key=page.consultation_key,
                                            address_hash=address_hash(address))
                target = version_in(page, language)
                with translation.override(language):
                    body = render_to_string("monitoring/email/result.txt", {
                        "page": target, "link": absolute_url(target.get_url() or "/"),
                        "synopsis": strip_tags(target.result_synopsis).strip(),
                        "changes": strip_tags(target.result_changes).strip(),
                    })
                    subject = _("Result of the consultation: %(title)s") % {"title": target.title}
                queue_mail(MailKind.SURVEY, address, subject, body, language=language)
        except IntegrityError:  # told already (or by a process publishing at the same time)
            continue
        sent += 1
    return sent
