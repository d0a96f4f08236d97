"""Key pages in a real browser, with the Content-Security-Policy on: not one violation.

Every page records the browser's ``securitypolicyviolation`` events (and any
"Content Security Policy" console message, which frames report too); a test
fails on any. The map's tiles come from a tile server an operator set
(MAP_TILE_URL), answered here by Playwright with a local image (the machine is
offline): the policy must let the map view load them and nothing else.
"""

import base64

import pytest
from playwright.sync_api import expect

from casestudies.models import CaseStudyPage
from tests.factories import make_page
from tests.network.factories import make_directory, make_member
from tests.search.conftest import search_index  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (event) => window.__csp.push(
    [event.effectiveDirective, event.blockedURI, event.sourceFile + ':' + event.lineNumber]));
"""
# A 1x1 transparent PNG, standing in for a map tile.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


@pytest.fixture
def watched(page):
    page.context.add_init_script(RECORD)
    console = []
    page.on("console", lambda message: console.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: console.append(f"page error: {error}"))
    tiles = []

    def tile(route):
        tiles.append(route.request.url)
        route.fulfill(body=TILE, content_type="image/png")

    page.route("https://tiles.example.org/**", tile)
    page.console_csp, page.tiles = console, tiles
    return page


def visit(page, url):
    response = page.goto(url)
    assert "default-src 'self'" in response.headers.get("content-security-policy", ""), url
    return response


def assert_no_violation(page, label):
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__csp")
    assert violations == [], (label, violations)
    assert page.console_csp == [], (label, page.console_csp)


@pytest.fixture
def site(db):
    from tests.importing.builders import build_sections

    homes, sections = build_sections()
    make_page(sections["casestudies"]["en"], CaseStudyPage, title="Recycling textiles",
              slug="recycling-textiles", summary="Old clothes into new fibre.")
    directory = make_directory(homes["en"])
    for name, (lat, lon) in {"Rodopa Knitwear": (41.64, 25.37),
                             "Sofia Upcycling": (42.69, 23.32)}.items():
        make_member(name=name, latitude=lat, longitude=lon, city="Sofia")
    return {"homes": homes, "sections": sections, "directory": directory}


@pytest.mark.usefixtures("search_index")
def test_public_pages_run_under_the_policy(watched, live_server, site, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    page, base = watched, live_server.url

    visit(page, f"{base}/en/")
    assert_no_violation(page, "home")

    visit(page, f"{base}/en/case-studies/recycling-textiles/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Recycling textiles")
    assert_no_violation(page, "case study")

    visit(page, f"{base}/en/search/")
    page.locator("#search-q").press_sequentially("recycling tex", delay=30)
    expect(page.locator("#search-suggestions li a", has_text="Recycling textiles")).to_be_visible()
    assert_no_violation(page, "search with suggestions")

    visit(page, f"{base}{site['directory'].url}?view=map")
    expect(page.locator("#member-map .leaflet-marker-icon")).to_have_count(2)
    icon = page.locator("#member-map .leaflet-marker-icon").first.get_attribute("src")
    assert icon.startswith(f"{base}/static/website/vendor/leaflet/images/"), icon
    expect(page.locator("#member-map img.leaflet-tile-loaded").first).to_be_attached()
    assert page.tiles, "the map asked for no tile"
    assert_no_violation(page, "member map")

    visit(page, f"{base}/en/accounts/signup/")
    expect(page.locator("#id_email")).to_be_visible()
    assert_no_violation(page, "sign-up form")

    visit(page, f"{base}/en/accounts/login/")
    assert_no_violation(page, "login form")


def test_the_admin_and_the_userbar_run_under_the_admin_policy(watched, live_server, site):
    from django.contrib.auth import get_user_model

    page, base = watched, live_server.url
    get_user_model().objects.create_superuser("editor", "editor@example.org", "correct horse 42")
    case_study = CaseStudyPage.objects.get(slug="recycling-textiles")

    visit(page, f"{base}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse 42")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/admin/")
    assert_no_violation(page, "dashboard")

    for path in ("/admin/pages/", "/admin/users/", "/admin/images/", "/admin/documents/",
                 f"/admin/pages/{case_study.get_parent().pk}/"):
        visit(page, base + path)
        assert_no_violation(page, path)

    visit(page, f"{base}/admin/pages/{case_study.pk}/edit/")
    page.click("button[data-side-panel-toggle='status']")
    page.locator("button[data-a11y-dialog-show='set-privacy']").first.click()
    expect(page.locator("input[name=restriction_type][value=groups]")).to_be_attached()
    assert_no_violation(page, "page editor and privacy dialog")

    visit(page, f"{base}/en/case-studies/recycling-textiles/")
    page.locator("wagtail-userbar >> button.w-userbar-trigger").click()
    assert_no_violation(page, "userbar")
