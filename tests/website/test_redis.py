"""The shared cache on a real Redis server, and the site when that server goes away.

``redis-server`` from Debian (``make test`` installs it) runs on a free loopback
port for each test, with no persistence; nothing is mocked. The pages are
rendered through the test client with the cache the production settings build
from ``REDIS_URL`` (``website.cache.FailSafeRedisCache``). Without the binary the
tests are skipped and say why.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from wagtail.models import PageViewRestriction, Site

from casestudies.models import CaseStudyPage
from tests.factories import make_page
from website.models import NavigationSettings, StandardPage

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
ROOT = Path(__file__).resolve().parents[2]
SECRET = "Board minutes: the shortlist of partners"

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db,
    pytest.mark.skipif(not os.path.exists(REDIS_SERVER),
                       reason="redis-server is not installed (make test installs it with apt)"),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self, folder):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", str(folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def keys(self, pattern="*"):
        return sorted(key.decode() for key in self.client.keys(pattern))

    def values(self):
        return b"".join(self.client.get(key) or b"" for key in self.client.keys("*"))

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path, settings):
    """A running Redis, and the site's cache on it as production builds it from REDIS_URL."""
    server = RedisServer(tmp_path)
    settings.REDIS_URL = server.url
    settings.CACHES = production_caches(server.url)
    yield server
    caches["default"].close()
    server.stop()


def production_caches(url):
    """The CACHES that website.settings.base builds from this REDIS_URL (a fresh interpreter)."""
    code = "import json, website.settings.base as s; print(json.dumps(s.CACHES))"
    env = {**os.environ, "REDIS_URL": url}
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                           capture_output=True, text=True)
    value = json.loads(found.stdout)
    assert value["default"]["BACKEND"] == "website.cache.FailSafeRedisCache"
    assert value["default"]["LOCATION"] == url
    return value


@pytest.fixture
def content(db):
    from tests.importing.builders import build_sections

    homes, sections = build_sections()
    about = make_page(homes["en"], StandardPage, title="About", slug="about", intro="Who we are")
    make_page(sections["casestudies"]["en"], CaseStudyPage, title="Pilot", slug="pilot",
              summary="Textile waste into insulation")
    board = make_page(homes["en"], StandardPage, title="Board room", slug="board",
                      intro=SECRET)
    PageViewRestriction.objects.create(page=board, restriction_type=PageViewRestriction.LOGIN)
    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    nav.header_links = [("link", {"page": about, "label": ""})]
    nav.save()
    return about


def about_link(response):
    """The text of the header's link to the About page."""
    found = re.search(r'<a [^>]*href="/en/about/"[^>]*>\s*([^<]+?)\s*<', response.content.decode())
    return found and found.group(1)


def chrome_generations(server):
    return {key.split(":")[3] for key in server.keys("*chrome:*")}


def test_pages_are_cached_in_redis_and_a_publish_invalidates_them(client, content, redis_server):
    assert redis_server.keys() == []
    response = client.get("/en/")
    assert response.status_code == 200
    assert about_link(response) == "About"
    cached = redis_server.keys("*chrome:*")
    assert any(":nav:" in key for key in cached) and any(":footer:" in key for key in cached)
    before = chrome_generations(redis_server)

    content.title = "About us"
    content.save_revision().publish()

    response = client.get("/en/")
    assert about_link(response) == "About us"  # not the navigation cached before
    assert len(chrome_generations(redis_server) - before) == 1  # a new generation's keys
    assert client.get("/en/about/").status_code == 200


def test_a_private_page_is_never_cached_or_shown(client, content, redis_server):
    for _round in range(2):  # the second from a warm cache
        response = client.get("/en/board/")
        assert response.status_code == 302 and "/login" in response["Location"]
        assert SECRET not in response.content.decode()
        assert client.get("/en/").status_code == 200
    assert SECRET.encode() not in redis_server.values()


def test_pages_render_uncached_when_redis_goes_away_and_readyz_says_so(
        client, content, redis_server, caplog):
    assert client.get("/en/").status_code == 200
    ready = client.get("/readyz").json()
    assert ready["checks"]["cache"] == {"ok": True, "backend": "redis"}
    assert ready["degraded"] == []

    redis_server.stop()
    for url in ("/en/", "/en/about/", "/en/case-studies/", "/en/case-studies/pilot/",
                "/en/search/?q=pilot", "/en/accounts/login/"):
        assert client.get(url).status_code == 200, url
    response = client.get("/en/board/")
    assert response.status_code == 302 and SECRET not in response.content.decode()
    content.title = "About the centre"
    content.save_revision().publish()
    assert about_link(client.get("/en/")) == "About the centre"
    assert "answered as a miss" in caplog.text

    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ready"  # pages still render
    assert body["degraded"] == ["cache"] and body["failed"] == []
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["cache"]["backend"] == "redis"
    assert body["checks"]["cache"]["error"] == "ConnectionError"
