"""The cached site chrome (navigation, footer, language links, routing) never goes stale."""

import pytest
from wagtail.models import PageViewRestriction, Site

from tests.factories import make_page, publish, translate
from website.models import NavigationSettings, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(site_tree):
    page = make_page(site_tree["bg"], StandardPage, title="За нас", slug="about")
    translate(page, "en", title="About us")
    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    nav.header_links = [("link", {"page": page, "label": ""})]
    nav.save()
    return page


def test_navigation_follows_a_renamed_page(client, about):
    assert "About us" in client.get("/en/").content.decode()
    english = about.get_translation(about.locale.__class__.objects.get(language_code="en"))
    english.title = "Who we are"
    publish(english)
    html = client.get("/en/").content.decode()
    assert "Who we are" in html
    assert "About us" not in html


def test_unpublished_page_leaves_navigation_and_routing(client, about):
    assert client.get("/bg/about/").status_code == 200
    about.unpublish()
    assert client.get("/bg/about/").status_code == 404
    assert 'href="/bg/about/"' not in client.get("/bg/").content.decode()


def test_routing_respects_privacy_set_after_caching(client, about):
    assert client.get("/bg/about/").status_code == 200
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/bg/about/").status_code == 302


def test_moved_page_answers_at_its_new_address(client, site_tree, about):
    parent = make_page(site_tree["bg"], StandardPage, title="Център", slug="centre")
    assert client.get("/bg/about/").status_code == 200
    about.move(parent, pos="last-child")
    old = client.get("/bg/about/")
    assert (old.status_code, old["Location"]) == (301, "/bg/centre/about/")
    assert client.get("/bg/centre/about/").status_code == 200


def test_page_costs_few_queries_on_a_warm_cache(client, about, django_assert_max_num_queries):
    # The first request creates the site settings row, which starts a new generation.
    # Five queries: the content generation (read once per request from the database,
    # since it no longer lives in the cache), the locale and the page rows.
    client.get("/en/about/")
    client.get("/en/about/")
    with django_assert_max_num_queries(5):
        assert client.get("/en/about/").status_code == 200
    client.get("/en/")
    with django_assert_max_num_queries(5):
        assert client.get("/en/").status_code == 200


def test_view_restrictions_are_skipped_only_where_none_can_apply(client, site_tree):
    """Pages outside any restricted section answer without the two restriction queries,
    and every page inside one (or an alias of one) stays as private as Wagtail makes it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    section = make_page(site_tree["en"], StandardPage, title="Members area", slug="area")
    inner = make_page(section, StandardPage, title="Inner minutes", slug="minutes")
    public = make_page(site_tree["en"], StandardPage, title="Open page", slug="open")
    assert client.get("/en/area/minutes/").status_code == 200

    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/en/area/minutes/").status_code == 302  # at once: a new generation
    alias = inner.create_alias(parent=site_tree["en"], update_slug="minutes-copy")
    # Stricter than Wagtail, which checks only the source page itself: an alias of a
    # page inside a private section is private too.
    assert client.get(alias.url).status_code == 302

    assert list(public.get_view_restrictions()) == []
    client.get("/en/open/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/open/").status_code == 200
    assert not [q for q in queries.captured_queries if "pageviewrestriction" in q["sql"]]
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/area/minutes/").status_code == 302
    assert [q for q in queries.captured_queries if "pageviewrestriction" in q["sql"]]

    PageViewRestriction.objects.filter(page=section).delete()
    assert client.get("/en/area/minutes/").status_code == 200


def test_the_footer_address_is_written_in_the_page_language(client, site_tree):
    """English and Greek footers showed "София, България": the address is translated now."""
    from wagtail.models import Locale

    from website.models import FooterText, SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.address = "София, България"
    settings.save()
    bg = FooterText.objects.create(body="<p>Център</p>", locale=Locale.objects.get(language_code="bg"))
    for code, address in (("en", "Sofia, Bulgaria"), ("el", "Σόφια, Βουλγαρία")):
        FooterText.objects.create(body="<p>Centre</p>", address=address, translation_key=bg.translation_key,
                                  locale=Locale.objects.get(language_code=code))
    for code, address in (("bg", "София, България"), ("en", "Sofia, Bulgaria"), ("el", "Σόφια, Βουλγαρία")):
        footer = client.get(f"/{code}/").content.decode().split('class="site-footer"', 1)[1]
        assert address in footer, code
        if code != "bg":
            assert "София" not in footer, code
