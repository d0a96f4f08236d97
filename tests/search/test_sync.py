"""Publishing, unpublishing, privacy, moves and deletion reach the index through the outbox."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search import api
from search.engines.base import EngineError
from search.engines.embedded import EmbeddedEngine
from search.models import OutboxEntry
from search.sync import process_outbox
from tests.factories import make_page

pytestmark = pytest.mark.django_db


def found(text, **filters):
    return [hit.title for hit in api.search(text, **filters).results]


@pytest.fixture
def publish_and_sync(django_capture_on_commit_callbacks, search_index, site_tree):
    """Run ``action`` and the on-commit index task it schedules."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def test_published_page_is_indexed_with_its_fields(publish_and_sync, site_tree):
    page = publish_and_sync(
        lambda: make_page(
            site_tree["en"],
            title="Composting guide",
            intro="Turning food waste into soil.",
            body=[("paragraph", "<p>Worms <b>love</b> coffee grounds.</p>")],
        )
    )
    response = api.search("coffee")
    assert [hit.id for hit in response.results] == [f"page:page-{page.pk}"]
    hit = response.results[0]
    assert (hit.kind, hit.language, hit.url) == ("page", "en", page.url)
    assert hit.summary == "Turning food waste into soil."
    assert not OutboxEntry.objects.exists()


def test_drafts_never_reach_the_index(publish_and_sync, site_tree):
    publish_and_sync(lambda: make_page(site_tree["en"], title="Secret draft", publish_it=False))
    assert found("secret") == []


def test_unpublish_removes(publish_and_sync, site_tree):
    page = publish_and_sync(lambda: make_page(site_tree["en"], title="Short lived"))
    assert found("short") == ["Short lived"]
    publish_and_sync(page.unpublish)
    assert found("short") == []


def test_private_pages_leave_and_come_back(publish_and_sync, site_tree):
    parent = publish_and_sync(lambda: make_page(site_tree["en"], title="Members area"))
    child = publish_and_sync(lambda: make_page(parent, title="Members handbook"))
    restriction = publish_and_sync(
        lambda: PageViewRestriction.objects.create(
            page=parent, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    )
    assert found("members") == []
    publish_and_sync(restriction.delete)
    assert sorted(found("members")) == ["Members area", "Members handbook"]
    assert child.pk


def test_delete_removes_the_page_and_its_children(publish_and_sync, site_tree):
    parent = publish_and_sync(lambda: make_page(site_tree["en"], title="Old section"))
    publish_and_sync(lambda: make_page(parent, title="Old subsection"))
    assert len(found("old")) == 2
    publish_and_sync(parent.delete)
    assert found("old") == []


def test_move_under_a_private_page_removes(publish_and_sync, site_tree):
    private = publish_and_sync(lambda: make_page(site_tree["en"], title="Vault"))
    publish_and_sync(
        lambda: PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    )
    page = publish_and_sync(lambda: make_page(site_tree["en"], title="Wandering page"))
    assert found("wandering") == ["Wandering page"]
    publish_and_sync(lambda: page.move(private, pos="last-child"))
    assert found("wandering") == []


def test_languages_are_kept_apart(publish_and_sync, site_tree):
    publish_and_sync(lambda: make_page(site_tree["bg"], title="Кръгова икономика"))
    publish_and_sync(lambda: make_page(site_tree["el"], title="Κυκλική οικονομία"))
    assert found("икономиката", language="bg") == ["Кръгова икономика"]
    assert found("κυκλικής οικονομίας") == ["Κυκλική οικονομία"]
    assert found("икономиката", language="el") == []


class FailingEngine(EmbeddedEngine):
    """A real engine whose writes fail, as when the disk or the cluster is gone."""

    def index_documents(self, documents):
        raise EngineError("engine is down")

    def delete_documents(self, doc_ids):
        raise EngineError("engine is down")


def test_failed_writes_wait_with_backoff_and_are_retried(search_index, site_tree, tmp_path):
    # The test database transaction never commits, so nothing runs on commit here.
    page = make_page(site_tree["en"], title="Patient page")
    entry = OutboxEntry.objects.get()
    assert entry.doc_id == f"page:page-{page.pk}"

    failing = FailingEngine(tmp_path / "failing")
    assert process_outbox(engine=failing) == (0, 0, 1)
    entry.refresh_from_db()
    assert entry.attempts == 1
    assert "engine is down" in entry.last_error
    assert entry.next_attempt_at > timezone.now()

    # Not due yet: nothing is tried.
    assert process_outbox(engine=failing) == (0, 0, 0)
    # Later the second failure doubles the wait.
    later = timezone.now() + dt.timedelta(minutes=5)
    process_outbox(engine=failing, now=later)
    entry.refresh_from_db()
    assert entry.attempts == 2
    assert entry.next_attempt_at - later >= dt.timedelta(seconds=20)

    # The engine is back: the update is written and the row goes.
    assert process_outbox(now=later + dt.timedelta(hours=2)) == (1, 0, 0)
    assert not OutboxEntry.objects.exists()
    assert found("patient") == ["Patient page"]


def test_changes_in_one_transaction_merge(search_index, site_tree):
    page = make_page(site_tree["en"], title="Busy page")
    page.title = "Busy page, renamed"
    page.save_revision().publish()
    page.unpublish()
    assert OutboxEntry.objects.count() == 1
    assert process_outbox() == (0, 1, 0)
    assert found("busy") == []


def test_documents_waiting_for_their_removal_are_never_shown(search_index):
    """A removal the engine has not confirmed (here: not yet processed) hides the document."""
    from search.sync import document_removed
    from tests.search.conftest import CORPUS, make_doc

    search_index.index_documents([*CORPUS, make_doc("tool:8", title="Fibre sorting guide",
                                                    themes=["circular-economy"])])
    assert "case:2" in [hit.id for hit in api.search("recycle").results]
    assert "Recycling old clothes into fibre" in [s["title"] for s in api.suggest("recycl")]
    assert "case:2" in [hit.id for hit in api.related("tool:8")]
    document_removed("case:2")
    assert "case:2" not in [hit.id for hit in api.search("recycle").results]
    assert "Recycling old clothes into fibre" not in [s["title"] for s in api.suggest("recycl")]
    assert "case:2" not in [hit.id for hit in api.related("tool:8")]


def test_due_updates_are_retried_from_requests_without_a_worker(search_index, site_tree):
    """``sweep_outbox`` (a request-time sweep) sends the outbox task for due rows, at most
    once per ``SEARCH_OUTBOX_SWEEP_SECONDS`` (the test backend runs the task at once)."""
    from django.core.cache import cache
    from django.test import override_settings

    from search.sync import sweep_outbox

    page = make_page(site_tree["en"], title="Waiting page")  # no commit: the row stays
    assert OutboxEntry.objects.filter(doc_id=f"page:page-{page.pk}").exists()
    cache.delete("search:outbox-swept")
    with override_settings(REQUEST_TIME_SWEEPS=["search.sync.sweep_outbox"]):
        assert sweep_outbox() is True
        assert not OutboxEntry.objects.exists()
        assert found("waiting") == ["Waiting page"]
        make_page(site_tree["en"], title="Second page")
        assert sweep_outbox() is None  # swept moments ago
