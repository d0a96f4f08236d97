"""The web's conventions: meta description, Open Graph and Twitter card, canonical and
hreflang links, the sitemap with alternates and member profiles, /favicon.ico, the web app
manifest, breadcrumbs and share links. Real pages, parsed with html.parser; the sitemap
parsed as XML."""

import json
import xml.etree.ElementTree as ET  # noqa: S405 - parses this site's own sitemap
from html.parser import HTMLParser

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import make_page, translate
from tests.network.factories import make_member
from website.models import StandardPage

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
HOST = "http://localhost"  # the default Wagtail site in tests (SITE_URL's host)


class Head(HTMLParser):
    """The <meta>, <link> and JSON-LD of a page, and its breadcrumb trail."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.json_ld, self.crumbs = {}, [], [], None
        self._in_json = self._in_crumbs = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta.setdefault(attrs.get("property") or attrs.get("name"), []).append(
                attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json = True
        elif tag == "nav" and "breadcrumbs" in (attrs.get("class") or ""):
            self.crumbs, self._in_crumbs = {"label": attrs.get("aria-label"), "items": []}, True
        elif tag == "li" and self._in_crumbs:
            self.crumbs["items"].append({"current": attrs.get("aria-current"), "text": ""})

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_crumbs = False
        if tag == "script":
            self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld.append(json.loads(data))
        elif self._in_crumbs and self.crumbs["items"]:
            self.crumbs["items"][-1]["text"] += data.strip()

    def one(self, name):
        values = self.meta.get(name, [])
        assert len(values) == 1, (name, values)
        return values[0]

    def link(self, rel):
        return [link for link in self.links if link.get("rel") == rel]

    def hreflangs(self):
        return {link["hreflang"]: link["href"] for link in self.link("alternate")
                if link.get("hreflang")}


@pytest.fixture
def about(site_tree):
    page = make_page(site_tree["bg"], StandardPage, title="За центъра", slug="about",
                     intro="Център за социални иновации в Пловдив.")
    translate(page, "en", title="About the centre", intro="A centre for social innovation.")
    translate(page, "el", title="Σχετικά με το κέντρο", intro="Ένα κέντρο κοινωνικής καινοτομίας.")
    return page


def sitemap(client, **headers):
    return ET.fromstring(client.get("/sitemap.xml", **headers).content)  # noqa: S314 - our own XML


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


@pytest.mark.parametrize("language,title,intro,locale", [
    ("bg", "За центъра", "Център за социални иновации в Пловдив.", "bg_BG"),
    ("en", "About the centre", "A centre for social innovation.", "en_GB"),
    ("el", "Σχετικά με το κέντρο", "Ένα κέντρο κοινωνικής καινοτομίας.", "el_GR"),
])
def test_a_page_describes_itself_in_its_language(client, about, language, title, intro, locale):
    page = head(client, f"/{language}/about/")
    assert page.one("description") == intro
    assert page.one("og:title") == title
    assert page.one("og:description") == intro
    assert page.one("twitter:card") == "summary"
    assert page.one("og:locale") == locale
    assert len(page.meta["og:locale:alternate"]) == 2
    assert page.one("og:url") == f"{HOST}/{language}/about/"
    assert [link["href"] for link in page.link("canonical")] == [f"{HOST}/{language}/about/"]
    assert page.hreflangs() == {
        "bg": f"{HOST}/bg/about/", "en": f"{HOST}/en/about/", "el": f"{HOST}/el/about/",
        "x-default": f"{HOST}/bg/about/",
    }


def test_search_description_wins_and_a_page_without_text_gets_the_translated_default(
        client, about, site_tree):
    about.search_description = "Кои сме и какво правим."
    about.save_revision().publish()
    assert head(client, "/bg/about/").one("description") == "Кои сме и какво правим."
    bare = make_page(site_tree["el"], StandardPage, title="Κενή", slug="bare")
    description = head(client, bare.url).one("description")
    assert "κοινωνική καινοτομία" in description
    assert head(client, bare.url).hreflangs() == {}  # one language: no alternates


def test_drafts_and_restricted_translations_are_never_named(client, about):
    from wagtail.models import Locale

    greek = about.get_translation(Locale.objects.get(language_code="el"))
    PageViewRestriction.objects.create(page=greek, restriction_type=PageViewRestriction.LOGIN)
    english = about.get_translation(Locale.objects.get(language_code="en"))
    english.unpublish()
    links = head(client, "/bg/about/").hreflangs()
    assert links == {}  # only the Bulgarian page is live and public
    body = client.get("/sitemap.xml").content.decode()
    assert "/el/about/" not in body and "/en/about/" not in body
    root = sitemap(client)
    url = next(u for u in root.findall("sm:url", NS)
               if u.find("sm:loc", NS).text == f"{HOST}/bg/about/")
    assert url.findall("xhtml:link", NS) == []


def test_the_sitemap_names_every_translation_with_x_default(client, about):
    root = sitemap(client)
    urls = {u.find("sm:loc", NS).text: u for u in root.findall("sm:url", NS)}
    alternates = {link.get("hreflang"): link.get("href")
                  for link in urls[f"{HOST}/el/about/"].findall("xhtml:link", NS)}
    assert alternates == {
        "bg": f"{HOST}/bg/about/", "en": f"{HOST}/en/about/", "el": f"{HOST}/el/about/",
        "x-default": f"{HOST}/bg/about/",
    }


def test_the_sitemap_lists_public_members_only_on_the_canonical_host(client, site_tree, settings):
    settings.ALLOWED_HOSTS = ["*"]
    make_member(name="Зелена нишка", slug="zelena-nishka")
    make_member(name="Unlisted Ltd", slug="unlisted", listed=False)
    from network.choices import Status

    make_member(name="Pending Ltd", slug="pending", status=Status.PENDING)
    root = sitemap(client, HTTP_HOST="other.example.org")
    locations = [u.find("sm:loc", NS).text for u in root.findall("sm:url", NS)]
    members = [loc for loc in locations if "/network/members/" in loc]
    assert sorted(members) == sorted(
        f"{HOST}/{code}/network/members/zelena-nishka/" for code in ("bg", "en", "el"))
    assert all(loc.startswith(HOST + "/") for loc in locations)
    url = next(u for u in root.findall("sm:url", NS)
               if u.find("sm:loc", NS).text == members[0])
    hreflangs = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
    assert hreflangs == {code: f"{HOST}/{code}/network/members/zelena-nishka/"
                         for code in ("bg", "en", "el")} | {
        "x-default": f"{HOST}/bg/network/members/zelena-nishka/"}


@pytest.mark.parametrize("language", ["bg", "en", "el"])
def test_a_member_page_has_its_own_head_and_breadcrumbs(client, site_tree, language):
    make_member(name="Зелена нишка", slug="zelena-nishka", description="Рециклиране на текстил.")
    page = head(client, f"/{language}/network/members/zelena-nishka/")
    assert page.one("og:title") == "Зелена нишка"
    assert page.one("description") == "Рециклиране на текстил."
    assert page.hreflangs()["x-default"] == f"{HOST}/bg/network/members/zelena-nishka/"
    assert page.crumbs["items"][-1] == {"current": "page", "text": "Зелена нишка"}
    assert page.json_ld[0]["@type"] == "BreadcrumbList"


@pytest.mark.parametrize("language,label", [
    ("bg", "Навигационна пътека"), ("en", "Breadcrumbs"), ("el", "Διαδρομή πλοήγησης")])
def test_breadcrumbs_on_every_page_below_home(client, about, site_tree, language, label):
    page = head(client, f"/{language}/about/")
    assert page.crumbs["label"] == label
    items = page.crumbs["items"]
    assert [item["current"] for item in items] == [None, "page"]
    assert items[0]["text"] == site_tree[language].title
    data = page.json_ld[0]
    assert [item["position"] for item in data["itemListElement"]] == [1, 2]
    assert data["itemListElement"][0]["item"] == f"{HOST}/{language}/"
    assert head(client, f"/{language}/").crumbs is None


def test_json_ld_cannot_close_its_script_element(client, site_tree):
    make_page(site_tree["en"], StandardPage, title="</script><b>x</b>", slug="tricky")
    html = client.get("/en/tricky/").content.decode()
    assert "</script><b>" not in html
    assert Head(html).json_ld[0]["itemListElement"][-1]["name"] == "</script><b>x</b>"


def test_favicon_ico_is_a_real_icon(client, db):
    from io import BytesIO

    from PIL import Image

    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(BytesIO(b"".join(response.streaming_content) if response.streaming
                              else response.content))
    assert icon.format == "ICO"
    assert (32, 32) in icon.info["sizes"]


@pytest.mark.parametrize("language,name", [
    ("bg", "Competence Hub: социални иновации и кръгова икономика"),
    ("en", "Competence Hub: social innovation and circular economy"),
    ("el", "Competence Hub: κοινωνική καινοτομία και κυκλική οικονομία")])
def test_the_manifest_is_in_the_page_language_and_linked_from_the_head(
        client, about, language, name, settings):
    from django.contrib.staticfiles import finders

    page = head(client, f"/{language}/about/")
    [link] = page.link("manifest")
    assert link["href"] == f"/{language}/manifest.webmanifest"
    response = client.get(link["href"])
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == name
    assert manifest["short_name"] == "Competence Hub"  # the brand, as in the header
    assert manifest["lang"] == language
    assert manifest["start_url"] == f"/{language}/"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    assert page.one("theme-color") == manifest["theme_color"]
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL))


def test_theme_colour_is_the_header_colour_of_the_stylesheet():
    from django.conf import settings

    from website.seo import THEME_COLOUR

    css = (settings.BASE_DIR / "website/static/website/css/site.css").read_text()
    assert ".site-header { background: var(--green-700);" in css
    assert f"--green-700: {THEME_COLOUR};" in css
