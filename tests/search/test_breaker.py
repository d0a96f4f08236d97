"""One circuit breaker for every caller: a dead, silent or sick engine costs one failure per cool-down.

No Elasticsearch runs here: the stand-ins of ``servers.py`` play it over real
loopback sockets (one never answers, one refuses, one answers 503), and the
engine, its client and every page run unchanged against them. The assertions
count connections and requests, never time.
"""

import shutil
import threading

import pytest

from search import api
from search.engines import EngineError, EngineUnavailable, RequestRejected
from search.engines.breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker
from search.models import OutboxEntry
from search.sync import process_outbox
from tests.importing.builders import build_sections, build_taxonomy, case_study, import_records
from tests.network.factories import make_directory, make_member, make_post
from tests.search.servers import closed_port

pytestmark = pytest.mark.django_db

LIMITED = "Search is temporarily limited"


@pytest.fixture
def site(search_index):
    """A case study, a member with an offer, the case-study section and the directory (en)."""
    homes, _sections = build_sections()
    build_taxonomy()
    import_records(case_study(title="Textile reuse hub"))
    make_directory(homes["en"])
    member = make_member(name="Textile Cooperative")
    return {"post": make_post(member=member, title="Textile offcuts for reuse")}


def every_caller(client, site):
    """Each way a visitor reaches the engine; all answer 200, the searches with the notice."""
    page = client.get("/en/search/", {"q": "textile"})
    assert page.status_code == 200
    assert LIMITED in page.content.decode()
    assert "Textile reuse hub" in page.content.decode()  # from the database fallback,
    assert "Textile Cooperative" in page.content.decode()  # members (not in Wagtail's index) too
    section = client.get("/en/case-studies/", {"q": "textile"})
    assert section.status_code == 200
    assert LIMITED in section.content.decode()
    assert "Textile reuse hub" in section.content.decode()  # the section's own database search
    directory = client.get("/en/members/", {"q": "textile"})
    assert LIMITED in directory.content.decode()
    assert "Textile Cooperative" in directory.content.decode()
    assert client.get("/api/search/", {"q": "textile"}).json()["limited"] is True
    assert client.get("/api/search/suggest/", {"q": "tex"}).json() == {"suggestions": []}
    post = client.get(site["post"].get_absolute_url())  # related items: the database's only
    assert post.status_code == 200


def test_a_silent_engine_is_waited_for_once_then_skipped_by_every_caller(
    client, site, elastic_site, silent_es, settings
):
    elastic_site(silent_es.url, timeout=0.3)
    every_caller(client, site)
    assert silent_es.connections == 1  # the first search waited for its timeout; nobody since
    # Index updates wait in the outbox without knocking either.
    waiting = OutboxEntry.objects.count()
    assert waiting and process_outbox() == (0, 0, waiting)
    assert "EngineUnavailable" in OutboxEntry.objects.first().last_error
    assert silent_es.connections == 1
    # After the cool-down one request probes the engine (and, still silent, opens it again).
    settings.SEARCH_BREAKER_SECONDS = 0
    assert api.search("textile").limited is True
    assert silent_es.connections == 2


def test_a_refused_connection_opens_the_breaker(client, site, elastic_site):
    engine = elastic_site(closed_port())
    every_caller(client, site)
    assert engine.breaker.state == OPEN
    assert "ConnectionError" in engine.breaker.last_error


def test_a_sick_cluster_is_probed_after_the_cool_down_and_trusted_again(
    client, site, elastic_site, fake_es, settings
):
    fake_es.status = 503
    engine = elastic_site(fake_es.url)
    every_caller(client, site)
    assert len(fake_es.requests) == 1
    fake_es.status = None  # the cluster recovers
    assert len(fake_es.requests) == 1 and api.search("textile").limited is True
    settings.SEARCH_BREAKER_SECONDS = 0
    assert api.search("textile").limited is False  # the probe: a ping, then the search
    assert engine.breaker.state == CLOSED
    assert fake_es.requests[1:] == [("HEAD", "/"), ("POST", "/competence-hub/_search")]
    settings.SEARCH_BREAKER_SECONDS = 3600
    html = client.get("/en/case-studies/", {"q": "textile"}).content.decode()
    assert LIMITED not in html
    assert len(fake_es.requests) == 4  # closed again: every search asks the engine


def test_a_missing_embedded_index_is_limited_search_never_an_empty_one(search_index, site):
    """The live folder vanished: searches fall back, and no empty index takes its place."""
    process_outbox()
    assert api.search("textile").total >= 1
    live = search_index.current_link.readlink()
    shutil.rmtree(search_index.base_dir / live)
    response = api.search("textile")
    assert response.limited is True
    assert "Textile reuse hub" in [hit.title for hit in response.results]
    assert search_index.current_link.readlink() == live
    assert search_index.healthy() is False


class TestStates:
    """The breaker itself, with a callable instead of an engine."""

    def fail(self):
        raise EngineError("down")

    def test_a_failure_opens_it_and_nothing_is_asked_until_the_cool_down(self, settings):
        breaker, calls = CircuitBreaker("test"), []
        with pytest.raises(EngineError):
            breaker.call(self.fail)
        assert breaker.state == OPEN
        with pytest.raises(EngineUnavailable):
            breaker.call(calls.append, 1)
        assert calls == []
        settings.SEARCH_BREAKER_SECONDS = 0
        assert breaker.state == HALF_OPEN
        assert breaker.call(calls.append, 2) is None
        assert calls == [2] and breaker.state == CLOSED

    def test_a_failed_probe_opens_it_again(self, settings):
        breaker = CircuitBreaker("test")
        with pytest.raises(EngineError):
            breaker.call(self.fail)
        settings.SEARCH_BREAKER_SECONDS = 0
        with pytest.raises(EngineError):
            breaker.call(self.fail)
        settings.SEARCH_BREAKER_SECONDS = 3600
        assert breaker.state == OPEN

    def test_a_failed_quick_probe_spares_the_real_request(self, settings):
        answers, calls = [False], []
        breaker = CircuitBreaker("test", probe=lambda: answers[0])
        with pytest.raises(EngineError):
            breaker.call(self.fail)
        settings.SEARCH_BREAKER_SECONDS = 0
        with pytest.raises(EngineUnavailable):
            breaker.call(calls.append, 1)
        assert calls == [] and "down" in breaker.last_error  # the cause of the outage stays
        answers[0] = True
        breaker.call(calls.append, 2)
        assert calls == [2] and breaker.state == CLOSED

    def test_a_refused_request_leaves_it_closed(self):
        breaker = CircuitBreaker("test")

        def refuse():
            raise RequestRejected("400 bad request")

        with pytest.raises(RequestRejected):
            breaker.call(refuse)
        assert breaker.state == CLOSED

    def test_one_probe_at_a_time(self, settings):
        breaker = CircuitBreaker("test")
        with pytest.raises(EngineError):
            breaker.call(self.fail)
        settings.SEARCH_BREAKER_SECONDS = 0
        probing, release, results = threading.Event(), threading.Event(), []

        def slow_probe():
            probing.set()
            release.wait(30)
            return "answered"

        probe = threading.Thread(target=lambda: results.append(breaker.call(slow_probe)))
        probe.start()
        assert probing.wait(30)
        with pytest.raises(EngineUnavailable):  # the probe is still out: others do not ask
            breaker.call(self.fail)
        release.set()
        probe.join(30)
        assert results == ["answered"] and breaker.state == CLOSED
