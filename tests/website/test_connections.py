"""Requests reuse the worker's database connection; SQLite's pragmas apply once per connection.

The test client disconnects Django's per-request connection handling
(``close_old_connections`` on request start and end), so these requests go
through Django's real WSGI handler, as gunicorn calls it, outside a test
transaction (which would keep any connection open anyway).
"""

import io
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.db.backends.signals import connection_created

pytestmark = pytest.mark.urls("tests.website.log_urls")


def wsgi_get(handler, path):
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    environ["HTTP_HOST"] = "testserver"
    statuses = []
    body = b"".join(handler(environ, lambda status, headers: statuses.append(status)))
    return statuses[0], body


def test_two_requests_share_one_connection_opened_once(transactional_db):
    handler = WSGIHandler()
    opened = []

    def count(sender, connection, **kwargs):
        opened.append(connection.alias)

    connection.close()  # the first request opens it, with the settings in force
    connection_created.connect(count)
    try:
        assert wsgi_get(handler, "/logged/") == ("200 OK", b"ok")  # the view queries
        first = connection.connection
        assert wsgi_get(handler, "/logged/") == ("200 OK", b"ok")
        assert connection.connection is first is not None
    finally:
        connection_created.disconnect(count)
    assert opened == ["default"]  # the first request connected; the second did not
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
