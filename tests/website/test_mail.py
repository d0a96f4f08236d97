"""The outgoing-mail queue: stored in the caller's transaction, sent once, retried, given up on.

Sending uses Django's in-memory backend (``mail.outbox``) or, for a dead mail
server, the real SMTP backend aimed at a closed loopback port (``dead_smtp``).
"""

import datetime as dt
import logging
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from website import mail as outgoing
from website.models import MailKind, MailStatus, OutgoingMail

pytestmark = pytest.mark.django_db


def queue(**fields):
    fields.setdefault("to", ["ana@example.org"])
    fields.setdefault("subject", "Hello")
    fields.setdefault("body", "Text")
    return outgoing.queue_mail(MailKind.MODERATION, fields.pop("to"), fields.pop("subject"),
                               fields.pop("body"), **fields)


def test_header_safe_collapses_line_breaks_and_control_characters():
    assert outgoing.header_safe("A\r\nBcc: x@y\x00\tz\u2028w") == "A Bcc: x@y z w"
    long = outgoing.header_safe("x" * 500)
    assert len(long) == outgoing.SUBJECT_LIMIT and long.endswith("…")


def test_mail_is_sent_after_commit_and_not_at_all_on_rollback(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        row = queue(subject="Line one\r\nBcc: spy@evil.example", reply_to=["b@example.org"],
                    language="en")
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "Line one Bcc: spy@evil.example" and sent.bcc == []
    assert sent.reply_to == ["b@example.org"]
    assert sent.extra_headers["Content-Language"] == "en"
    row.refresh_from_db()
    assert row.status == MailStatus.SENT and row.sent_at and row.attempts == 1

    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue(subject="Never")
        raise RuntimeError("the caller's save failed")
    assert mail.outbox == [] and not OutgoingMail.objects.filter(subject="Never").exists()


def test_a_dead_mail_server_leaves_the_mail_queued_with_a_backoff(
    dead_smtp, working_smtp, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        row = queue()
    row.refresh_from_db()
    assert row.status == MailStatus.QUEUED and row.attempts == 1
    assert "ConnectionRefusedError" in row.last_error
    assert row.next_attempt_at >= before + dt.timedelta(minutes=1)
    assert outgoing.send_due() == 0  # not due yet
    working_smtp()
    assert outgoing.send_due(now=row.next_attempt_at) == 1
    assert outgoing.send_due(now=row.next_attempt_at + dt.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_after_max_attempts_the_mail_is_failed_and_logged(dead_smtp, caplog):
    row = queue()
    now = timezone.now()
    for _ in range(outgoing.MAX_ATTEMPTS):
        assert outgoing.deliver(row.pk, now=now) is False
        row.refresh_from_db()
        now = row.next_attempt_at
    assert row.status == MailStatus.FAILED and row.attempts == outgoing.MAX_ATTEMPTS
    assert "gave up" in caplog.text
    assert outgoing.send_due(now=now + dt.timedelta(days=30)) == 0
    assert outgoing.retry_failed() == 1
    assert OutgoingMail.objects.get(pk=row.pk).status == MailStatus.QUEUED


def test_a_row_being_sent_is_not_sent_again():
    row = queue()
    OutgoingMail.objects.filter(pk=row.pk).update(status=MailStatus.SENDING,
                                                  claimed_at=timezone.now())
    assert outgoing.deliver(row.pk) is False
    assert outgoing.send_due() == 0
    assert mail.outbox == []
    # A worker that died mid-send: after STALE_AFTER the row goes back to the queue.
    later = timezone.now() + outgoing.STALE_AFTER + dt.timedelta(minutes=1)
    assert outgoing.send_due(now=later) == 1 and len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_a_row_exactly_once():
    row = queue()  # autocommit: sent at once by the immediate task backend
    mail.outbox.clear()
    OutgoingMail.objects.filter(pk=row.pk).update(status=MailStatus.QUEUED, sent_at=None)
    start, results = threading.Barrier(4), []

    def worker():
        start.wait()
        try:
            results.append(outgoing.deliver(row.pk))
        finally:
            from django.db import connection

            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]
    assert len(mail.outbox) == 1


def test_request_time_sweep_hands_due_mail_to_the_queue_at_most_once_a_minute(
    dead_smtp, working_smtp
):
    from django.core.cache import cache

    cache.delete(outgoing.SWEEP_KEY)
    row = queue()
    outgoing.deliver(row.pk)  # fails: the server is down
    OutgoingMail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    working_smtp()
    assert outgoing.sweep_mail_queue() is True  # the immediate backend sends at once
    assert OutgoingMail.objects.get(pk=row.pk).status == MailStatus.SENT
    assert outgoing.sweep_mail_queue() is None  # not again within the minute
    cache.delete(outgoing.SWEEP_KEY)
    assert outgoing.sweep_mail_queue() is False  # nothing due


def test_command_sends_due_mail_and_reports(capsys):
    row = queue()
    OutgoingMail.objects.filter(pk=row.pk).update(status=MailStatus.FAILED)
    call_command("send_queued_mail", "--retry-failed")
    out = capsys.readouterr().out
    assert "1 failed e-mails queued again" in out and "1 e-mails sent" in out


def test_forgetting_an_address_deletes_its_mail_only():
    mine = queue(to=["Ana <Ana@Example.org>"])
    replied = queue(to=["b@example.org"], reply_to=["ana@example.org"])
    other = queue(to=["joana@example.org"])
    assert outgoing.forget_address("ana@example.org") == 2
    assert list(OutgoingMail.objects.values_list("pk", flat=True)) == [other.pk]
    assert not OutgoingMail.objects.filter(pk__in=[mine.pk, replied.pk]).exists()


def test_a_mail_failure_is_logged_not_raised(dead_smtp, caplog):
    caplog.set_level(logging.WARNING, logger="website.mail")
    row = queue()
    assert outgoing.deliver(row.pk) is False
    assert "not sent (attempt 1)" in caplog.text
