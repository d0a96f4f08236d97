"""Following members, networks, pillars and themes: the button, the digest, privacy, GDPR.

Real database, real embedded search index, real pages; digests are rows of the
real mail queue.
"""

import json

import pytest
from django.test import Client

from following.models import Follow, SavedSearch, SentItem
from network.choices import ActivityKind, Status
from network.gdpr import delete_account
from network.models import NetworkMembership
from tests.following.factories import activity, digests, indexed, post, run_digests
from tests.network.factories import make_member, make_network, make_pillar, make_user
from website.models import ThematicPriority

pytestmark = pytest.mark.django_db


def follow(client, kind, key):
    return client.post("/en/following/follow/", {"kind": kind, "key": key}, follow=True)


@pytest.fixture
def followed(site_tree, django_capture_on_commit_callbacks):
    return indexed(django_capture_on_commit_callbacks, lambda: make_member(name="Loom Works"))


def test_the_member_page_has_a_follow_button_that_follows(member_client, followed):
    page = member_client.get(f"/en/network/members/{followed.slug}/").content.decode()
    assert 'action="/en/following/follow/"' in page and "Follow Loom Works" in page
    response = follow(member_client, "member", followed.slug)
    assert "You follow “Loom Works”" in response.content.decode()
    row = Follow.objects.get(user=member_client.member.user)
    assert (row.kind, row.key, row.name) == ("member", followed.slug, "Loom Works")
    page = member_client.get(f"/en/network/members/{followed.slug}/").content.decode()
    assert "Unfollow Loom Works" in page
    assert "Loom Works" in member_client.get("/en/network/").content.decode()
    follow(member_client, "member", followed.slug)
    assert Follow.objects.count() == 1
    anonymous = Client().get(f"/en/network/members/{followed.slug}/").content.decode()
    assert "Sign in to follow Loom Works" in anonymous


def test_nothing_to_follow_gives_a_message_and_changes_nothing(member_client, followed):
    hidden = make_member(name="Hidden", listed=False)
    for kind, key in [("member", hidden.slug), ("member", "nobody"), ("planet", "mars"),
                      ("pillar", "no-such-pillar"), ("", "")]:
        response = follow(member_client, kind, key)
        assert "There is nothing to follow" in response.content.decode()
    assert not Follow.objects.exists()


def test_a_followed_members_new_offer_and_news_come_in_the_digest(
    member_client, followed, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    old = post(capture, member=followed, title="Old offer")
    follow(member_client, "member", followed.slug)
    Follow.objects.update(frequency="daily")
    offer = post(capture, member=followed, title="Fresh cotton offcuts")
    news = activity(capture, member=followed, kind=ActivityKind.NEWS, title="We opened a shop")
    post(capture, member=followed, title="Pending offer", status=Status.PENDING)
    post(capture, title="Someone else's offer")
    assert run_digests() == 1
    body = digests()[0].body
    assert "Following “Loom Works”" in body
    assert offer.title in body and news.title in body
    assert old.title not in body and "Pending offer" not in body
    assert "Someone else" not in body
    assert run_digests(days=2) == 0


def test_a_networks_members_content_and_a_pillars_content(
    member_client, followed, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    group = make_network(name="Textile group")
    NetworkMembership.objects.create(network=group, member=followed, status=Status.APPROVED)
    pillar = make_pillar()
    weaver = indexed(capture, lambda: make_member(name="Weaver", pillars=[pillar]))
    follow(member_client, "network", group.slug)
    follow(member_client, "pillar", pillar.slug)
    Follow.objects.update(frequency="daily")
    assert "Unfollow Textile group" in member_client.get(
        f"/en/network/groups/{group.slug}/").content.decode()
    post(capture, member=followed, title="Group member offer")
    post(capture, member=weaver, title="Pillar member offer")
    run_digests()
    body = digests()[0].body
    assert "Following “Textile group”" in body and "Group member offer" in body
    assert "Following “Textiles”" in body and "Pillar member offer" in body


def test_a_theme_is_followed_from_the_dashboard(member_client, followed):
    ThematicPriority.objects.create(name="Circular economy", slug="circular", locale=_english())
    dashboard = member_client.get("/en/network/").content.decode()
    assert 'value="circular"' in dashboard
    follow(member_client, "theme", "circular")
    assert Follow.objects.get().kind == "theme"


def _english():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


def test_an_item_reached_twice_is_listed_once(
    member_client, followed, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    follow(member_client, "member", followed.slug)
    member_client.post("/en/following/searches/save/", {"params": "q=cotton", "name": "Cotton",
                                                        "frequency": "daily"})
    Follow.objects.update(frequency="daily")
    post(capture, member=followed, title="Cotton bales")
    run_digests()
    assert digests()[0].body.count("Cotton bales") == 1
    assert SentItem.objects.filter(mailed=True).count() == 2  # neither will repeat it


def test_someone_elses_follow_is_a_404_and_stays(member_client, followed):
    follow(member_client, "member", followed.slug)
    row = Follow.objects.get()
    other_user = make_user()
    make_member(user=other_user)
    other = Client()
    other.force_login(other_user)
    assert other.post(f"/en/following/follows/{row.pk}/unfollow/").status_code == 404
    assert other.post(f"/en/following/follows/{row.pk}/", {"frequency": "off"}).status_code == 404
    assert "Loom Works" not in other.get("/en/network/").content.decode()
    row.refresh_from_db()
    assert row.frequency == "weekly"
    member_client.post(f"/en/following/follows/{row.pk}/unfollow/")
    assert not Follow.objects.exists()


def test_export_includes_and_deletion_erases_searches_and_follows(member_client, followed):
    follow(member_client, "member", followed.slug)
    member_client.post("/en/following/searches/save/", {"params": "q=loom", "name": "Looms",
                                                        "frequency": "daily"})
    data = json.loads(member_client.get("/en/network/my-data.json").content)
    assert data["following"]["saved_searches"][0]["name"] == "Looms"
    assert data["following"]["saved_searches"][0]["search"] == "q=loom"
    assert data["following"]["follows"][0]["slug"] == followed.slug
    delete_account(member_client.member.user)
    assert not SavedSearch.objects.exists() and not Follow.objects.exists()
    assert not SentItem.objects.exists()
