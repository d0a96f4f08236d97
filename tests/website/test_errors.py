"""The 500 page says the team was told only when it was; error reports never wait for SMTP."""

import logging
import subprocess
import sys

import pytest
from django.test import Client

from tests.website.test_settings import PRODUCTION_ENV, ROOT
from website.error_mail import QueuedAdminEmailHandler
from website.models import MailKind, MailStatus, OutgoingMail

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.website.error_urls")]


@pytest.fixture
def reports_mailed(settings):
    """What the production logging does when ADMINS is set (checked in a subprocess below)."""
    settings.ADMINS = [("Ops Team", "ops@example.org")]
    handler = QueuedAdminEmailHandler()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield
    logger.removeHandler(handler)


def broken(client=None):
    return (client or Client(raise_request_exception=False)).get("/broken/")


def test_without_admins_the_error_page_does_not_claim_the_team_was_told(settings):
    settings.ADMINS = []
    response = broken()
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page and "Please try again in a moment." in page
    assert "has been told" not in page and "уведомен" not in page and "ενημερώθηκε" not in page
    assert not OutgoingMail.objects.exists()


def test_with_admins_the_report_is_queued_even_with_the_mail_server_down(
    reports_mailed, dead_smtp, working_smtp, django_capture_on_commit_callbacks
):
    """SMTP really down (connection refused on loopback): the 500 still answers at once."""
    with django_capture_on_commit_callbacks(execute=True):
        response = broken()
    assert response.status_code == 500
    page = response.content.decode()
    assert "The team has been told" in page and "Екипът е уведомен" in page
    report = OutgoingMail.objects.get(kind=MailKind.ERRORS)
    assert report.to == ["Ops Team <ops@example.org>"]
    assert "RuntimeError" in report.body and "/broken/" in report.subject
    assert report.status == MailStatus.QUEUED and "refused" in report.last_error.lower()


def test_admins_come_from_the_environment_and_route_reports_to_the_queue(tmp_path):
    code = (
        "import logging; from django.conf import settings; "
        "print(settings.ADMINS); "
        "print([type(h).__name__ for h in logging.getLogger('django.request').handlers]); "
        "print([type(h).__name__ for h in logging.getLogger('django').handlers])"
    )
    env = {**PRODUCTION_ENV, "VAR_DIR": str(tmp_path),
           "ADMINS": '"Petrova, Ana" <ana@example.org>, ops@example.org, not-an-address'}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, capture_output=True,
        text=True, timeout=120, env={**_base_env(), **env},
    )
    assert result.returncode == 0, result.stderr
    admins, request_handlers, django_handlers = result.stdout.strip().splitlines()[-3:]
    assert admins == "[('Petrova, Ana', 'ana@example.org'), ('ops@example.org', 'ops@example.org')]"
    assert request_handlers == "['QueuedAdminEmailHandler']"
    assert "AdminEmailHandler" not in django_handlers  # Django's synchronous one is gone


def _base_env():
    import os

    skip = {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "ADMINS"}
    return {k: v for k, v in os.environ.items() if k not in skip}
