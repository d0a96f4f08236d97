"""The events calendar, member events after approval, and valid iCal files."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from network import moderation
from network.choices import Status
from network.models import EventIndexPage, EventPage, MemberActivity
from tests.factories import make_page
from tests.network.factories import make_activity, submit

pytestmark = pytest.mark.django_db
SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")


@pytest.fixture
def events(site_tree):
    index = make_page(site_tree["en"], EventIndexPage, title="Events", slug="events")
    start = (timezone.now() + dt.timedelta(days=10)).astimezone(SOFIA).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    upcoming = make_page(index, EventPage, title="Circular textiles forum", slug="forum",
                         start=start, end=start + dt.timedelta(hours=3), place="Sofia Tech Park")
    past_start = timezone.now() - dt.timedelta(days=30)
    past = make_page(index, EventPage, title="Old workshop", slug="old", start=past_start,
                     end=past_start + dt.timedelta(hours=2), is_online=True)
    return {"index": index, "upcoming": upcoming, "past": past}


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_calendar_upcoming_and_past(client, events):
    make_activity(title="Member meetup")
    make_activity(title="Pending meetup", status=Status.PENDING)
    response = client.get("/en/events/")
    assert response.status_code == 200
    upcoming = [e.title for e in response.context["upcoming"]]
    assert upcoming == ["Member meetup", "Circular textiles forum"]
    assert [e.title for e in response.context["past"]] == ["Old workshop"]
    assert "Pending meetup" not in response.content.decode()


def test_event_page_ical_is_valid_and_timezone_aware(client, events):
    page = events["upcoming"]
    response = client.get(f"/en/network/events/{page.pk}.ics")
    calendar = parse(response)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Circular textiles forum"
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None
    assert start == page.start.replace(microsecond=0)
    assert start.utcoffset() == page.local_start.utcoffset()
    assert str(event["LOCATION"]) == "Sofia Tech Park"
    assert str(event["UID"]).startswith("event-page-")


def test_feed_has_upcoming_public_events_only(client, events):
    make_activity(title="Member meetup")
    make_activity(title="Pending meetup", status=Status.PENDING)
    calendar = parse(client.get("/en/network/events/feed.ics"))
    titles = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert titles == ["Circular textiles forum", "Member meetup"]


def test_member_event_ical_only_after_approval(client):
    activity = make_activity(title="Meetup", status=Status.PENDING)
    url = f"/en/network/activities/{activity.pk}/event.ics"
    assert client.get(url).status_code == 404
    moderation.approve(activity)
    [event] = parse(client.get(url)).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Meetup"
    assert event.decoded("DTSTART") == activity.start.replace(microsecond=0)


def test_member_submits_event_with_local_time(member_client):
    response = submit(member_client, "/en/network/activities/new/", {
        "kind": "event", "title": "Repair café", "summary": "Bring things",
        "start": "2030-05-01T18:00", "end": "2030-05-01T20:00", "place": "Plovdiv",
    })
    assert response.status_code == 302
    activity = MemberActivity.objects.get()
    assert activity.status == Status.PENDING
    assert activity.start == dt.datetime(2030, 5, 1, 18, 0, tzinfo=SOFIA)


def test_member_event_bad_input_rerenders(member_client):
    response = submit(member_client, "/en/network/activities/new/", {
        "kind": "event", "title": "No time", "summary": "s",
        "start": "2030-05-01T18:00", "end": "2030-05-01T10:00",
    })
    assert response.status_code == 200
    assert {"end", "place"} <= set(response.context["form"].errors)
    assert not MemberActivity.objects.exists()


def test_unpublished_event_has_no_ical(client, events):
    page = events["upcoming"]
    page.unpublish()
    assert client.get(f"/en/network/events/{page.pk}.ics").status_code == 404


def test_home_page_shows_upcoming_events(client, events):
    html = client.get("/en/").content.decode()
    assert "Circular textiles forum" in html
    assert "Old workshop" not in html
