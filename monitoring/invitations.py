"""Invited respondents: the address list, their one-time links, invitations and reminders.

The link's token is the invitation's random ``public_id`` signed with the
site's key: the database holds no usable token (a copy of it opens no
questionnaire), and a reminder carries the same link as the invitation. A token
works until its invitation is completed (``monitoring.respond``).

Editors upload a CSV of addresses (``parse_addresses``): every bad line is
reported with its number and nothing is added until the file is clean.
Invitations go out when the questionnaire is live and open, reminders every
``reminder_days`` to those who have not answered, at most ``max_reminders``
times (``send_due``: the request-time sweep ``monitoring.sweep`` and the
command ``send_survey_invitations`` run it). Each mail is claimed by a
conditional update before it is queued, so two processes never mail one
address twice for the same reason.
"""

import csv
import dataclasses
import datetime as dt
import io
import uuid

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from monitoring.choices import PhaseState, RespondentMode
from monitoring.models import Invitation, QuestionnairePage
from website.mail import queue_mail
from website.models import MailKind
from website.site_url import absolute_url

TOKEN_SALT = "monitoring.invitation"  # noqa: S105 - a signing salt, not a secret
MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def token_for(invitation):
    return signing.Signer(salt=TOKEN_SALT).sign(invitation.public_id.hex)


def invitation_for(token, questionnaire_key):
    """The invitation a token opens for this questionnaire, or None (forged, other survey)."""
    try:
        public_id = uuid.UUID(signing.Signer(salt=TOKEN_SALT).unsign(token or ""))
    except (signing.BadSignature, ValueError):
        return None
    return Invitation.objects.filter(
        public_id=public_id, questionnaire_key=questionnaire_key
    ).select_related("member").first()


# -- the address list ----------------------------------------------------------------


@dataclasses.dataclass
class AddressList:
    rows: list = dataclasses.field(default_factory=list)  # (e-mail, language)
    problems: list = dataclasses.field(default_factory=list)  # (line, message)

    @property
    def ok(self):
        return not self.problems


def parse_addresses(content, default_language):
    """The addresses of a CSV upload (``e-mail[,language]``, a header row optional)."""
    result = AddressList()
    if len(content) > MAX_BYTES:
        result.problems.append((0, _("The file is larger than 2 MB.")))
        return result
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.problems.append((0, _("The file is not UTF-8 text (save it as CSV UTF-8).")))
        return result
    delimiter = ";" if text.count(";") > text.count(",") else ","
    seen = set()
    for line, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if line == 1 and cells[0].lower().replace("-", "") in {"email", "address", "адрес"}:
            continue
        if len(result.rows) >= MAX_ROWS:
            result.problems.append((line, _("At most %(n)s addresses per file.") % {"n": MAX_ROWS}))
            break
        email = cells[0].lower()
        language = (cells[1].lower() if len(cells) > 1 and cells[1] else default_language)
        try:
            validate_email(email)
        except ValidationError:
            result.problems.append((line, _("“%(value)s” is not an e-mail address.")
                                    % {"value": cells[0][:100]}))
            continue
        if language not in LANGUAGES:
            result.problems.append((line, _("Unknown language “%(value)s” (use bg, en or el).")
                                    % {"value": cells[1][:20]}))
            continue
        if email not in seen:
            seen.add(email)
            result.rows.append((email, language))
    if not result.rows and not result.problems:
        result.problems.append((0, _("The file has no addresses.")))
    return result


def members_by_address(emails):
    member_model = apps.get_model("network", "Member")
    members = member_model.objects.annotate(
        contact=Lower("contact_email"), account=Lower("user__email")
    ).filter(Q(contact__in=emails) | Q(account__in=emails))
    found = {}
    for member in members:
        for address in (member.contact, member.account):
            if address:
                found.setdefault(address, member)
    return found


def add_invitations(page, addresses):
    """Invite every address not invited yet; returns how many were added."""
    key = page.questionnaire_key
    known = set(Invitation.objects.filter(questionnaire_key=key).annotate(
        address=Lower("email")).values_list("address", flat=True))
    fresh = [(email, language) for email, language in addresses.rows if email not in known]
    members = members_by_address([email for email, _language in fresh])
    Invitation.objects.bulk_create(
        [Invitation(questionnaire_key=key, email=email, language=language,
                    member=members.get(email)) for email, language in fresh],
        ignore_conflicts=True,
    )
    return len(fresh)


# -- mailing -------------------------------------------------------------------------


def page_in(page, language):
    """The live version of the questionnaire in ``language``, else the page itself."""
    locale = Locale.objects.filter(language_code=language).first()
    translated = page.get_translation_or_none(locale) if locale else None
    if translated is not None and translated.live:
        return translated.specific
    return page


def mail(page, invitation, reminder):
    target = page_in(page, invitation.language)
    with translation.override(invitation.language):
        context = {
            "page": target, "reminder": reminder, "anonymised": target.anonymised,
            "link": absolute_url(target.get_url() or "/") + "?token=" + token_for(invitation),
            "closes_at": target.closes_at,
        }
        subject = (_("Reminder: %(title)s") if reminder else _("Invitation: %(title)s")) % {
            "title": target.title}
        body = render_to_string("monitoring/email/invitation.txt", context)
    return queue_mail(MailKind.SURVEY, invitation.email, subject, body,
                      language=invitation.language)


def open_invited_pages(now, key=None):
    """One live, open page per invited questionnaire (its translations share the key)."""
    pages = QuestionnairePage.objects.live().filter(mode=RespondentMode.INVITED).order_by("pk")
    if key is not None:
        pages = pages.filter(translation_key=key)
    chosen = {}
    for page in pages:
        if page.state(now) == PhaseState.OPEN:
            chosen.setdefault(page.translation_key, page)
    return list(chosen.values())


def send_due(now=None, key=None, remind_now=False):
    """Mail the invitations and reminders that are due; returns (invitations, reminders).

    ``remind_now`` (an editor's button) reminds everyone who has not answered,
    whatever the interval, within the number of reminders allowed.
    """
    now = now or timezone.now()
    invited = reminded = 0
    for page in open_invited_pages(now, key):
        waiting = Invitation.objects.filter(questionnaire_key=page.translation_key, completed=False)
        for invitation in waiting.filter(invited_at__isnull=True):
            with transaction.atomic():
                if waiting.filter(pk=invitation.pk, invited_at__isnull=True).update(
                        invited_at=now, last_mailed_at=now):
                    mail(page, invitation, reminder=False)
                    invited += 1
        cutoff = now if remind_now else now - dt.timedelta(days=page.reminder_days)
        due = waiting.filter(invited_at__isnull=False, reminders_sent__lt=page.max_reminders,
                             last_mailed_at__lte=cutoff)
        if remind_now:
            due = due.filter(last_mailed_at__lt=now)
        for invitation in due:
            with transaction.atomic():
                if waiting.filter(pk=invitation.pk, last_mailed_at=invitation.last_mailed_at,
                                  reminders_sent=invitation.reminders_sent).update(
                        last_mailed_at=now, reminders_sent=F("reminders_sent") + 1):
                    mail(page, invitation, reminder=True)
                    reminded += 1
    return invited, reminded
