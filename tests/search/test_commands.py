"""rebuild_search_index and search_status."""

import io

import pytest
from django.core.management import call_command

from search import api
from search.models import OutboxEntry
from tests.factories import make_page

pytestmark = pytest.mark.django_db


def run(name, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_rebuild_indexes_public_pages_only_and_clears_the_outbox(search_index, site_tree):
    make_page(site_tree["en"], title="Rebuilt page")
    make_page(site_tree["en"], title="Rebuilt draft", publish_it=False)
    assert api.search("rebuilt").total == 0  # nothing processed the outbox yet
    out, err = run("rebuild_search_index", "--noinput")
    assert "Indexed" in out and "docs/s" in out
    assert "doc" in err  # the progress bar
    assert [hit.title for hit in api.search("rebuilt").results] == ["Rebuilt page"]
    assert not OutboxEntry.objects.exists()


def test_rebuild_swaps_the_index_folder(search_index, site_tree, settings):
    run("rebuild_search_index", "--noinput")
    first = (settings.SEARCH_INDEX_DIR / "current").readlink()
    run("rebuild_search_index", "--noinput")
    second = (settings.SEARCH_INDEX_DIR / "current").readlink()
    assert first != second
    assert (settings.SEARCH_INDEX_DIR / second).is_dir()


def test_status_reports_indexed_pending_and_failed(search_index, site_tree):
    make_page(site_tree["en"], title="Waiting page")
    OutboxEntry.objects.create(
        doc_id="page:999999",
        kind="page",
        object_pk="999999",
        attempts=3,
        last_error="EngineError: down",
    )
    out, _err = run("search_status")
    assert "engine: embedded (up)" in out
    assert "pending: 1" in out
    assert "failed: 1" in out
    assert "EngineError: down" in out
    out, _err = run("search_status", "--retry")
    assert "retried:" in out
    assert "pending: 0" in out and "failed: 0" in out
