"""Offers and needs: visibility, expiry, matching, digests and the contact relay."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from network import moderation
from network.choices import MessageStatus, PostCategory, PostKind, Status
from network.digest import send_match_digests
from network.matching import matches_for
from network.models import B2BPost, ContactMessage, MatchNotice
from network.relay import retry_pending
from tests.network.factories import make_member, make_post, make_region, submit

pytestmark = pytest.mark.django_db
TODAY = dt.date.today


def test_public_posts_are_approved_unexpired_of_public_members():
    good = make_post(title="good")
    make_post(title="pending", status=Status.PENDING)
    make_post(title="rejected", status=Status.REJECTED)
    make_post(title="expired", valid_until=timezone.localdate() - dt.timedelta(days=1))
    make_post(title="unlisted owner", member=make_member(listed=False))
    make_post(title="pending owner", member=make_member(status=Status.PENDING))
    assert list(B2BPost.objects.public()) == [good]


def test_expired_post_leaves_listings_by_itself(client):
    post = make_post(title="Short-lived", valid_until=timezone.localdate())
    assert "Short-lived" in client.get("/en/network/b2b/").content.decode()
    tomorrow = timezone.now() + dt.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        assert "Short-lived" not in client.get("/en/network/b2b/").content.decode()
        assert client.get(f"/en/network/b2b/{post.pk}/").status_code == 404


def test_matching_rules():
    sofia, varna = make_region("south-west", "SW"), make_region("north-east", "NE")
    offer = make_post(kind=PostKind.OFFER, category=PostCategory.PLASTIC_REGRIND,
                      waste_code="07 02 13", region=sofia, title="Regrind")
    same_code = make_post(kind=PostKind.NEED, category=PostCategory.OTHER_MATERIALS,
                          waste_code="07 02 13", region=sofia, title="same code")
    same_cat = make_post(kind=PostKind.NEED, category=PostCategory.PLASTIC_REGRIND,
                         region=None, title="same category anywhere")
    make_post(kind=PostKind.NEED, category=PostCategory.PLASTIC_REGRIND, region=varna,
              title="other region")
    make_post(kind=PostKind.NEED, category=PostCategory.PACKAGING, title="other category")
    make_post(kind=PostKind.OFFER, category=PostCategory.PLASTIC_REGRIND, title="same kind")
    make_post(kind=PostKind.NEED, category=PostCategory.PLASTIC_REGRIND, title="pending",
              status=Status.PENDING)
    make_post(kind=PostKind.NEED, category=PostCategory.PLASTIC_REGRIND, title="expired",
              valid_until=timezone.localdate() - dt.timedelta(days=1))
    make_post(kind=PostKind.NEED, category=PostCategory.PLASTIC_REGRIND, title="own",
              member=offer.member)
    assert matches_for(offer) == [same_code, same_cat]
    assert offer in matches_for(same_code)


def test_post_page_shows_matches_both_ways(client):
    offer = make_post(kind=PostKind.OFFER, title="Cotton off-cuts")
    need = make_post(kind=PostKind.NEED, title="Looking for cotton")
    html = client.get(f"/en/network/b2b/{offer.pk}/").content.decode()
    assert "Looking for cotton" in html
    html = client.get(f"/en/network/b2b/{need.pk}/").content.decode()
    assert "Cotton off-cuts" in html


def test_bad_post_input_rerenders(member_client):
    response = submit(member_client, "/en/network/b2b/new/", {
        "kind": "offer", "title": "", "category": "nope", "waste_code": "1234",
        "valid_until": "2000-01-01", "quantity": "-3",
    })
    assert response.status_code == 200
    assert {"title", "category", "waste_code", "valid_until", "quantity", "description"} <= set(
        response.context["form"].errors
    )
    assert not B2BPost.objects.exists()


def test_approval_records_matches_and_digest_is_daily():
    offer = make_post(kind=PostKind.OFFER, title="Off-cuts")
    need = make_post(kind=PostKind.NEED, title="Need off-cuts", status=Status.PENDING)
    mail.outbox.clear()
    moderation.approve(need)
    assert MatchNotice.objects.filter(post=offer, match=need).exists()
    assert MatchNotice.objects.filter(post=need, match=offer).exists()
    mail.outbox.clear()
    assert send_match_digests() == 2
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([offer.member.user.email, need.member.user.email])
    # A new match the same day waits for tomorrow's digest.
    third = make_post(kind=PostKind.NEED, title="Another need", status=Status.PENDING)
    moderation.approve(third)
    mail.outbox.clear()
    assert send_match_digests() == 1  # only the new member; the offer's owner had one today
    assert mail.outbox[0].to == [third.member.user.email]
    mail.outbox.clear()
    later = timezone.now() + dt.timedelta(days=1)
    assert send_match_digests(now=later) >= 1
    assert [m.to for m in mail.outbox] == [[offer.member.user.email]]
    assert "Another need" in mail.outbox[0].body


def test_contact_relay_hides_addresses_and_uses_reply_to(
        member_client, django_capture_on_commit_callbacks):
    recipient = make_member(name="Recipient Ltd")
    post = make_post(member=recipient, title="Spare pallets")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(
            member_client, f"/en/network/members/{recipient.slug}/contact/?post={post.pk}",
            {"subject": "Your pallets", "body": "Can we take them?", "post": post.pk},
        )
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.status == MessageStatus.SENT
    sent = mail.outbox[0]
    assert sent.to == [recipient.user.email]
    assert sent.reply_to == [member_client.member.user.email]
    assert member_client.member.user.email not in sent.from_email
    assert "Can we take them?" in sent.body
    page = member_client.get(f"/en/network/members/{recipient.slug}/").content.decode()
    assert recipient.user.email not in page


def test_contact_message_is_stored_when_mail_fails_and_retried(
        member_client, django_capture_on_commit_callbacks):
    recipient = make_member()
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")), \
            django_capture_on_commit_callbacks(execute=True):
        response = submit(
            member_client, f"/en/network/members/{recipient.slug}/contact/",
            {"subject": "Hi", "body": "Hello"},
        )
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.status == MessageStatus.FAILED
    assert "SMTP down" in message.last_error
    mail.outbox.clear()
    assert retry_pending() == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert mail.outbox[0].body.count("Hello") == 1


def test_contact_is_rate_limited(member_client, settings):
    settings.NETWORK_CONTACT_RATE_PER_HOUR = 2
    recipient = make_member()
    url = f"/en/network/members/{recipient.slug}/contact/"
    for _ in range(2):
        assert submit(member_client, url, {"subject": "s", "body": "b"}).status_code == 302
    response = submit(member_client, url, {"subject": "s", "body": "b"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert ContactMessage.objects.count() == 2


def test_cannot_contact_non_public_member(member_client):
    hidden = make_member(listed=False)
    response = member_client.post(
        f"/en/network/members/{hidden.slug}/contact/", {"subject": "s", "body": "b"}
    )
    assert response.status_code == 404
    assert not ContactMessage.objects.exists()


def test_post_list_query_count_is_constant(client, django_assert_max_num_queries):
    for _ in range(3):
        make_post()
    with django_assert_max_num_queries(80) as few:
        client.get("/en/network/b2b/")
    for _ in range(15):
        make_post(region=make_region())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/en/network/b2b/")


def test_expire_command_takes_expired_posts_out_of_the_index():
    from django.core.management import call_command

    expired = make_post(valid_until=timezone.localdate() - dt.timedelta(days=1))
    with mock.patch("network.management.commands.expire_b2b_posts.sync") as sync:
        call_command("expire_b2b_posts", verbosity=0)
    sync.assert_called_once_with(expired)
