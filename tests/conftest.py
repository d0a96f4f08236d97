import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses
# database access from such threads unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture
def site_tree(db):
    """Home pages in bg (the site root), en and el."""
    from tests.factories import build_site_tree

    return build_site_tree()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches Debian's Chromium: no browser downloads here."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (make test installs it with apt)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def demo_content(transactional_db):
    """The full demo content, loaded by the real command."""
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)


DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_serialized_rollback"}


@pytest.fixture(autouse=True)
def wagtail_base_rows(request):
    """Put back the rows Wagtail's data migrations create (root page, default locale).

    Tests that run in real transactions end by flushing every table, which also
    removes those rows for the tests that run after them in the same process.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not DB_FIXTURES & set(request.fixturenames):
        return
    transactional = (marker is not None and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.contrib.contenttypes.models import ContentType

    from tests.factories import ensure_wagtail_base_rows

    # The content-type cache is per process and outlives the test that filled it: an id
    # cached from rows a rolled-back test created, or from before another test's flush,
    # names no row now (Page.save then fails "content_type ... is not a valid choice").
    ContentType.objects.clear_cache()
    if not ContentType.objects.exists():
        # A test with serialized_rollback ends with a flush that skips post_migrate: the
        # content types and permissions are gone while this process still caches their ids.
        from django.core.management.sql import emit_post_migrate_signal

        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    ensure_wagtail_base_rows()


@pytest.fixture(autouse=True)
def isolated_search_index(settings, tmp_path_factory):
    """Each test starts with an empty search index of its own.

    The database rolls back after a test; the index on disk does not, so without
    this a document written by one test would still be found by the next.
    """
    from search.engines import reset_engines
    from search.sync import documents_changed

    settings.SEARCH_INDEX_DIR = tmp_path_factory.mktemp("search-index")
    reset_engines()
    documents_changed()  # and the fallback's cached documents of other tests' (rolled back) rows
    yield
    reset_engines()


@pytest.fixture(autouse=True)
def mail_goes_through_the_queue(settings):
    """Django's test set-up swaps EMAIL_BACKEND for its in-memory one; put the queue back.

    Mail then takes the production path: an outgoing-mail row, sent by the task
    after commit through MAIL_DELIVERY_BACKEND (in-memory, ``mail.outbox``).
    """
    settings.EMAIL_BACKEND = "website.mail.QueuedEmailBackend"


@pytest.fixture
def dead_smtp(settings):
    """A real dead mail server: Django's SMTP backend aimed at a closed loopback port.

    Nothing is mocked: connecting is refused by the operating system, as it is
    when the site's mail server is down.
    """
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    return port


@pytest.fixture
def working_smtp(settings):
    """Call to bring the mail server back: Django's in-memory backend (``mail.outbox``)."""

    def bring_back():
        settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    return bring_back


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache.

    Cache keys carry the content generation, which lives in the database and
    rolls back with it after each test; without this, a test would find what
    an earlier one cached under the same generation number.
    """
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def elastic_site(settings):
    """``use(url)`` points the site's engine at an Elasticsearch URL (a stand-in from servers.py).

    A short client timeout, a cool-down no test outlives (a test shortens it to
    see the probe).
    """
    from search.engines import get_engine, reset_engines

    def use(url, timeout=0.5):
        settings.ELASTICSEARCH_URL = url
        settings.ELASTICSEARCH_TIMEOUT = timeout
        settings.SEARCH_BREAKER_SECONDS = 3600
        reset_engines()
        return get_engine()

    yield use
    reset_engines()


@pytest.fixture
def fake_es():
    from tests.search.servers import FakeElasticsearch

    server = FakeElasticsearch()
    yield server
    server.close()


@pytest.fixture
def silent_es():
    from tests.search.servers import SilentServer

    server = SilentServer()
    yield server
    server.close()
