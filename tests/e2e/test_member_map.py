"""The member map in a real browser: the site's own outlines, clustered markers, no other host.

Every request the page makes is recorded with Playwright; with no tile server set
(the default) all of them must go to the test server, and the page runs under the
Content-Security-Policy without one violation.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.test_csp import RECORD
from tests.network.factories import make_directory, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_map_draws_outlines_and_members_from_this_site_only(page, live_server, settings):
    from tests.importing.builders import build_sections

    settings.MAP_TILE_URL = ""
    homes, _sections = build_sections()
    directory = make_directory(homes["en"])
    for name in ("Sofia Reuse", "Sofia Repair", "Sofia Textiles"):
        make_member(name=name, city="София")
    make_member(name="Varna Ports", city="Varna")
    make_member(name="Hidden Plovdiv", city="Пловдив", listed=False)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.context.add_init_script(RECORD)

    page.goto(f"{live_server.url}{directory.url}?view=map")
    map_area = page.get_by_role("region", name="Map of members")
    # Bulgaria's 28 provinces and the countries around it, drawn as SVG paths.
    expect(map_area.locator("path.basemap-province")).to_have_count(28)
    expect(map_area.locator("path.basemap-country").first).to_be_attached()
    # Varna's marker alone, named for the member; Sofia's three grouped in a cluster.
    expect(map_area.get_by_role("button", name="Varna Ports")).to_be_visible()
    cluster = map_area.locator(".marker-cluster")
    expect(cluster).to_have_count(1)
    expect(cluster).to_have_attribute("aria-label", "3 · Group of members: zoom in to see them")
    expect(map_area.get_by_role("button", name="Hidden Plovdiv")).to_have_count(0)
    # The list beside the map has every member, with its link.
    expect(page.locator(".member-list").get_by_role("link", name="Sofia Repair")).to_be_visible()
    # A marker opens its popup from the keyboard.
    map_area.get_by_role("button", name="Varna Ports").focus()
    page.keyboard.press("Enter")
    expect(map_area.locator(".leaflet-popup").get_by_role("link", name="Varna Ports")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []

    host = urlsplit(live_server.url).netloc
    assert any(url.endswith("/basemap/basemap.json") for url in requests)
    assert [url for url in requests if urlsplit(url).netloc != host and not url.startswith("data:")] == []
