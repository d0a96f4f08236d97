"""The directory, member pages, GeoJSON and pillar pages show approved, listed members only."""

import pytest

from network.choices import Status
from tests.network.factories import (
    make_country,
    make_directory,
    make_member,
    make_pillar,
    make_region,
    make_theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(site_tree):
    return make_directory(site_tree["en"])


@pytest.fixture
def members():
    textiles = make_pillar("textiles", "Textiles", target=4)
    plastics = make_pillar("plastics", "Plastics")
    region = make_region()
    theme = make_theme()
    listed = make_member(name="Listed Textiles", member_type="business", pillars=[textiles],
                         region=region, country=make_country(), latitude=42.7, longitude=23.3,
                         expertise_offered="Recycling of cotton")
    listed.themes.set([theme])
    ngo = make_member(name="Listed NGO", member_type="ngo", pillars=[plastics],
                      latitude=43.2, longitude=27.9)
    pending = make_member(name="Pending Co", status=Status.PENDING, pillars=[textiles],
                          latitude=42.0, longitude=24.0)
    unlisted = make_member(name="Unlisted Co", listed=False, pillars=[textiles],
                           latitude=42.1, longitude=24.1)
    rejected = make_member(name="Rejected Co", status=Status.REJECTED, pillars=[textiles])
    return {"listed": listed, "ngo": ngo, "pending": pending, "unlisted": unlisted,
            "rejected": rejected}


def names(response):
    return {m.name for m in response.context["members"]}


def test_directory_lists_only_approved_listed(client, directory, members):
    response = client.get("/en/members/")
    assert response.status_code == 200
    assert names(response) == {"Listed Textiles", "Listed NGO"}
    html = response.content.decode()
    assert "Pending Co" not in html and "Unlisted Co" not in html and "Rejected Co" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=ngo", {"Listed NGO"}),
        ("pillar=textiles", {"Listed Textiles"}),
        ("region=south-west", {"Listed Textiles"}),
        ("country=BG", {"Listed Textiles"}),
        ("theme=circular-economy", {"Listed Textiles"}),
        ("expertise=cotton", {"Listed Textiles"}),
        ("q=NGO", {"Listed NGO"}),
        ("q=Pending", set()),
        ("type=bogus", {"Listed Textiles", "Listed NGO"}),
    ],
)
def test_directory_filters(client, directory, members, query, expected):
    response = client.get(f"/en/members/?{query}")
    assert response.status_code == 200
    assert names(response) == expected


def test_directory_map_view_loads_leaflet_locally(client, directory, members):
    html = client.get("/en/members/?view=map").content.decode()
    assert "vendor/leaflet/leaflet.js" in html
    assert "unpkg" not in html and "cdn" not in html.lower()
    assert 'id="member-map"' in html


def test_geojson_has_only_approved_listed(client, members):
    response = client.get("/en/network/members/map.geojson")
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert {f["properties"]["name"] for f in data["features"]} == {"Listed Textiles", "Listed NGO"}
    feature = next(f for f in data["features"] if f["properties"]["name"] == "Listed Textiles")
    assert feature["geometry"] == {"type": "Point", "coordinates": [23.3, 42.7]}
    assert "email" not in str(data).lower()


def test_geojson_filters(client, members):
    data = client.get("/en/network/members/map.geojson?type=ngo").json()
    assert [f["properties"]["name"] for f in data["features"]] == ["Listed NGO"]


def test_member_detail_only_public(client, members):
    assert client.get(f"/en/network/members/{members['listed'].slug}/").status_code == 200
    for key in ("pending", "unlisted", "rejected"):
        assert client.get(f"/en/network/members/{members[key].slug}/").status_code == 404


def test_member_detail_never_shows_the_address(client, members):
    member = members["listed"]
    html = client.get(f"/en/network/members/{member.slug}/").content.decode()
    assert member.user.email not in html
    assert "Contact this member" in html


def test_pillar_page_progress(client, members):
    response = client.get("/en/network/pillars/textiles/")
    assert response.status_code == 200
    assert [m.name for m in response.context["members"]] == ["Listed Textiles"]
    assert response.context["member_count"] == 1
    assert response.context["progress"] == 25
    assert client.get("/en/network/pillars/nope/").status_code == 404
    listing = client.get("/en/network/pillars/")
    counts = {p.slug: p.member_count for p in listing.context["pillars"]}
    assert counts["textiles"] == 1 and counts["plastics"] == 1


def test_directory_query_count_is_constant(client, directory, django_assert_max_num_queries):
    pillar = make_pillar()
    region = make_region()
    for i in range(3):
        make_member(name=f"Few {i}", pillars=[pillar], region=region)
    with django_assert_max_num_queries(100) as few:
        client.get("/en/members/")
    for i in range(20):
        make_member(name=f"Many {i}", pillars=[pillar], region=region)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/en/members/")


def test_geojson_query_count_is_constant(client, django_assert_max_num_queries):
    for i in range(3):
        make_member(name=f"Geo {i}", latitude=42, longitude=23)
    with django_assert_max_num_queries(40) as few:
        client.get("/en/network/members/map.geojson")
    for i in range(15):
        make_member(name=f"Geo more {i}", latitude=42, longitude=23)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/en/network/members/map.geojson")


def test_directory_costs_a_few_queries_whatever_the_members_and_filters(
        client, directory, django_assert_max_num_queries):
    """28 queries before: every taxonomy was read twice per request (form choices, then
    names), each with locale look-ups; now names come from the generation-keyed cache."""
    pillars = [make_pillar("textiles", "Textiles"), make_pillar("plastics", "Plastics")]
    theme = make_theme()
    region, country = make_region(), make_country()

    def add(count, prefix):
        for i in range(count):
            member = make_member(name=f"{prefix} {i}", member_type="business", pillars=pillars,
                                 region=region, country=country)
            member.themes.set([theme])

    urls = ["/en/members/",
            f"/en/members/?pillar=textiles&theme={theme.slug}&type=business&region={region.slug}"]
    add(2, "Few")
    for url in urls:
        client.get(url)
        client.get(url)  # the first requests fill the caches
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert names(response) == {"Few 0", "Few 1"}
    add(30, "Many")
    for url in urls:
        client.get(url)  # a new generation: the new members' pillar links were saved
        client.get(url)
        with django_assert_max_num_queries(10):
            response = client.get(url)
        # Each member once, although it is linked to two pillars.
        assert len(response.context["members"]) == 24
        assert response.context["members"].paginator.count == 32
