"""Checking a certificate as an outside verifier would, and logging each check.

``check_token`` trusts nothing in the database but what the site publishes:
the signature is checked with the public key from the DID document, the
dates from the signed credential, and revocation from the signed status list
credential (its own signature checked, its bits decoded). The verification
page, the paste-a-credential form and the tests all use it.
"""

import dataclasses
import re
import zlib

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from learning.certificates import status
from learning.certificates.credential import credential_of
from learning.certificates.did import did_document
from learning.certificates.jose import InvalidCredential, verify
from learning.certificates.keys import SigningKeyError
from learning.models import VerificationResult

LIST_URL_RE = re.compile(r"^(?P<url>.+/certificates/status/(?P<number>\d{1,6}))$")


@dataclasses.dataclass
class Outcome:
    result: str
    credential: dict | None = None
    detail: str = ""

    @property
    def subject_name(self):
        identifiers = (self.credential or {}).get("credentialSubject", {}).get("identifier", [])
        return next((item.get("identityHash", "") for item in identifiers
                     if isinstance(item, dict) and item.get("identityType") == "name"), "")

    @property
    def achievement_name(self):
        subject = (self.credential or {}).get("credentialSubject", {})
        return subject.get("achievement", {}).get("name", "")

    @property
    def valid_from(self):
        return _date((self.credential or {}).get("validFrom"))

    @property
    def valid_until(self):
        return _date((self.credential or {}).get("validUntil"))


def _date(value):
    return parse_datetime(value) if isinstance(value, str) else None


def check_token(token, now=None):
    """The ``Outcome`` of checking a compact JWT against what the site publishes."""
    now = now or timezone.now()
    document = did_document()
    try:
        payload = verify(token, document)
    except InvalidCredential as exc:
        return Outcome(VerificationResult.INVALID, detail=str(exc))
    credential = credential_of(payload)
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_id != document["id"] or payload.get("iss") != document["id"]:
        return Outcome(VerificationResult.INVALID, detail="another issuer")
    if "OpenBadgeCredential" not in (credential.get("type") or []):
        return Outcome(VerificationResult.INVALID, detail="not an OpenBadgeCredential")
    valid_from = _date(credential.get("validFrom"))
    if valid_from is None or valid_from > now:
        return Outcome(VerificationResult.INVALID, credential, "not valid yet")
    if revoked(credential.get("credentialStatus"), document):
        return Outcome(VerificationResult.REVOKED, credential)
    valid_until = _date(credential.get("validUntil"))
    if credential.get("validUntil") is not None and (valid_until is None or valid_until <= now):
        return Outcome(VerificationResult.EXPIRED, credential)
    return Outcome(VerificationResult.VALID, credential)


def revoked(entry, document):
    """True when the status list the entry names has its bit set (or cannot be read).

    A credential whose status cannot be established is not accepted as valid.
    """
    if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
        return True
    match = LIST_URL_RE.match(str(entry.get("statusListCredential", "")))
    if match is None or entry.get("statusPurpose") != status.PURPOSE:
        return True
    number = int(match["number"])
    if match["url"] != status.list_url(number):
        return True
    try:
        index = int(entry.get("statusListIndex"))
        try:
            listed = verify(status.signed_list(number), document)
        except SigningKeyError:
            # The key is gone (being replaced): the list as it would be published.
            listed = status.list_credential(number)
        bits = status.decode(listed["credentialSubject"]["encodedList"])
        return status.bit_is_set(bits, index)
    except (InvalidCredential, KeyError, TypeError, ValueError, OSError, EOFError, zlib.error):
        return True


def check_certificate(certificate, via, now=None):
    """Check a stored certificate's signed credential and log the check."""
    outcome = check_token(certificate.jwt, now)
    log(certificate.code, outcome, via, certificate)
    return outcome


def log(code, outcome, via, certificate=None):
    from learning.models import CertificateVerification

    CertificateVerification.objects.create(
        code=str(code)[:100], certificate=certificate, result=outcome.result, via=via,
        detail=outcome.detail[:200])
