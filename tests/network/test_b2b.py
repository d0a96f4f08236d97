"""Offers and needs: visibility, expiry, matching, digests and the contact relay."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Site

from network import moderation
from network.choices import PostCategory, PostKind, Status
from network.digest import send_match_digests
from network.matching import matches_for
from network.models import B2BPost, ContactMessage, MatchNotice
from tests.network.factories import make_member, make_post, make_region, submit
from website.mail import send_due
from website.models import MailStatus, OutgoingMail, SiteSettings

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


def test_approval_records_matches_and_digest_is_daily(django_capture_on_commit_callbacks):
    def digests(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return send_match_digests(**kwargs)

    offer = make_post(kind=PostKind.OFFER, title="Off-cuts", member=make_member(language="el"))
    need = make_post(kind=PostKind.NEED, title="Need off-cuts", status=Status.PENDING)
    moderation.approve(need)
    assert MatchNotice.objects.filter(post=offer, match=need).exists()
    assert MatchNotice.objects.filter(post=need, match=offer).exists()
    mail.outbox.clear()
    assert digests() == 2
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([offer.member.user.email, need.member.user.email])
    greek = next(m for m in mail.outbox if m.to == [offer.member.user.email])
    assert greek.subject == "Νέες αντιστοιχίες για τις προσφορές και τις ανάγκες σας"
    # A new match the same day waits for tomorrow's digest.
    third = make_post(kind=PostKind.NEED, title="Another need", status=Status.PENDING)
    moderation.approve(third)
    mail.outbox.clear()
    assert digests() == 1  # only the new member; the offer's owner had one today
    assert mail.outbox[0].to == [third.member.user.email]
    mail.outbox.clear()
    later = timezone.now() + dt.timedelta(days=1)
    assert digests(now=later) >= 1
    assert [m.to for m in mail.outbox] == [[offer.member.user.email]]
    assert "Another need" in mail.outbox[0].body


def contact(client, recipient, **data):
    """Post the contact form. The relay tests run in real transactions, as a server does,
    so the mail task runs when the message is committed, before the answer is built."""
    data.setdefault("subject", "Hi")
    data.setdefault("body", "Hello")
    url = f"/en/network/members/{recipient.slug}/contact/"
    if data.get("post"):
        url += f"?post={data['post']}"
    return submit(client, url, data)


def flashes(response):
    from django.contrib.messages import get_messages

    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db(transaction=True)
def test_contact_relay_hides_addresses_and_uses_reply_to(member_client):
    recipient = make_member(name="Recipient Ltd", language="en")
    post = make_post(member=recipient, title="Spare pallets")
    mail.outbox.clear()
    response = contact(
        member_client, recipient,
        subject="Your pallets", body="Can we take them?", post=post.pk,
    )
    assert response.status_code == 302
    assert flashes(response) == ["Your message has been sent."]
    message = ContactMessage.objects.get()
    assert message.mail.status == MailStatus.SENT and not message.forwarded
    sent = mail.outbox[0]
    assert sent.to == [recipient.user.email]
    assert sent.reply_to == [member_client.member.user.email]
    assert member_client.member.user.email not in sent.from_email
    assert "Can we take them?" in sent.body
    page = member_client.get(f"/en/network/members/{recipient.slug}/").content.decode()
    assert recipient.user.email not in page


@pytest.mark.django_db(transaction=True)
def test_relayed_subject_is_prefixed_with_the_site_name_in_the_recipients_language(
    member_client, settings
):
    """Not Django's EMAIL_SUBJECT_PREFIX: that one is the admins' English prefix."""
    from django.utils import translation

    settings.EMAIL_SUBJECT_PREFIX = "[Django admins] "
    recipient = make_member(name="Greek Co-op", language="el")
    mail.outbox.clear()
    assert contact(member_client, recipient, subject="Παλέτες").status_code == 302
    with translation.override("el"):
        brand = translation.gettext("Competence Hub")
    assert mail.outbox[0].subject == f"[{brand}] Παλέτες"


@pytest.mark.django_db(transaction=True)
def test_contact_message_waits_when_the_mail_server_is_down_and_goes_out_once(
    member_client, dead_smtp, working_smtp
):
    """SMTP really down (connection refused on loopback); then the in-memory backend."""
    recipient = make_member()
    response = contact(member_client, recipient)
    assert response.status_code == 302
    notices = flashes(response)
    assert not any("sent" in text and "will be" not in text for text in notices)
    assert notices == [
        "The mail server is not answering right now. Your message is saved and will be "
        "sent as soon as it answers."
    ]
    message = ContactMessage.objects.get()
    assert message.mail.status == MailStatus.QUEUED
    assert "refused" in message.mail.last_error.lower()
    working_smtp()
    later = timezone.now() + dt.timedelta(hours=1)
    assert send_due(now=later) == 1
    assert send_due(now=later + dt.timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].body.count("Hello") == 1
    message.mail.refresh_from_db()
    assert message.mail.status == MailStatus.SENT


@pytest.mark.django_db(transaction=True)
def test_member_without_an_address_is_written_to_through_the_centre(
    member_client, site_tree
):
    imported = make_member(with_user=False, name="Imported Co-op")
    detail = f"/en/network/members/{imported.slug}/"
    # No address anywhere: no form, no link to one.
    assert "/contact/" not in member_client.get(detail).content.decode()
    assert member_client.get(f"{detail}contact/").status_code == 404
    # With the centre's address, the message goes there to be forwarded, and the sender knows.
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "office@centre.example"
    settings.save()
    assert "/contact/" in member_client.get(detail).content.decode()
    form = member_client.get(f"{detail}contact/").content.decode()
    assert "your message goes to the centre's team" in form
    response = contact(member_client, imported)
    assert response.status_code == 302
    assert flashes(response)[0].startswith("This member has no e-mail address with us")
    sent = mail.outbox[-1]
    assert sent.to == ["office@centre.example"]
    assert "Imported Co-op" in sent.subject and "Imported Co-op" in sent.body
    assert sent.reply_to == [member_client.member.user.email]
    assert ContactMessage.objects.get().forwarded


def test_staff_see_failed_mail_in_the_admin(client):
    from django.contrib.auth import get_user_model

    from website import mail as outgoing
    from website.models import MailKind

    failed = OutgoingMail.objects.create(
        kind=MailKind.CONTACT, to=["gone@example.org"], subject="Lost message",
        status=MailStatus.FAILED, attempts=outgoing.MAX_ATTEMPTS, last_error="SMTPRecipientsRefused",
    )
    OutgoingMail.objects.create(kind=MailKind.ACCOUNT, to=["a@example.org"], subject="Fine",
                                status=MailStatus.SENT)
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-12345")
    client.force_login(admin)
    listing = client.get("/admin/outgoing_mail/?status=failed").content.decode()
    assert "Lost message" in listing and "SMTPRecipientsRefused" in listing
    assert "Fine" not in listing
    assert f"/admin/outgoing_mail/inspect/{failed.pk}/" in listing
    assert client.get(f"/admin/outgoing_mail/inspect/{failed.pk}/").status_code == 200
    # The contact message shows the delivery of its mail, and filters by it.
    ContactMessage.objects.create(
        sender=make_member(), sender_email="s@example.org", recipient=make_member(),
        subject="Lost message", body="…", mail=failed,
    )
    messages = client.get("/admin/network/contactmessage/?mail__status=failed")
    assert messages.status_code == 200
    assert "Lost message" in messages.content.decode() and "Неуспешно (без повече опити)" in (
        messages.content.decode()
    )
    assert "Lost message" not in client.get(
        "/admin/network/contactmessage/?mail__status=sent"
    ).content.decode()
    # Read-only: nobody writes mail by hand or edits what was sent.
    assert client.get("/admin/outgoing_mail/new/").status_code in (302, 403)
    assert client.get(f"/admin/outgoing_mail/edit/{failed.pk}/").status_code in (302, 403)


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
    with mock.patch("network.indexing.sync") as sync:
        call_command("expire_b2b_posts", verbosity=0)
    sync.assert_called_once_with(expired)
