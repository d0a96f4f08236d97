"""An approved profile, offer or event stays public while the member's edit waits for approval.

Everything goes through the real pages: the member's forms, the public pages,
the admin's approve / reject pages (as a user of Wagtail's "Editors" group, not
a superuser), the search outbox and the embedded index, the mail queue.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.users.models import UserProfile

from network.choices import Status
from network.indexing import sync, sync_member_tree
from network.models import B2BPost, Member, MemberActivity
from network.signal_handlers import APPROVED_MEMBERS_GROUP
from search.api import search
from search.sync import process_outbox
from tests.network.factories import (
    make_activity,
    make_member,
    make_pillar,
    make_post,
    submit,
)
from tests.network.test_uploads import clean_media, png, stored_logos, upload  # noqa: F401

pytestmark = pytest.mark.django_db

OLD, NEW = "zanzibarite", "quokkalite"


@pytest.fixture
def editor():
    user = get_user_model().objects.create_user("ed", "ed@example.org", "pw-12345-x")
    user.groups.add(Group.objects.get(name="Editors"))
    # The admin speaks the site's default (Bulgarian) unless the editor chose otherwise.
    UserProfile.objects.create(user=user, preferred_language="en")
    client = Client()
    client.force_login(user)
    return client


def profile_data(member, **fields):
    data = {"member_type": member.member_type, "name": member.name,
            "description": member.description, "contact_preference": "site", "listed": "on"}
    data.update(fields)
    return data


@pytest.fixture
def approved(client):
    member = make_member(name="Textile Loop", description=f"We reuse {OLD} offcuts.",
                         language="en")
    sync_member_tree(member)
    process_outbox()
    assert search(OLD).total == 1
    client.force_login(member.user)
    return member


def edit_profile(client, member, **fields):
    return submit(client, "/en/network/profile/", profile_data(member, **fields))


def public_page(member):
    return Client().get(f"/en/network/members/{member.slug}/")


def test_an_edited_profile_stays_public_and_the_owner_sees_both(client, approved):
    response = edit_profile(client, approved, description=f"We reuse {NEW} offcuts.")
    assert response.status_code == 302
    member = Member.objects.get(pk=approved.pk)
    assert member.status == Status.APPROVED and member.has_pending_changes

    public = public_page(member)
    assert public.status_code == 200
    assert OLD in public.content.decode() and NEW not in public.content.decode()
    assert member.user.groups.filter(name=APPROVED_MEMBERS_GROUP).exists()
    process_outbox()
    assert search(OLD).total == 1 and search(NEW).total == 0  # the index keeps the public text

    own = client.get(f"/en/network/members/{member.slug}/").content.decode()
    assert "Your changes are waiting for approval" in own
    assert OLD in own and NEW in own
    dashboard = client.get("/en/network/").content.decode()
    assert "changes waiting for approval" in dashboard and NEW in dashboard
    form = client.get("/en/network/profile/").context["form"]
    assert NEW in form["description"].value()  # the member goes on editing its changes


def test_approving_the_edit_publishes_it_and_updates_the_index(
    client, approved, editor, django_capture_on_commit_callbacks
):
    edit_profile(client, approved, description=f"We reuse {NEW} offcuts.")
    member = Member.objects.get(pk=approved.pk)
    url = f"/admin/network/member/approve/{member.pk}/"
    page = editor.get(url).content.decode()
    assert "Approve changes" in page and OLD in page and NEW in page  # the editor sees the diff
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, {"seen": member.submission_token})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.pending_changes is None and f"We reuse {NEW} offcuts." == member.description
    assert NEW in public_page(member).content.decode()
    assert search(NEW).total == 1 and search(OLD).total == 0
    assert mail.outbox[-1].subject == "Changes approved: Textile Loop"


def test_rejecting_the_edit_keeps_the_public_version_and_tells_the_member_why(
    client, approved, editor, django_capture_on_commit_callbacks
):
    edit_profile(client, approved, description=f"We reuse {NEW} offcuts.")
    url = f"/admin/network/member/reject/{approved.pk}/"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, {"reason": "Please name the material."})
    assert response.status_code == 302
    member = Member.objects.get(pk=approved.pk)
    assert member.status == Status.APPROVED and member.pending_changes is None
    assert OLD in public_page(member).content.decode()
    assert search(OLD).total == 1 and search(NEW).total == 0
    sent = mail.outbox[-1]
    assert sent.subject == "Changes not approved: Textile Loop"
    assert "Please name the material." in sent.body and "approved version stays" in sent.body
    own = client.get(f"/en/network/members/{member.slug}/").content.decode()
    assert "Your last changes were not approved" in own and "Please name the material." in own


def test_an_editor_deciding_on_an_edit_the_member_changed_since_decides_nothing(
    client, approved, editor
):
    edit_profile(client, approved, description="First try")
    seen = Member.objects.get(pk=approved.pk).submission_token
    edit_profile(client, approved, description="Second try, unseen")
    response = editor.post(f"/admin/network/member/approve/{approved.pk}/", {"seen": seen})
    assert response.status_code == 200
    assert "changed" in response.content.decode()
    member = Member.objects.get(pk=approved.pk)
    assert member.has_pending_changes and OLD in member.description


def test_an_edit_back_to_the_approved_version_leaves_nothing_waiting(client, approved):
    edit_profile(client, approved, description="Something else")
    edit_profile(client, approved, description=approved.description)
    member = Member.objects.get(pk=approved.pk)
    assert member.pending_changes is None and not member.awaits_moderation


def test_terms_in_another_language_are_no_change(client, approved):
    """A profile linked to the Bulgarian row of a pillar, saved unchanged on the English site."""
    from website.models import Pillar

    bg = make_pillar()
    en = Pillar.objects.create(slug=bg.slug, name="Textiles (en)", locale=en_locale(),
                               translation_key=bg.translation_key)
    approved.pillars.set([bg])
    form = client.get("/en/network/profile/").context["form"]
    assert str(en.pk) in [str(v) for v in form["pillars"].value()]  # shown ticked
    edit_profile(client, approved, pillars=[en.pk])
    assert Member.objects.get(pk=approved.pk).pending_changes is None


def en_locale():
    from wagtail.models import Locale

    return Locale.objects.get_or_create(language_code="en")[0]


def test_leaving_the_directory_applies_at_once(client, approved):
    data = profile_data(approved)
    del data["listed"]
    submit(client, "/en/network/profile/", data)
    member = Member.objects.get(pk=approved.pk)
    assert member.listed is False and member.pending_changes is None
    assert public_page(member).status_code == 404


def test_a_new_logo_waits_beside_the_public_one(
    client, approved, editor, clean_media, django_capture_on_commit_callbacks  # noqa: F811
):
    with django_capture_on_commit_callbacks(execute=True):
        Member.objects.get(pk=approved.pk).logo.save("old.png", upload(png((40, 40), "RGB")))
    public_logo = Member.objects.get(pk=approved.pk).logo.name
    with django_capture_on_commit_callbacks(execute=True):
        edit_profile(client, approved, logo=upload(png((60, 60), "RGB"), "new.png"))
    member = Member.objects.get(pk=approved.pk)
    assert member.logo.name == public_logo and member.pending_logo
    assert "new" not in member.pending_logo.name  # a name nobody can guess while it waits
    assert public_logo in public_page(member).content.decode()
    assert member.pending_logo.url not in public_page(member).content.decode()
    assert len(stored_logos()) == 2

    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/network/member/approve/{member.pk}/")
    approved_logo = member.pending_logo.name
    member.refresh_from_db()
    assert member.logo.name == approved_logo and not member.pending_logo
    assert stored_logos() == [Path(approved_logo).name]  # the old public logo is gone
    assert Path(member.logo.path).is_file()


def test_a_rejected_logo_is_deleted_and_the_public_one_kept(
    client, approved, editor, clean_media, django_capture_on_commit_callbacks  # noqa: F811
):
    with django_capture_on_commit_callbacks(execute=True):
        Member.objects.get(pk=approved.pk).logo.save("old.png", upload(png((40, 40), "RGB")))
    public_logo = Member.objects.get(pk=approved.pk).logo.name
    with django_capture_on_commit_callbacks(execute=True):
        edit_profile(client, approved, logo=upload(png((60, 60), "RGB"), "new.png"))
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/network/member/reject/{approved.pk}/", {"reason": "Blurry."})
    member = Member.objects.get(pk=approved.pk)
    assert member.logo.name == public_logo and not member.pending_logo
    assert stored_logos() == [Path(public_logo).name]


def test_an_edited_offer_stays_public_until_its_changes_are_approved(
    client, editor, django_capture_on_commit_callbacks
):
    post = make_post(title=f"Offcuts {OLD}", description="Cotton offcuts")
    sync(post)
    process_outbox()
    client.force_login(post.member.user)
    url = f"/en/network/b2b/{post.pk}/edit/"
    later = timezone.localdate() + dt.timedelta(days=60)
    response = client.post(url, {
        "kind": post.kind, "title": f"Offcuts {NEW}", "description": "Cotton offcuts",
        "category": post.category, "frequency": post.frequency,
        "valid_until": later.isoformat(),
    })
    assert response.status_code == 302
    post = B2BPost.objects.get(pk=post.pk)
    assert post.valid_until == later  # the end date applies at once
    anonymous = Client().get(f"/en/network/b2b/{post.pk}/")
    assert anonymous.status_code == 200 and OLD in anonymous.content.decode()
    assert NEW not in anonymous.content.decode()
    assert OLD in Client().get("/en/network/b2b/").content.decode()
    own = client.get(f"/en/network/b2b/{post.pk}/").content.decode()
    assert "Your changes are waiting for approval" in own and NEW in own
    process_outbox()
    assert search(OLD).total == 1 and search(NEW).total == 0

    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/network/b2bpost/approve/{post.pk}/")
    assert NEW in Client().get(f"/en/network/b2b/{post.pk}/").content.decode()
    assert search(NEW).total == 1 and search(OLD).total == 0


def test_an_edited_event_stays_public_and_a_rejection_keeps_it(
    client, editor, django_capture_on_commit_callbacks
):
    activity = make_activity(title=f"Repair cafe {OLD}")
    client.force_login(activity.member.user)
    start = timezone.localtime(activity.start)
    response = client.post(f"/en/network/activities/{activity.pk}/edit/", {
        "kind": "event", "title": f"Repair cafe {NEW}", "summary": activity.summary,
        "start": start.strftime("%Y-%m-%dT%H:%M"), "place": "Plovdiv",
    })
    assert response.status_code == 302
    activity = MemberActivity.objects.get(pk=activity.pk)
    assert activity.status == Status.APPROVED and activity.has_pending_changes
    anonymous = Client().get(f"/en/network/activities/{activity.pk}/").content.decode()
    assert OLD in anonymous and NEW not in anonymous and "Sofia" in anonymous
    own = client.get(f"/en/network/activities/{activity.pk}/").content.decode()
    assert NEW in own and "Plovdiv" in own

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/network/memberactivity/reject/{activity.pk}/",
                    {"reason": "Wrong city?"})
    activity.refresh_from_db()
    assert activity.place == "Sofia" and activity.pending_changes is None
    assert activity.status == Status.APPROVED
    assert "Wrong city?" in mail.outbox[-1].body
    assert OLD in Client().get(f"/en/network/activities/{activity.pk}/").content.decode()


def test_a_pending_profile_is_still_edited_in_place_and_stays_hidden(client):
    member = make_member(status=Status.PENDING, name="Fresh Co")
    client.force_login(member.user)
    edit_profile(client, member, description="Now with a description")
    member.refresh_from_db()
    assert member.description == "Now with a description" and member.pending_changes is None
    assert member.status == Status.PENDING
    assert public_page(member).status_code == 404


def test_a_rejected_offer_edited_goes_back_to_moderation(client):
    post = make_post(status=Status.REJECTED, rejection_reason="No quantity")
    client.force_login(post.member.user)
    client.post(f"/en/network/b2b/{post.pk}/edit/", {
        "kind": post.kind, "title": "With quantity", "description": "x", "quantity": "5",
        "unit": "t", "category": post.category, "frequency": post.frequency,
        "valid_until": post.valid_until.isoformat(),
    })
    post.refresh_from_db()
    assert post.status == Status.PENDING and post.title == "With quantity"
    assert Client().get(f"/en/network/b2b/{post.pk}/").status_code == 404
