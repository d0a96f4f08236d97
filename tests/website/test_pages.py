"""Every page type renders for anonymous visitors in each language."""

import pytest
from django.apps import apps

from tests.factories import make_page, translate
from website.demo_loader import SECTIONS
from website.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site_tree):
    """A standard page and every section index page, in all three languages."""
    built = {}
    bg_home = site_tree["bg"]
    about = make_page(bg_home, StandardPage, title="За центъра", slug="about", intro="Въведение")
    built["standard"] = {
        "bg": about,
        "en": translate(about, "en", title="About the centre", intro="Introduction"),
        "el": translate(about, "el", title="Σχετικά με το κέντρο", intro="Εισαγωγή"),
    }
    for slug, app_label, model_name, _key in SECTIONS:
        model = apps.get_model(app_label, model_name)
        page = make_page(bg_home, model, title=f"Раздел {slug}", slug=slug)
        built[slug] = {
            "bg": page,
            "en": translate(page, "en", title=f"Section {slug}"),
            "el": translate(page, "el", title=f"Ενότητα {slug}"),
        }
    return built


@pytest.mark.parametrize("language", ["bg", "en", "el"])
def test_home_page_renders_in_each_language(client, site_tree, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert '<main id="main"' in html
    assert site_tree[language].title in html


@pytest.mark.parametrize("language", ["bg", "en", "el"])
def test_every_page_type_renders_in_each_language(client, pages, language):
    for kind, by_language in pages.items():
        page = by_language[language]
        response = client.get(page.url)
        assert response.status_code == 200, (kind, page.url)
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, kind
        assert f"<h1>{page.title}</h1>" in html, kind


def test_page_urls_carry_the_language_prefix(pages):
    assert pages["standard"]["bg"].url == "/bg/about/"
    assert pages["standard"]["en"].url == "/en/about/"
    assert pages["standard"]["el"].url == "/el/about/"


def test_root_redirects_by_browser_preference(client, site_tree):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="el-GR,el;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/el/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")
    assert response["Location"] == "/bg/"


def test_language_switcher_links_to_the_translation(client, pages):
    html = client.get("/bg/about/").content.decode()
    assert 'href="/en/about/" lang="en"' in html
    assert 'href="/el/about/" lang="el"' in html


def test_language_switcher_falls_back_to_home_without_translation(client, site_tree):
    only_bulgarian = make_page(site_tree["bg"], StandardPage, title="Само на български", slug="bg-only")
    html = client.get(only_bulgarian.url).content.decode()
    assert 'href="/en/" lang="en"' in html
    assert 'href="/el/" lang="el"' in html


def test_draft_and_private_pages_are_not_public(client, site_tree):
    from wagtail.models import PageViewRestriction

    draft = make_page(site_tree["en"], StandardPage, title="Draft plan", slug="draft", publish_it=False)
    assert client.get("/en/draft/").status_code == 404
    private = make_page(site_tree["en"], StandardPage, title="Members only", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/en/private/")
    assert response.status_code == 302
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/en/private/" not in sitemap
    assert "/en/draft/" not in sitemap
    assert draft.title not in sitemap


def test_sitemap_lists_pages_in_every_language(client, pages):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for language in ("bg", "en", "el"):
        assert f"/{language}/about/" in body


def test_robots_txt_points_to_the_sitemap(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    # The canonical site's sitemap (the default Wagtail site), whatever host was asked.
    assert "Sitemap: http://localhost/sitemap.xml" in response.content.decode()


@pytest.mark.parametrize("language", ["bg", "en", "el"])
def test_missing_page_answers_a_friendly_404(client, site_tree, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'role="search"' in html


def test_server_error_page_needs_no_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "Нещо се обърка" in html


def test_pages_make_no_request_to_another_host(client, pages):
    """What the browser fetches (src, stylesheets, icons, the manifest) is on this site.

    Canonical and alternate links name addresses (absolute, on the canonical host)
    without loading them, and plain links are followed only when clicked.
    """
    from html.parser import HTMLParser

    class Fetched(HTMLParser):
        def __init__(self):
            super().__init__()
            self.urls = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if attrs.get("src"):
                self.urls.append(attrs["src"])
            if tag == "link" and attrs.get("rel") not in ("canonical", "alternate"):
                self.urls.append(attrs.get("href", ""))

    for by_language in pages.values():
        parser = Fetched()
        parser.feed(client.get(by_language["en"].url).content.decode())
        external = [url for url in parser.urls if url.startswith(("http:", "https:", "//"))]
        assert external == [], external
        assert parser.urls
