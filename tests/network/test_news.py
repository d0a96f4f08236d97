"""The news listing: the centre's announcements and members' news, per language, paginated,
only what is live, public and approved; and its Atom feed."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from network.choices import ActivityKind, Status
from network.models import AnnouncementPage, MemberActivity, NewsIndexPage
from tests.factories import make_page
from tests.network.factories import make_activity, make_member

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def news(member, title, days_ago=1, **fields):
    fields.setdefault("approved_at", timezone.now() - dt.timedelta(days=days_ago))
    fields.setdefault("status", Status.APPROVED)
    return MemberActivity.objects.create(member=member, kind=ActivityKind.NEWS, title=title,
                                         summary="Some news", **fields)


@pytest.fixture
def index(site_tree):
    return {code: make_page(site_tree[code], NewsIndexPage, title=f"News {code}", slug="news")
            for code in ("bg", "en")}


@pytest.fixture
def content(index):
    english = make_member(language="en", name="English Ltd")
    bulgarian = make_member(language="bg", name="Българска ООД")
    news(english, "Approved English news", days_ago=2)
    news(bulgarian, "Одобрена новина", days_ago=2)
    news(english, "Waiting news", status=Status.PENDING, approved_at=None)
    news(english, "Rejected news", status=Status.REJECTED, approved_at=None)
    news(make_member(language="en", listed=False), "Unlisted member news")
    news(make_member(language="en", status=Status.PENDING), "Pending member news")
    make_activity(member=english, title="An event, not news")
    make_page(index["en"], AnnouncementPage, title="Centre announcement", summary="Read me")
    make_page(index["en"], AnnouncementPage, title="Draft announcement", publish_it=False)
    private = make_page(index["en"], AnnouncementPage, title="Private announcement")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_page(index["bg"], AnnouncementPage, title="Съобщение на центъра")


def test_listing_shows_only_public_approved_items_of_its_language(client, content):
    html = client.get("/en/news/").content.decode()
    assert "Centre announcement" in html and "Approved English news" in html
    for hidden in ("Waiting news", "Rejected news", "Unlisted member news",
                   "Pending member news", "Draft announcement", "Private announcement",
                   "An event, not news", "Одобрена новина", "Съобщение на центъра"):
        assert hidden not in html, hidden
    # Newest first: the announcement was published now, the news approved two days ago.
    assert html.index("Centre announcement") < html.index("Approved English news")
    bulgarian = client.get("/bg/news/").content.decode()
    assert "Одобрена новина" in bulgarian and "Съобщение на центъра" in bulgarian
    assert "Approved English news" not in bulgarian


def test_listing_is_paginated(client, index, settings):
    member = make_member(language="en")
    for number in range(25):
        news(member, f"News number {number:02d}", days_ago=number + 1)
    first = client.get("/en/news/").content.decode()
    second = client.get("/en/news/?page=2").content.decode()
    assert "News number 00" in first and "News number 19" in first
    assert "News number 20" not in first
    assert "News number 20" in second and "News number 24" in second
    assert "News number 00" not in second


def test_atom_feed_is_valid_and_lists_the_same_items(client, content):
    response = client.get("/en/network/news/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own XML; parsing proves it well-formed
    assert root.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles == ["Centre announcement", "Approved English news"]
    for entry in root.iter(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
    assert 'href="/en/network/news/atom/"' in client.get("/en/news/").content.decode()
