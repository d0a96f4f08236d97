"""A certificate as an Open Badges 3.0 ``OpenBadgeCredential`` (W3C VC Data Model 2.0).

Built from the ``Certificate`` row alone (and the programme in the
certificate's language), so the JWT, the JSON, the PDF and the verification
page say the same thing. The learner is named by an ``IdentityObject`` of
type ``name`` (unhashed: the certificate is meant to be shown), the only
personal data in it.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from learning.certificates.did import issuer_did
from learning.certificates.status import iso, status_entry_claim

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
SCHEMA = {
    "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
          "ob_v3p0_achievementcredential_schema.json",
    "type": "1EdTechJsonSchemaValidator2019",
}


def programme_in(programme, language):
    """The programme's live translation in ``language``, else the programme itself."""
    from learning.enrolment import in_locale

    locale = Locale.objects.filter(language_code=language).first()
    return in_locale(programme, locale) if locale else programme


def certificate_title(programme):
    return programme.certificate_title or programme.title


def criteria_narrative(rule):
    """What the programme asked of every learner (the rule as it stood), in the active language."""
    parts = []
    if rule.get("lessons"):
        parts.append(_("every lesson of the programme done"))
    if rule.get("quizzes"):
        parts.append(_("every quiz passed"))
    if rule.get("attendance_percent"):
        parts.append(_("at least %(percent)s%% of the sessions attended")
                     % {"percent": rule["attendance_percent"]})
    if rule.get("signoff"):
        parts.append(_("signed off by a facilitator or mentor"))
    hours = rule.get("mentoring_hours")
    if hours and float(hours):
        parts.append(_("at least %(hours)s hours of mentoring") % {"hours": hours})
    if not parts:
        return _("Completed the programme.")
    text = "; ".join(parts)
    return _("Completed the programme: %(parts)s.") % {"parts": text}


def verification_url(certificate):
    return settings.SITE_URL + certificate.get_absolute_url()


def credential_for(certificate):
    """The unsigned credential of ``certificate`` (a dict, ready for JSON)."""
    programme = programme_in(certificate.programme, certificate.language)
    with translation.override(certificate.language):
        narrative = criteria_narrative(certificate.completion.rule)
        title = certificate_title(programme)
    achievement = {
        "id": f"urn:uuid:{certificate.programme_key}",
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": title,
        "description": (getattr(programme, "summary", "") or programme.title)[:1000],
        "criteria": {"narrative": narrative},
        "inLanguage": certificate.language,
    }
    credential = {
        "@context": CONTEXT,
        "id": verification_url(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_did(), "type": ["Profile"], "name": settings.WAGTAIL_SITE_NAME,
                   "url": settings.SITE_URL},
        "name": title,
        "validFrom": iso(certificate.valid_from),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityType": "name", "hashed": False,
                            "identityHash": certificate.learner_name}],
            "achievement": achievement,
        },
        "credentialSchema": [SCHEMA],
    }
    if certificate.valid_until:
        credential["validUntil"] = iso(certificate.valid_until)
    if certificate.status_entry_id:
        credential["credentialStatus"] = status_entry_claim(certificate.status_entry)
    return credential


def jwt_payload(credential, signed_at):
    """The credential plus the JWT claims a plain JOSE library checks (dates as seconds)."""
    from django.utils.dateparse import parse_datetime

    payload = dict(credential)
    payload.update({
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "iat": int(signed_at.timestamp()),
        "nbf": int(parse_datetime(credential["validFrom"]).timestamp()),
    })
    if "validUntil" in credential:
        payload["exp"] = int(parse_datetime(credential["validUntil"]).timestamp())
    return payload


def credential_of(payload):
    """The credential inside a JWT payload (the registered claims taken out)."""
    return {key: value for key, value in payload.items()
            if key not in {"iss", "jti", "iat", "nbf", "exp", "sub"}}
