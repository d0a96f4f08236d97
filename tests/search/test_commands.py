"""rebuild_search_index and search_status: locks, one-line errors, exit statuses.

Elasticsearch runs nowhere here: its tests use the loopback stand-ins of
``servers.py``. The concurrency tests run the real command in real processes
on this test's database file and index folder.
"""

import datetime as dt
import io
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from search import api
from search.models import Lease, OutboxEntry
from search.query import SearchQuery
from search.sync import document_removed
from tests.factories import make_page

ROOT = Path(__file__).resolve().parents[2]

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


def test_status_exits_non_zero_when_the_engine_is_down(elastic_site):
    from tests.search.servers import closed_port

    elastic_site(closed_port())
    out = io.StringIO()
    with pytest.raises(CommandError, match="elasticsearch search engine is down"):
        call_command("search_status", stdout=out)
    assert "engine: elasticsearch (DOWN)" in out.getvalue()
    assert "pending deletions: 0" in out.getvalue()


def test_status_exits_non_zero_when_the_embedded_index_is_unreadable(search_index, site_tree):
    run("rebuild_search_index", "--noinput")
    shutil.rmtree(search_index.base_dir / search_index.current_link.readlink())
    with pytest.raises(CommandError, match="embedded search engine is down"):
        run("search_status")


def test_status_lists_pending_deletions(search_index):
    for doc_id in ("member:12", "b2b:3", "member-activity:7"):
        document_removed(doc_id)
    OutboxEntry.objects.filter(doc_id="b2b:3").update(attempts=2, last_error="429 rejected")
    out, _err = run("search_status")
    assert "pending deletions: 3 (member:12, b2b:3, member-activity:7)" in out
    assert "pending: 2" in out and "failed: 1" in out


def test_rebuild_engine_errors_are_one_line(elastic_site):
    from tests.search.servers import closed_port

    elastic_site(closed_port())
    with pytest.raises(CommandError) as failure:
        run("rebuild_search_index", "--noinput")
    message = str(failure.value)
    assert message.startswith("The elasticsearch search engine failed:") and "\n" not in message
    assert "ConnectionError" in message
    assert not Lease.objects.exists()  # the lock went with the failed run


def test_rebuild_is_refused_while_another_machine_holds_the_lease(elastic_site, fake_es):
    engine = elastic_site(fake_es.url)
    now = timezone.now()
    Lease.objects.create(name=f"search-rebuild:{engine.alias}", holder="x", host="app-2",
                         pid=4242, acquired_at=now, expires_at=now + dt.timedelta(minutes=5))
    with pytest.raises(CommandError, match="already running .app-2 pid 4242"):
        run("rebuild_search_index", "--noinput")
    assert not fake_es.requests  # nothing was sent to the cluster


def test_a_lease_left_by_a_killed_rebuild_does_not_block(elastic_site, fake_es, site_tree):
    engine = elastic_site(fake_es.url)
    make_page(site_tree["en"], title="After the crash")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    now = timezone.now()
    Lease.objects.create(name=f"search-rebuild:{engine.alias}", holder="x",
                         host=socket.gethostname(), pid=int(dead.stdout), acquired_at=now,
                         expires_at=now + dt.timedelta(minutes=5))
    out, _err = run("rebuild_search_index", "--noinput")
    assert "Indexed" in out
    assert not Lease.objects.exists()


def test_the_cleanup_never_removes_the_folder_current_names(tmp_path):
    """Even if another rebuild swapped an older folder in meanwhile, it stays."""
    from search.engines.embedded import EmbeddedEngine
    from tests.search.conftest import CORPUS

    engine = EmbeddedEngine(tmp_path / "search")
    engine.rebuild(iter(CORPUS))
    first = engine.current_link.readlink()
    engine.rebuild(iter(CORPUS))
    engine._swap_to(engine.base_dir / first)  # as a concurrent rebuild would
    engine._remove_stale(keep=set(), before=time.time_ns())
    assert (engine.base_dir / first).is_dir()
    assert engine.search(SearchQuery(text="recycle")).total == 1


# Real processes: two rebuilds at once -------------------------------------------------


def command(settings, tmp_path, *args, **popen):
    """``manage.py *args`` in a new process on this test's database file and index folder."""
    from django.db import connection

    module = tmp_path / "rebuild_settings.py"
    module.write_text(
        "from pathlib import Path\n"
        "from website.settings.test import *  # noqa: F403\n"
        f"DATABASES['default']['NAME'] = {connection.settings_dict['NAME']!r}  # noqa: F405\n"
        f"SEARCH_INDEX_DIR = Path({str(settings.SEARCH_INDEX_DIR)!r})\n"
    )
    # DATABASE_URL stays: on PostgreSQL the process must reach the same server (test database).
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="rebuild_settings",
               PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def read_until(process, end):
    seen = ""
    while not seen.endswith(end):
        char = process.stdout.read(1)
        assert char, f"the process ended before {end!r}: {seen!r} {process.stderr.read()}"
        seen += char
    return seen


def assert_search_works():
    from search.engines import reset_engines

    reset_engines()
    response = api.search("concurrent")
    assert response.limited is False
    assert [hit.title for hit in response.results] == ["Concurrent page"]


@pytest.mark.django_db(transaction=True)
def test_a_second_rebuild_is_refused_while_the_first_runs(search_index, site_tree, settings,
                                                          tmp_path):
    make_page(site_tree["en"], title="Concurrent page")
    first = command(settings, tmp_path, "rebuild_search_index", stdin=subprocess.PIPE)
    # The first holds the lock from the start, so while it waits for its "y" ...
    read_until(first, "[y/N] ")
    second = command(settings, tmp_path, "rebuild_search_index", "--noinput")
    out, err = second.communicate(timeout=300)
    assert second.returncode != 0
    assert "is already running" in err and "Traceback" not in err
    out, err = first.communicate("y\n", timeout=300)
    assert first.returncode == 0, err
    assert "Indexed" in out
    assert_search_works()


@pytest.mark.django_db(transaction=True)
def test_rebuilds_started_together_leave_a_working_index(search_index, site_tree, settings,
                                                         tmp_path):
    make_page(site_tree["en"], title="Concurrent page")
    runs = [command(settings, tmp_path, "rebuild_search_index", "--noinput") for _ in range(3)]
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    assert any(code == 0 for code, _out, _err in results), results
    for code, _out, err in results:
        assert code == 0 or ("is already running" in err and "Traceback" not in err), err
    target = settings.SEARCH_INDEX_DIR / (settings.SEARCH_INDEX_DIR / "current").readlink()
    assert target.is_dir()
    assert_search_works()
