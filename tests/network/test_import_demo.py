"""The event importer and the network's demo step."""

import datetime as dt

import pytest

from network import demo
from network.matching import matches_for
from network.models import B2BPost, EventIndexPage, EventPage, Member, Network
from tests.factories import make_page
from tests.network.factories import make_pillar, make_region
from website.importing.parsing import Record
from website.importing.pipeline import run_import

pytestmark = pytest.mark.django_db

EVENT = {
    "type": "event", "id": "ev-test", "language": "en", "title": "Imported forum",
    "summary": "s", "body": "Body text", "starts": "2030-10-08T10:00:00+03:00",
    "ends": "2030-10-08T16:00:00+03:00", "location": "Sofia", "online": False,
    "pillars": ["textiles"],
}


@pytest.fixture
def event_index(site_tree):
    make_pillar("textiles")
    return make_page(site_tree["en"], EventIndexPage, title="Events", slug="events")


def test_event_rows_become_event_pages(event_index):
    report = run_import([Record(1, dict(EVENT))])
    assert report.ok, report.problems
    page = EventPage.objects.get(import_id="ev-test")
    assert page.live and page.get_parent().pk == event_index.pk
    assert page.start == dt.datetime(2030, 10, 8, 7, 0, tzinfo=dt.UTC)
    assert [p.slug for p in page.pillars.all()] == ["textiles"]
    again = run_import([Record(1, dict(EVENT))])
    assert again.ok and EventPage.objects.count() == 1


def test_bad_event_rows_write_nothing(event_index):
    bad = dict(EVENT, id="ev-bad", starts="next tuesday", ends="2030-10-08T09:00:00+03:00")
    report = run_import([Record(1, dict(EVENT)), Record(2, bad)])
    assert not report.ok
    assert {p.field for p in report.problems} >= {"starts"}
    assert not EventPage.objects.exists()


def test_demo_load_is_idempotent_and_has_matches(site_tree):
    for slug in ("textiles", "plastics-packaging", "agri"):
        make_pillar(slug, slug.title())
    for slug in ("bg-south-central", "bg-south-west", "bg-north-east", "bg-south-east",
                 "bg-north-central", "bg-north-west"):
        make_region(slug, slug)
    created = demo.load(lambda message: None)
    assert created > 0
    assert Member.objects.filter(import_id="m-bamee", status="approved").exists()
    assert B2BPost.objects.count() > 10
    assert Network.objects.filter(kind="network").count() == 3
    assert Network.objects.filter(kind="working-group").count() == 3
    assert any(matches_for(post) for post in B2BPost.objects.filter(kind="offer"))
    assert demo.load(lambda message: None) == 0


def test_member_handler_cleans_and_writes_approved_profiles(site_tree):
    from network.importers import MemberHandler

    make_pillar("textiles")
    handler = MemberHandler()
    problems = []
    row = {"type": "member", "id": "m-x", "language": "bg", "title": "Imported Ltd",
           "summary": "Short", "body": "Long", "member_type": "business", "city": "Русе",
           "pillars": ["textiles"], "latitude": "43.8", "longitude": "25.9"}
    cleaned = handler.clean(row, None, lambda field, message: problems.append(field))
    assert problems == []
    member, created = handler.write_object(cleaned, "m-x")
    assert created and member.is_public and member.user is None
    assert [p.slug for p in member.pillars.all()] == ["textiles"]
    _same, created_again = handler.write_object(cleaned, "m-x")
    assert not created_again
    bad = handler.clean(dict(row, title="", member_type="alien", latitude="99"), None,
                        lambda field, message: problems.append(field))
    assert bad and {"title", "member_type", "latitude"} <= set(problems)
    assert handler.export(member)["title"] == "Imported Ltd"


def test_events_keep_their_countries_and_tags_through_import_and_export(event_index):
    from tests.network.factories import make_country
    from website.importing.export import iter_records

    for code in ("BG", "FI"):
        make_country(code, code)
    record = dict(EVENT, countries=["fi", "BG"], tags=["Upcycling", "repair café"])
    assert run_import([Record(1, record)]).ok
    page = EventPage.objects.get(import_id="ev-test")
    assert sorted(c.code for c in page.countries.all()) == ["BG", "FI"]
    assert sorted(page.tags.names(), key=str.lower) == ["repair café", "Upcycling"]
    exported = next(r for r in iter_records(types=["event"]) if r["id"] == "ev-test")
    assert (exported["countries"], exported["tags"]) == (["BG", "FI"], ["repair café", "Upcycling"])


def test_demo_members_imported_through_the_pipeline_are_on_the_map(site_tree):
    """``load_demo_content`` imports the member rows first (without coordinates), then
    runs the demo step, which leaves existing members alone: the city places them."""
    from tests.network.factories import make_country

    for code in ("BG", "GR", "IT", "FI"):
        make_country(code, code)
    rows = [row for row in demo.read_rows("network.jsonl") if row["type"] == "member"]
    for row in rows:  # the taxonomy slugs are not what this test is about
        row.update(pillars=[], regions=[], themes=[])
    report = run_import([Record(n, row) for n, row in enumerate(rows, start=1)])
    assert report.ok, report.problems[:3]
    demo.load(lambda message: None)
    with_city = Member.objects.exclude(city="")
    assert with_city.count() == len([row for row in rows if row.get("city")])
    assert not with_city.filter(latitude__isnull=True).exists()
    sofia = Member.objects.get(import_id="m-bamee")
    assert sofia.city == "София" and sofia.location_source == "city"
    assert 42.6 < sofia.latitude < 42.8 and 23.2 < sofia.longitude < 23.4
    bologna = Member.objects.filter(city="Bologna").first()
    assert 44.4 < bologna.latitude < 44.6
