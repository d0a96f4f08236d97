"""Certificates checked from outside: PyJWT (not joserfc, which signs) against the DID document
the site serves, the status list the site serves, and the public pages.
"""

import base64
import datetime as dt
import gzip
import json
import stat

import jwt as pyjwt
import pytest
from django.core.management import call_command
from django.utils import timezone

from learning.certificates import issuing
from learning.models import Certificate, CertificateVerification, SigningKey
from tests.learning.builders import make_programme
from tests.learning.certificate_builders import (
    completed_enrolment,
    issued_certificate,
    use_new_signing_key,
)

pytestmark = pytest.mark.django_db
DID = "did:web:testserver"


@pytest.fixture(autouse=True)
def signing_key(settings, tmp_path):
    settings.SITE_URL = "http://testserver"
    return use_new_signing_key(settings, tmp_path)


def did_document(client):
    response = client.get("/.well-known/did.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+json"
    return response.json()


def public_key(document, kid):
    [method] = [m for m in document["verificationMethod"] if m["id"] == kid]
    assert kid in document["assertionMethod"]
    assert method["publicKeyJwk"]["kty"] == "OKP" and method["publicKeyJwk"]["crv"] == "Ed25519"
    return pyjwt.PyJWK(method["publicKeyJwk"], algorithm="EdDSA").key


def verify_outside(client, token, **options):
    """What any verifier does: the header's kid, the key from did.json, PyJWT's checks."""
    header = pyjwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA" and header["typ"] == "vc+jwt"
    key = public_key(did_document(client), header["kid"])
    return pyjwt.decode(token, key, algorithms=["EdDSA"], issuer=DID, **options)


def status_bit(client, entry):
    """Fetch and check the status list credential, decode its bits, read the entry's bit."""
    url = entry["statusListCredential"].removeprefix("http://testserver")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    listed = verify_outside(client, response.content.decode())
    subject = listed["credentialSubject"]
    assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) * 8 >= 131_072
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def fetch_jwt(client, certificate):
    response = client.get(f"/certificates/{certificate.code}.jwt")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    return response.content.decode()


