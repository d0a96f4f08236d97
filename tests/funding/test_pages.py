"""Policy and call pages: status badges, filters, iCal, feeds and the API."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from funding.models import FundingCallPage
from tests.importing.builders import call, import_records, policy

pytestmark = pytest.mark.django_db


def iso(days):
    return (timezone.now() + timedelta(days=days)).isoformat()


def calls():
    return [
        call(id="open", title="Sunrise call", opens=iso(-10), deadline=iso(60),
             eligible=["ngo"]),
        call(id="soon", title="Sunset call", opens=iso(-10), deadline=iso(5),
             eligible=["business"]),
        call(id="closed", title="Midnight call", opens=iso(-90), deadline=iso(-3),
             eligible=["business"]),
        call(id="later", title="Dawn call", opens=iso(20), deadline=iso(80),
             eligible=["university"]),
    ]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_call_page_shows_status_as_text_and_deadline_in_its_zone(sections, client):
    import_records(call(deadline="2099-06-30T17:00", timezone="Europe/Athens"))
    html = get(client, "/en/funding/call-1/")
    assert "Status:" in html and "Open" in html
    assert "30 June 2099, 17:00" in html and "(Athens time (EEST))" in html
    assert "Europe/Athens" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Business" in html and "NGO" in html
    assert "€1,500,000" in html


@pytest.mark.parametrize(("language", "deadline", "zone", "budget", "card"), [
    ("bg", "17 февруари 2027 г., 18:00 ч.", "(София (EET))", "12 000 000 €",
     "Краен срок 17 февруари 2027 г., 18:00 ч."),
    ("el", "17 Φεβρουαρίου 2027, 18:00", "(ώρα Σόφιας (EET))", "12.000.000 €",
     "17 Φεβρουαρίου 2027, 18:00"),
    ("en", "17 February 2027, 18:00", "(Sofia time (EET))", "€12,000,000",
     "Deadline 17 February 2027, 18:00"),
])
def test_call_dates_and_money_read_the_same_on_detail_list_and_feed(
        sections, client, language, deadline, zone, budget, card):
    """One form per language: the detail page, the index card and the RSS text agree."""
    import_records(call(language=language, deadline="2027-02-17T18:00", timezone="Europe/Sofia",
                        budget_eur="12000000"))
    html = get(client, f"/{language}/funding/call-1/")
    assert f">{deadline}</time> {zone}" in html
    assert budget in html
    assert 'datetime="2027-02-17T18:00:00+02:00"' in html
    assert "преди обяд" not in html and "след обяд" not in html and "Europe/Sofia" not in html
    listing = get(client, f"/{language}/funding/")
    assert card in listing
    feed = get(client, f"/{language}/feeds/calls/rss/")
    assert f"{deadline} {zone}" in feed


def test_status_and_eligibility_filters(sections, client):
    import_records(*calls())
    html = get(client, "/en/funding/?status=open&status=closing-soon")
    assert "Sunrise call" in html and "Sunset call" in html
    assert "Midnight call" not in html and "Dawn call" not in html
    html = get(client, "/en/funding/?status=open&status=closing-soon&eligible=business")
    assert "Sunset call" in html and "Sunrise call" not in html
    html = get(client, "/en/funding/")
    # Default order: open calls by nearest deadline, then forthcoming, then closed.
    order = [html.index(t) for t in ("Sunset call", "Sunrise call", "Dawn call",
                                      "Midnight call")]
    assert order == sorted(order)


def test_ical_has_deadlines_of_live_public_calls_only(sections, client):
    import_records(*calls(), call(id="private", title="Private call", deadline=iso(30)),
                   call(id="draft", title="Draft call", deadline=iso(30)))
    PageViewRestriction.objects.create(
        page=FundingCallPage.objects.get(import_id="private"), restriction_type="login")
    FundingCallPage.objects.get(import_id="draft").unpublish()
    response = client.get("/en/feeds/calls/deadlines.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    titles = sorted(str(e["summary"]) for e in events)
    assert titles == sorted(f"Deadline: {t}" for t in (
        "Sunrise call", "Sunset call", "Midnight call", "Dawn call"))
    assert all(e.decoded("dtstart").tzinfo is not None for e in events)


def test_policy_and_call_feeds_and_api(sections, client):
    import_records(policy(), *calls())
    assert "Circular strategy" in get(client, "/en/feeds/policies/rss/")
    feed = get(client, "/en/feeds/calls/rss/")
    assert "Sunrise call" in feed and "Deadline" in feed
    data = client.get("/api/v2/calls/?fields=status,deadline,eligible").json()
    statuses = {item["title"]: item["status"] for item in data["items"]}
    assert statuses["Sunset call"] == "closing-soon"
    assert statuses["Dawn call"] == "forthcoming"
    assert client.get("/api/v2/policies/").json()["meta"]["total_count"] == 1


def test_home_page_shows_open_calls(sections, client):
    import_records(*calls())
    html = get(client, "/en/")
    section = html[html.index("section-open_calls"):]
    assert "Sunrise call" in section and "Midnight call" not in section.split("</section>")[0]
