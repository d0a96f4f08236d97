"""Consultation comments are moderated through the shared ``Moderated`` base and its admin.

The base (``website.models.moderation``) and ``website.viewsets.ModeratedViewSet``
are what every members' submission uses; these tests fail when the comments
keep a moderation model of their own, or when the shared decision pages let an
editor rewrite a member's words.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import monitoring.models
from monitoring.models import ConsultationComment
from tests.monitoring.builders import make_consultation, section
from tests.network.factories import make_member
from website.choices import Status
from website.models.moderation import Moderated

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def page(home):
    return make_consultation(home, draft=[section("1", "Access to new markets")],
                             comments_from=NOW - dt.timedelta(days=1),
                             comments_until=NOW + dt.timedelta(days=10))


def comment_on(page, member, **fields):
    fields.setdefault("body", "A comment")
    return ConsultationComment.objects.create(
        consultation_key=page.consultation_key, page=page, section="1", member=member,
        language="en", submitted_at=NOW, **fields)


def test_comments_use_the_shared_base_and_no_copy_of_it():
    assert issubclass(ConsultationComment, Moderated)
    assert not [name for name in dir(monitoring.models) if name.startswith("Moderated")]
    assert ConsultationComment.approve is Moderated.approve
    assert ConsultationComment.reject is Moderated.reject


def test_public_comments_are_approved_ones_of_public_members(page):
    shown = comment_on(page, make_member(), status=Status.APPROVED)
    comment_on(page, make_member(), status=Status.PENDING)
    comment_on(page, make_member(listed=False), status=Status.APPROVED)
    comment_on(page, make_member(status=Status.PENDING), status=Status.APPROVED)
    assert list(ConsultationComment.objects.public()) == [shown]


def test_the_decision_page_names_the_submission_and_the_decision_is_mailed(
        editor_client, page, django_capture_on_commit_callbacks):
    comment = comment_on(page, make_member(contact_email="m@rodopa.example"),
                         body="Joint export missions.")
    url = reverse("monitoring_comments:approve", args=[comment.pk])
    html = editor_client.get(url).content.decode()
    assert "Joint export missions." in html and comment.submission_token in html
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, {"seen": comment.submission_token})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED and comment.approved_at
    assert mail.outbox[-1].to == ["m@rodopa.example"]
    # Nothing left to decide: approving again changes nothing and mails nobody.
    sent = len(mail.outbox)
    approved_at = comment.approved_at
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, {"seen": comment.submission_token}).status_code == 302
    comment.refresh_from_db()
    assert comment.approved_at == approved_at and len(mail.outbox) == sent


def test_a_rejection_keeps_its_reason_and_an_empty_reason_changes_nothing(
        editor_client, page, django_capture_on_commit_callbacks):
    comment = comment_on(page, make_member(contact_email="m@rodopa.example"))
    url = reverse("monitoring_comments:reject", args=[comment.pk])
    response = editor_client.post(url, {"reason": "  ", "seen": comment.submission_token})
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == Status.PENDING and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, {"reason": "Off topic.", "seen": comment.submission_token})
    comment.refresh_from_db()
    assert (comment.status, comment.rejection_reason) == (Status.REJECTED, "Off topic.")
    assert "Off topic." in mail.outbox[-1].body


def test_listing_offers_decisions_but_no_form_to_rewrite_a_comment(editor_client, page):
    comment = comment_on(page, make_member(), body="Words of the member.")
    listing = editor_client.get(reverse("monitoring_comments:index")).content.decode()
    assert reverse("monitoring_comments:approve", args=[comment.pk]) in listing
    assert reverse("monitoring_comments:reject", args=[comment.pk]) in listing
    assert reverse("monitoring_comments:edit", args=[comment.pk]) not in listing
    edit = reverse("monitoring_comments:edit", args=[comment.pk])
    assert editor_client.post(edit, {"body": "Rewritten."}).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Words of the member."


def test_only_those_with_the_moderation_permission_decide(client, page):
    comment = comment_on(page, make_member())
    staff = get_user_model().objects.create_user("staff", "s@example.org", "pw", is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(*Permission.objects.filter(
        codename__in=["access_admin", "view_consultationcomment"]))
    client.force_login(staff)
    url = reverse("monitoring_comments:approve", args=[comment.pk])
    assert client.post(url, {"seen": comment.submission_token}).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
