"""Issuing, re-issuing and revoking certificates: the only code that writes them.

A completion earns one certificate (``issue``, run after the completion's
commit by the ``programme_completed`` signal, and by the certificates sweep
for any completion still without one, e.g. while the key was missing). Each
change is signed at once, so the stored JWT is always the certificate's
current state; the learner is mailed and their search document refreshed.

``reissue`` signs the certificate again with the same id, code and URL (after
a key rotation, a corrected name, or to reinstate a revoked one); ``revoke``
needs a reason and sets the certificate's bit in the status list.
"""

import calendar
import logging
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from learning.certificates import status
from learning.certificates.credential import credential_for, jwt_payload
from learning.certificates.jose import sign
from learning.certificates.keys import SigningKeyError, current_signing_key
from learning.mailing import mail_member
from search.sync import object_changed

logger = logging.getLogger(__name__)
# Crockford-like base32 without 0/O, 1/I/L: 12 characters are 60 random bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(value):
    return "".join(str(value).split()).replace("-", "").upper()[:CODE_LENGTH + 8]


def add_months(moment, months):
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _sign_into(certificate, now):
    token, record = sign(jwt_payload(credential_for(certificate), now))
    certificate.jwt, certificate.signing_key, certificate.signed_at = token, record, now


def _after_change(certificate):
    learner = certificate.learner
    transaction.on_commit(lambda: object_changed(learner))


def issue(completion):
    """The completion's certificate, issued now if it has none; raises ``SigningKeyError``."""
    from learning.models import Certificate, Completion

    with transaction.atomic():
        completion = (Completion.objects.select_for_update()
                      .select_related("enrolment__learner", "enrolment__programme")
                      .get(pk=completion.pk))
        existing = Certificate.objects.filter(completion=completion).first()
        if existing is not None:
            return existing
        _key, record = current_signing_key()  # before any write: no key, no half certificate
        enrolment = completion.enrolment
        programme, learner = enrolment.programme, enrolment.learner
        now = timezone.now()
        months = programme.certificate_valid_months
        certificate = Certificate(
            completion=completion, learner=learner, programme=programme,
            programme_key=programme.translation_key, learner_name=learner.name,
            language=learner.mail_language, valid_from=completion.completed_at,
            valid_until=add_months(completion.completed_at, months) if months else None,
            issued_at=now, signed_at=now, signing_key=record,
        )
        _save_with_new_code(certificate)
        certificate.status_entry = status.allocate(certificate)
        _sign_into(certificate, now)
        certificate.save()
        mail_member(learner, "certificate_issued", {"certificate": certificate},
                    "learning:certificates")
        _after_change(certificate)
    return certificate


def _save_with_new_code(certificate):
    for _attempt in range(10):
        certificate.code = new_code()
        try:
            with transaction.atomic():
                certificate.save()
            return
        except IntegrityError:  # the code was drawn before (the completion is locked)
            certificate.pk = None
    raise RuntimeError("could not draw a free certificate code")


def reissue(certificate, user=None):
    """Sign ``certificate`` again, keeping its id and URL; a revoked one is reinstated."""
    from learning.models import Certificate

    with transaction.atomic():
        # Only the certificate's row is locked: PostgreSQL refuses FOR UPDATE on the
        # nullable side of the outer joins that select_related makes.
        certificate = Certificate.objects.select_for_update(of=("self",)).select_related(
            "learner", "status_entry", "completion").get(pk=certificate.pk)
        now = timezone.now()
        if certificate.revoked_at is not None:
            # Its old entry stays revoked, so the revoked copy stays rejected.
            certificate.status_entry = status.allocate(certificate)
            certificate.revoked_at, certificate.revocation_reason = None, ""
            certificate.revoked_by = None
        certificate.learner_name = certificate.learner.name
        certificate.reissue_count += 1
        _sign_into(certificate, now)
        certificate.save()
        _after_change(certificate)
    logger.info("certificate %s re-issued by %s", certificate.code, user)
    return certificate


def revoke(certificate, reason, user=None):
    """Revoke with a reason (required); True if it was revoked now, False if it already was."""
    from learning.models import Certificate, StatusEntry

    reason = (reason or "").strip()
    if not reason:
        raise ValueError("a reason is required")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update(of=("self",)).select_related(
            "learner").get(pk=certificate.pk)
        if certificate.revoked_at is not None:
            return False
        now = timezone.now()
        certificate.revoked_at, certificate.revocation_reason = now, reason
        certificate.revoked_by = user if user is not None and user.is_authenticated else None
        certificate.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
        StatusEntry.objects.filter(certificate=certificate, revoked_at__isnull=True).update(
            revoked_at=now)
        mail_member(certificate.learner, "certificate_revoked", {"certificate": certificate},
                    "learning:certificates")
        _after_change(certificate)
    logger.info("certificate %s revoked by %s", certificate.code, user)
    return True


def revoke_entries_of_deleted(certificate):
    """A certificate deleted with its holder's account: its bits are set, its copies rejected."""
    from learning.models import StatusEntry

    StatusEntry.objects.filter(certificate=certificate, revoked_at__isnull=True).update(
        revoked_at=timezone.now())


def issue_after_completion(sender, completion, **_kwargs):
    """``programme_completed`` receiver: issue now; when that fails, the sweep issues later."""
    try:
        issue(completion)
    except SigningKeyError:
        logger.error("certificate for completion %s not issued: no signing key", completion.pk)
    except Exception:  # noqa: BLE001 - the completion stands; the sweep retries the certificate
        logger.exception("certificate for completion %s not issued", completion.pk)
