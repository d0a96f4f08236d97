"""Restricted pages stay restricted whatever the cache loses or expires.

These run on the file cache that production uses without ``REDIS_URL`` (the
suite's in-memory cache hid the defect): the content generation once lived in
the cache, fell back to 1 when its key expired, was evicted or was cleared, and
the restriction list cached under that old generation made a private page
public again. Time is advanced by moving the file cache's clock, which is what
it reads to decide expiry.
"""

import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.cache.backends import filebased
from wagtail.models import Page, PageViewRestriction

from casestudies.models import CaseStudyPage
from tests.factories import make_page
from website import chrome
from website.models import ContentGeneration, StandardPage

pytestmark = pytest.mark.django_db

SECRET = "Minutes of the board: the secret plan"


@pytest.fixture
def file_cache(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "website.cache.FailSafeFileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
    cache.clear()
    return tmp_path / "cache"


class Clock:
    """The file cache's clock, moved forward by ``advance``."""

    def __init__(self):
        self.offset = 0

    def time(self):
        return time.time() + self.offset

    def advance(self, seconds):
        self.offset += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(filebased, "time", clock)
    return clock


@pytest.fixture
def sections(db):
    from tests.importing.builders import build_sections

    return build_sections()[1]


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("reader", "reader@example.org", "pw-12345678")


@pytest.fixture
def minutes(site_tree):
    return make_page(site_tree["en"], StandardPage, title="Board minutes", slug="minutes",
                     intro=SECRET)


def restrict(page, **fields):
    fields.setdefault("restriction_type", PageViewRestriction.LOGIN)
    return PageViewRestriction.objects.create(page=page, **fields)


def assert_refused(client, url):
    response = client.get(url)
    assert SECRET not in response.content.decode()
    assert response.status_code == 302
    assert "login" in response["Location"]


def each_key_lost(folder):
    """Lose each cache entry in turn, the others kept as they were (for the loop body)."""
    snapshot = {path: path.read_bytes() for path in Path(folder).glob("*.djcache")}
    assert snapshot
    for lost in snapshot:
        for path in Path(folder).glob("*.djcache"):
            path.unlink()
        for path, content in snapshot.items():
            if path != lost:
                path.write_bytes(content)
        yield lost


def test_every_cache_file_lost_one_at_a_time(client, member, minutes, file_cache):
    """The restricted page, cached while public, stays refused whichever key the cache loses."""
    assert SECRET in client.get("/en/minutes/").content.decode()  # public: everything cached
    restrict(minutes)
    assert_refused(client, "/en/minutes/")
    for _lost in each_key_lost(file_cache):
        assert_refused(client, "/en/minutes/")
    cache.clear()
    assert_refused(client, "/en/minutes/")
    client.force_login(member)
    assert SECRET in client.get("/en/minutes/").content.decode()


def test_restriction_outlives_every_timeout(client, member, minutes, file_cache, clock):
    """Past the default timeout (300 s), the chrome's hour and a day: still refused."""
    client.get("/en/minutes/")
    restrict(minutes)
    assert_refused(client, "/en/minutes/")
    for seconds in (330, 3_600, 86_400):
        clock.advance(seconds)
        assert_refused(client, "/en/minutes/")
    client.force_login(member)
    assert SECRET in client.get("/en/minutes/").content.decode()


def test_password_restriction_outlives_cache_loss(client, minutes, file_cache, clock):
    client.get("/en/minutes/")
    restrict(minutes, restriction_type=PageViewRestriction.PASSWORD, password="opensesame")
    for lose in (lambda: None, lambda: clock.advance(400), cache.clear):
        lose()
        response = client.get("/en/minutes/")
        html = response.content.decode()
        assert SECRET not in html
        assert 'name="password"' in html


def test_generation_is_durable_and_only_grows(file_cache):
    first = chrome.generation()
    chrome.bump()
    second = chrome.generation()
    assert second > first
    cache.clear()
    assert chrome.generation() == second == ContentGeneration.objects.get().value
    # Even without its row (deleted by hand), the next number is above every earlier one.
    ContentGeneration.objects.all().delete()
    assert chrome.generation() > second


def test_a_request_reads_the_generation_once(client, minutes, file_cache,
                                             django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/en/minutes/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/minutes/").status_code == 200
    reads = [q for q in queries.captured_queries if "website_contentgeneration" in q["sql"]]
    assert len(reads) == 1


@pytest.fixture
def pilot(sections):
    index = sections["casestudies"]["en"]
    make_page(index, CaseStudyPage, title="Secret pilot", slug="secret-pilot", summary=SECRET)
    return index


def test_cards_and_listing_forget_a_page_made_private(client, pilot, file_cache, clock):
    """The case-study index caches its listing and cards: a restricted page leaves both."""
    url = pilot.url
    assert "Secret pilot" in client.get(url).content.decode()
    client.get(url)
    restrict(Page.objects.get(slug="secret-pilot"))
    for _lost in each_key_lost(file_cache):
        assert "Secret pilot" not in client.get(url).content.decode()
    for lose in (lambda: clock.advance(330), cache.clear):
        lose()
        html = client.get(url).content.decode()
        assert "Secret pilot" not in html
        assert SECRET not in html
