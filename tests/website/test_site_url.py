"""Every absolute URL the site hands out comes from SITE_URL, through the Wagtail Site.

The setup step is the real one: ``migrate`` (its post_migrate handler) makes the
default site follow SITE_URL. Then feeds, calendars, API v2, the sitemap,
robots.txt and e-mails name only https://hub.example.org, whichever allowed host
the request used.
"""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from network import moderation
from network.models import EventIndexPage, EventPage
from tests.factories import make_page
from tests.importing.builders import (
    build_sections,
    build_taxonomy,
    call,
    case_study,
    import_records,
    policy,
    tool,
)
from tests.network.factories import make_activity, make_member
from website import site_url

pytestmark = pytest.mark.django_db

CANONICAL = "https://hub.example.org"
URL = re.compile(r"https?://[^\s\"'<>]+")
# Addresses that are content, not links to this site (sources in the import, RSS namespaces).
FOREIGN = ("https://example.org/", "http://www.w3.org/", "http://purl.org/",
           "http://backend.userland.com/", "http://www.sitemaps.org/")


@pytest.fixture
def hub(settings, db):
    homes, _sections = build_sections()
    build_taxonomy()
    settings.SITE_URL = CANONICAL
    settings.WAGTAILADMIN_BASE_URL = CANONICAL
    call_command("migrate", verbosity=0)  # the setup step: the default site follows SITE_URL
    import_records(case_study(), tool(), policy(),
                   call(deadline=(timezone.now() + dt.timedelta(days=30)).isoformat()))
    index = make_page(homes["en"], EventIndexPage, title="Events", slug="events")
    start = timezone.now() + dt.timedelta(days=10)
    make_page(index, EventPage, title="Forum", slug="forum", start=start,
              end=start + dt.timedelta(hours=2), place="Sofia")
    make_activity(title="Member meetup")
    return homes


def site_urls(text):
    return [url for url in URL.findall(text) if not url.startswith(FOREIGN)]


PATHS = [
    "/en/feeds/case-studies/rss/", "/en/feeds/case-studies/atom/", "/en/feeds/tools/rss/",
    "/en/feeds/policies/atom/", "/en/feeds/calls/rss/", "/en/feeds/calls/deadlines.ics",
    "/en/network/events/feed.ics", "/sitemap.xml", "/robots.txt",
    "/api/v2/pages/", "/api/v2/case-studies/?fields=_,html_url,detail_url", "/api/v2/calls/",
]


@pytest.mark.parametrize("host", ["testserver", "localhost", "127.0.0.1"])
def test_feeds_calendars_api_and_sitemap_link_only_to_site_url(client, hub, host):
    assert Site.objects.get(is_default_site=True).root_url == CANONICAL
    for path in PATHS:
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, path
        text = response.content.decode()
        if path.endswith(".ics"):
            text = text.replace("\r\n ", "")  # iCalendar folds long lines
        urls = site_urls(text)
        assert urls, path
        assert all(url.startswith(CANONICAL + "/") for url in urls), (path, urls)
        assert "localhost" not in text and "127.0.0.1" not in text, path


def test_the_ical_uid_does_not_change_with_the_host(client, hub):
    first = client.get("/en/feeds/calls/deadlines.ics", HTTP_HOST="localhost").content
    second = client.get("/en/feeds/calls/deadlines.ics", HTTP_HOST="127.0.0.1").content
    uids = re.findall(rb"UID:(\S+)", first)
    assert uids and uids == re.findall(rb"UID:(\S+)", second)
    assert all(uid.endswith(b"@hub.example.org") for uid in uids)


def test_mail_sent_without_a_request_links_to_site_url(hub, django_capture_on_commit_callbacks):
    member = make_member(name="Hub NGO")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.notify(member, approved=True)
    body = mail.outbox[-1].body
    assert site_urls(body) and all(u.startswith(CANONICAL) for u in site_urls(body))
    assert "localhost" not in body and "127.0.0.1" not in body


def test_changing_site_url_and_migrating_again_is_enough(settings, hub, client):
    settings.SITE_URL = "http://hub.example.org:8080"
    assert [m.id for m in site_url.check_site_url()] == ["website.W001"]
    call_command("migrate", verbosity=0)
    assert site_url.check_site_url() == []
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("hub.example.org", 8080)
    feed = client.get("/en/feeds/case-studies/rss/").content.decode()
    assert all(u.startswith("http://hub.example.org:8080/") for u in site_urls(feed))


@pytest.mark.parametrize("value", [
    "hub.example.org", "ftp://hub.example.org", "https://hub.example.org/en/",
    "https://hub.example.org:8443", "https://hub.example.org?x=1", "http://:80",
])
def test_an_unusable_site_url_is_a_system_check_error(settings, db, value):
    settings.SITE_URL = value
    assert [m.id for m in site_url.check_site_url()] == ["website.E001"]
    with pytest.raises(site_url.SiteURLError):
        site_url.site_address()
