"""A learner finishes the last lesson, gets the certificate, and it is verified from its QR link.

Continues the learning flow (enrol, lessons, quiz, booking: tests/e2e of the
learning pages) from a learner enrolled with one lesson to go. The address
the QR code carries is printed beside it on the PDF: the test reads it from
the PDF's text, opens it in the browser and sees the certificate checked;
then a tampered copy of the credential is pasted into the check form and
refused. No Content-Security-Policy violation on the way.
"""

import base64
import io
import json
import re

import pytest
from pypdf import PdfReader

from learning.enrolment import enrol
from tests.learning.builders import build_index, make_lesson, make_programme
from tests.learning.certificate_builders import use_new_signing_key
from tests.network.factories import PASSWORD, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (event) => window.__csp.push(
    [event.effectiveDirective, event.blockedURI]));
"""


def no_violation(page):
    assert page.evaluate("window.__csp") == []


def test_certificate_from_the_last_lesson_to_the_verification_page(page, live_server, settings,
                                                                  tmp_path):
    settings.SITE_URL = live_server.url
    use_new_signing_key(settings, tmp_path)
    index = build_index()
    programme = make_programme(index["bg"], title="Експерт по кръгова икономика",
                               certificate_title="Сертифициран експерт по кръгова икономика")
    from tests.factories import translate

    translate(programme, "en", title="Circular-economy expert",
              certificate_title="Certified circular-economy expert")
    lesson = make_lesson(programme, title="Урок: кръгови модели", slug="circular-models")
    learner = make_member(name="Мария Иванова", language="en")
    enrol(programme, learner)
    page.context.add_init_script(RECORD)

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("#id_login").fill(learner.user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form").get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_load_state()

    # The lesson exists in Bulgarian only: its page speaks Bulgarian, whatever the learner's language.
    page.goto(f"{live_server.url}{lesson.url}")
    page.get_by_role("button", name="Отбележи урока като преминат").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/en/learning/certificates/")
    card = page.locator(".card").first
    assert "Certified circular-economy expert" in card.inner_text()
    no_violation(page)
    pdf_link = card.get_by_role("link", name="English")
    with page.expect_download() as download:
        pdf_link.click()
    text = " ".join(PdfReader(io.BytesIO(download.value.path().read_bytes()))
                    .pages[0].extract_text().split())
    assert "Мария Иванова" in text and "Certified circular-economy expert" in text
    qr_link = re.search(r"(http://\S+/certificates/[A-Z0-9]{12}/)", text).group(1)
    assert qr_link.startswith(live_server.url)

    page.goto(qr_link)
    assert re.search(r"/en/certificates/[A-Z0-9]{12}/$", page.url)
    outcome = page.get_by_role("region", name="Valid certificate")
    assert outcome.is_visible()
    assert "Мария Иванова" in outcome.inner_text()
    assert "Certified circular-economy expert" in outcome.inner_text()
    no_violation(page)

    token = page.request.get(qr_link.rstrip("/") + ".jwt").text()
    head, body, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["validUntil"] = "2099-01-01T00:00:00Z"
    forged = ".".join([head, base64.urlsafe_b64encode(json.dumps(claims).encode()).decode()
                       .rstrip("="), signature])
    page.get_by_role("link", name="Check a credential you were given").click()
    page.get_by_label("Signed credential (JWT)").fill(forged)
    page.get_by_role("button", name="Check").click()
    assert page.get_by_role("region", name="Not a valid certificate").is_visible()
    page.get_by_label("Signed credential (JWT)").fill(token)
    page.get_by_role("button", name="Check").click()
    assert page.get_by_role("region", name="Valid certificate").is_visible()
    no_violation(page)