def test_the_credential_verifies_with_the_key_from_the_did_document(client, index):
    certificate = issued_certificate(index)
    payload = verify_outside(client, fetch_jwt(client, certificate))
    assert payload["@context"][:2] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    assert payload["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert payload["issuer"] == {"id": DID, "type": ["Profile"], "name": "Competence Hub",
                                 "url": "http://testserver"}
    assert payload["id"] == f"http://testserver/certificates/{certificate.code}/"
    subject = payload["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"][0]["identityHash"] == "Мария Иванова"
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["name"] == "Сертифициран експерт по кръгова икономика"
    assert achievement["criteria"]["narrative"]
    assert "validUntil" not in payload and "exp" not in payload
    status = payload["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    assert status["id"] == f"{status['statusListCredential']}#{status['statusListIndex']}"
    assert status_bit(client, status) is False
    # The JSON address is the same record, decoded.
    decoded = client.get(f"/certificates/{certificate.code}.json").json()
    assert decoded == {key: value for key, value in payload.items()
                       if key not in {"iss", "jti", "iat", "nbf", "exp"}}


def test_a_tampered_credential_is_rejected_outside_and_on_the_site(client, index):
    certificate = issued_certificate(index)
    token = fetch_jwt(client, certificate)
    head, body, signature = token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    payload["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    forged_body = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    forged = f"{head}.{forged_body}.{signature}"
    with pytest.raises(pyjwt.InvalidSignatureError):
        verify_outside(client, forged)

    page = client.post("/en/certificates/verify/", {"token": forged})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Not a valid certificate" in html and "Someone Else" not in html
    good = client.post("/en/certificates/verify/", {"token": token}).content.decode()
    assert "Valid certificate" in good and "Мария Иванова" in good
    assert list(CertificateVerification.objects.filter(via="pasted").values_list(
        "result", flat=True).order_by("pk")) == ["invalid", "valid"]


def test_a_credential_signed_with_another_key_is_rejected(client, index, settings, tmp_path):
    certificate = issued_certificate(index)
    from joserfc import jws
    from joserfc.jwk import OKPKey

    stranger = OKPKey.generate_key("Ed25519")
    header = pyjwt.get_unverified_header(certificate.jwt)
    body = certificate.jwt.split(".")[1]
    payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    forged = jws.serialize_compact(header, payload, stranger, algorithms=["EdDSA"])
    with pytest.raises(pyjwt.InvalidSignatureError):
        verify_outside(client, forged)
    html = client.post("/en/certificates/verify/", {"token": forged}).content.decode()
    assert "Not a valid certificate" in html


def test_revoking_flips_the_status_list_bit_and_the_page_says_revoked(client, index,
                                                                       admin_user):
    certificate = issued_certificate(index)
    token = fetch_jwt(client, certificate)
    entry = verify_outside(client, token)["credentialStatus"]
    assert status_bit(client, entry) is False

    client.force_login(admin_user)
    refused = client.post(f"/admin/learning/certificates/{certificate.pk}/revoke/",
                          {"reason": "  "})
    assert refused.status_code == 400
    assert status_bit(client, entry) is False
    response = client.post(f"/admin/learning/certificates/{certificate.pk}/revoke/",
                           {"reason": "Plagiarised final project"})
    assert response.status_code == 302
    client.logout()

    assert status_bit(client, entry) is True
    # The signature still checks out: only the status list says it is revoked.
    verify_outside(client, token)
    page = client.get(f"/en/certificates/{certificate.code}/").content.decode()
    assert "Revoked certificate" in page and "Plagiarised" not in page
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Plagiarised final project"


def test_reissuing_keeps_the_id_and_url_and_the_revoked_copy_stays_revoked(client, index):
    certificate = issued_certificate(index)
    old_token = certificate.jwt
    old_entry = verify_outside(client, old_token)["credentialStatus"]
    issuing.revoke(certificate, "Issued by mistake")
    certificate = issuing.reissue(certificate)
    new_token = fetch_jwt(client, certificate)
    assert new_token != old_token
    new = verify_outside(client, new_token)
    assert new["id"] == f"http://testserver/certificates/{certificate.code}/"
    assert status_bit(client, old_entry) is True
    assert status_bit(client, new["credentialStatus"]) is False
    assert "Valid certificate" in client.get(
        f"/en/certificates/{certificate.code}/").content.decode()
    outcome = client.post("/en/certificates/verify/", {"token": old_token}).content.decode()
    assert "Revoked certificate" in outcome


def test_an_expired_certificate_shows_as_expired(client, index):
    completed = timezone.now() - dt.timedelta(days=400)
    certificate = issued_certificate(index, completed_at=completed, certificate_valid_months=12)
    token = fetch_jwt(client, certificate)
    with pytest.raises(pyjwt.ExpiredSignatureError):
        verify_outside(client, token)
    payload = verify_outside(client, token, options={"verify_exp": False})
    assert payload["validUntil"].startswith(str(completed.year + 1))
    html = client.get(f"/en/certificates/{certificate.code}/").content.decode()
    assert "Expired certificate" in html
    assert CertificateVerification.objects.get(via="page").result == "expired"


def test_the_page_shows_name_programme_and_date_only_and_logs_the_check(client, index):
    certificate = issued_certificate(index)
    response = client.get(f"/certificates/{certificate.code}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == f"/en/certificates/{certificate.code}/"
    html = client.get(response["Location"]).content.decode()
    assert "Valid certificate" in html
    assert "Мария Иванова" in html and "Сертифициран експерт по кръгова икономика" in html
    assert certificate.learner.user.email not in html
    verification = CertificateVerification.objects.get()
    assert (verification.code, verification.result, verification.via) == (
        certificate.code, "valid", "page")
    assert verification.certificate == certificate


def test_an_unknown_code_is_a_404_that_is_logged(client, index):
    response = client.get("/en/certificates/ABCDEFGHJKMN/")
    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()
    assert CertificateVerification.objects.get().result == "unknown"
    assert client.get("/certificates/ABCDEFGHJKMN.jwt").status_code == 404
    missing = client.get("/certificates/ABCDEFGHJKMN.json")
    assert missing.status_code == 404 and missing["Content-Type"].startswith("application/json")


def test_rotating_the_key_keeps_old_certificates_verifiable(client, index, settings, tmp_path):
    first = issued_certificate(index)
    use_new_signing_key(settings, tmp_path, "second-key.pem")
    second = issued_certificate(index, programme=first.programme)
    document = did_document(client)
    assert [m["id"] for m in document["verificationMethod"]] == [f"{DID}#key-1",
                                                                 f"{DID}#key-2"]
    assert pyjwt.get_unverified_header(first.jwt)["kid"] == f"{DID}#key-1"
    assert pyjwt.get_unverified_header(second.jwt)["kid"] == f"{DID}#key-2"
    verify_outside(client, fetch_jwt(client, first))
    verify_outside(client, fetch_jwt(client, second))
    assert SigningKey.objects.count() == 2


def test_without_the_key_the_page_still_verifies_and_the_status_list_says_try_later(
        client, index, settings, tmp_path):
    """The key file gone (being replaced): issued certificates still check, revocation still shows."""
    certificate = issued_certificate(index)
    entry = verify_outside(client, fetch_jwt(client, certificate))["credentialStatus"]
    list_path = entry["statusListCredential"].removeprefix("http://testserver")
    settings.CERTIFICATE_SIGNING_KEY = str(tmp_path / "absent.pem")

    assert "Valid certificate" in client.get(
        f"/en/certificates/{certificate.code}/").content.decode()
    unsigned = client.get(list_path, HTTP_ACCEPT_LANGUAGE="bg")
    assert unsigned.status_code == 503
    assert "опитайте отново" in unsigned.content.decode()
    issuing.revoke(certificate, "Grades withdrawn")
    assert "Revoked certificate" in client.get(
        f"/en/certificates/{certificate.code}/").content.decode()
    assert CertificateVerification.objects.filter(via="page").count() == 2


def test_a_host_with_a_port_encodes_the_colon(client, index, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    certificate = issued_certificate(index)
    assert pyjwt.get_unverified_header(certificate.jwt)["kid"] == (
        "did:web:127.0.0.1%3A8000#key-1")
    assert did_document(client)["id"] == "did:web:127.0.0.1%3A8000"


def test_ensure_signing_key_creates_an_owner_only_file_once(settings, tmp_path, capsys):
    path = tmp_path / "keys" / "signing.pem"
    settings.CERTIFICATE_SIGNING_KEY = str(path)
    call_command("ensure_signing_key")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = path.read_bytes()
    path.chmod(0o644)
    call_command("ensure_signing_key")
    assert path.read_bytes() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Kept" in capsys.readouterr().out


def test_without_a_key_no_certificate_is_issued_and_the_sweep_issues_it_later(
        index, settings, tmp_path, django_capture_on_commit_callbacks):
    from learning.certificates.sweep import sweep_certificates
    from learning.completion import record_completion
    from learning.enrolment import complete_lesson
    from tests.learning.builders import make_lesson
    from tests.network.factories import make_member

    settings.CERTIFICATE_SIGNING_KEY = str(tmp_path / "absent.pem")
    programme = make_programme(index["bg"], title="Кратък курс")
    lesson = make_lesson(programme)
    from learning.enrolment import enrol

    enrolment, _created = enrol(programme, make_member())
    with django_capture_on_commit_callbacks(execute=True):
        complete_lesson(enrolment, lesson)
    assert record_completion(enrolment) is not None
    assert not Certificate.objects.exists()

    use_new_signing_key(settings, tmp_path)
    assert sweep_certificates(force=True)[0] == 1
    assert Certificate.objects.get().completion.enrolment == enrolment


def test_completing_a_programme_issues_the_certificate_and_mails_the_learner(
        index, mailoutbox, django_capture_on_commit_callbacks):
    from learning.enrolment import complete_lesson, enrol
    from tests.learning.builders import make_lesson
    from tests.network.factories import make_member

    programme = make_programme(index["bg"], title="Дизайн мислене")
    lesson = make_lesson(programme)
    learner = make_member(name="Иван Петров", language="bg")
    enrolment, _created = enrol(programme, learner)
    with django_capture_on_commit_callbacks(execute=True):
        complete_lesson(enrolment, lesson)
    certificate = Certificate.objects.get()
    assert certificate.learner == learner and certificate.language == "bg"
    assert certificate.status_entry.index < 131_072
    [mail] = [m for m in mailoutbox if certificate.programme.title in m.subject]
    assert mail.to == [learner.user.email]
    assert "Вашият сертификат" in mail.subject
    assert f"/certificates/{certificate.code}/" in mail.body


def test_deleting_a_holder_revokes_the_copies_in_circulation(client, index):
    certificate = issued_certificate(index)
    token = certificate.jwt
    entry = verify_outside(client, token)["credentialStatus"]
    certificate.learner.user.delete()
    assert not Certificate.objects.exists()
    assert status_bit(client, entry) is True


def test_codes_are_twelve_unguessable_characters(index):
    first = issued_certificate(index)
    second = issued_certificate(index, programme=first.programme)
    for code in (first.code, second.code):
        assert len(code) == 12 and set(code) <= set(issuing.CODE_ALPHABET)
    assert first.code != second.code
    assert first.status_entry.index != second.status_entry.index


def test_one_completion_gets_one_certificate(index):
    programme = make_programme(index["bg"])
    completion = completed_enrolment(programme)
    assert issuing.issue(completion) == issuing.issue(completion)
    assert Certificate.objects.count() == 1
