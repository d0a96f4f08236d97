"""/healthz and /readyz: each dependency stopped in turn gives 503 and names it.

Elasticsearch runs nowhere here: the engine-down case points the site at a
port nothing listens on (``tests/search/servers.py``); the embedded engine's
case deletes its live index folder. The database case points the connection at
a database that cannot be opened; the disk case raises the threshold.
"""

import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from search.engines import get_engine, reset_engines
from search.models import OutboxEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def embedded(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "site-search"
    settings.ELASTICSEARCH_URL = ""
    reset_engines()
    yield get_engine()
    reset_engines()


def ready(client, status):
    response = client.get("/readyz")
    assert response.status_code == status, response.content
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response and "Location" not in response


def test_probes_are_not_sent_to_a_language_or_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    for path in ("/healthz", "/readyz", "/healthz/"):
        response = client.get(path, HTTP_HOST="10.0.0.7")  # a probe by address
        assert response.status_code in (200, 503), (path, response.status_code)


def test_readyz_is_ready_when_everything_answers(client, embedded, site_tree):
    body = ready(client, 200)
    assert body["status"] == "ready" and body["failed"] == []
    checks = body["checks"]
    assert checks["database"] == {"ok": True, "vendor": connection.vendor}
    assert checks["search"]["ok"] and checks["search"]["engine"] == "embedded"
    assert checks["outbox"]["ok"] and checks["tasks"]["ok"] and checks["disk"]["ok"]
    assert checks["disk"]["free_bytes"] > 0


def test_readyz_reports_the_outbox_backlog_and_its_age(client, embedded, settings):
    entry = OutboxEntry.objects.create(doc_id="page:1", kind="page", object_pk="1", attempts=2)
    OutboxEntry.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - timezone.timedelta(hours=2))
    outbox = ready(client, 200)["checks"]["outbox"]
    assert outbox["waiting"] == 1 and outbox["failed"] == 1
    assert 7200 <= outbox["oldest_age_seconds"] < 7300
    settings.READYZ_BACKLOG_MAX_AGE = 3600
    body = ready(client, 503)
    assert body["failed"] == ["outbox"]


def test_readyz_counts_the_task_queue_with_the_database_backend(client, embedded, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    DBTaskResult.objects.create(task_path="search.tasks.process_outbox", args_kwargs={},
                                queue_name="default", backend_name="default")
    tasks = ready(client, 200)["checks"]["tasks"]
    assert tasks["backend"] == "database" and tasks["waiting"] == 1


def test_readyz_and_search_status_agree_when_elasticsearch_is_down(client, elastic_site):
    from tests.search.servers import closed_port

    elastic_site(closed_port())
    body = ready(client, 503)
    assert body["failed"] == ["search"]
    assert body["checks"]["search"] == {"ok": False, "engine": "elasticsearch",
                                        "error": "no answer"}
    assert "127.0.0.1" not in json.dumps(body)  # no address of the cluster
    with pytest.raises(CommandError, match="elasticsearch search engine is down"):
        call_command("search_status", stdout=io.StringIO())


def test_readyz_is_not_ready_when_the_embedded_index_is_unreadable(client, embedded, site_tree):
    call_command("rebuild_search_index", "--noinput", stdout=io.StringIO(),
                 stderr=io.StringIO())
    ready(client, 200)
    shutil.rmtree(embedded.base_dir / embedded.current_link.readlink())
    body = ready(client, 503)
    assert body["failed"] == ["search"]
    with pytest.raises(CommandError, match="embedded search engine is down"):
        call_command("search_status", stdout=io.StringIO())


def test_readyz_is_not_ready_below_the_free_disk_threshold(client, embedded, settings):
    settings.READYZ_DISK_MIN_FREE_BYTES = 10**18
    body = ready(client, 503)
    assert body["failed"] == ["disk"]
    assert body["checks"]["disk"]["min_free_bytes"] == 10**18


@pytest.mark.django_db(transaction=True)
def test_database_down_makes_readyz_fail_and_healthz_still_answer(client, embedded, tmp_path):
    """The connection is pointed at a database that cannot be opened, then put back."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
    else:
        connection.settings_dict["NAME"] = "no_such_database_for_readyz"
    try:
        body = ready(client, 503)
        assert client.get("/healthz").status_code == 200
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    assert body["failed"] == ["database"]
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["outbox"]["ok"] is None  # not asked: no database
    assert "missing" not in json.dumps(body)
