"""One log line per request with its id, JSON logs, slow requests and queries, no secrets.

Everything runs through the real middleware stack with the test client; the
settings checks run ``manage.py`` in a subprocess with production settings.
"""

import io
import json
import logging
import re
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.website.test_settings import PRODUCTION_ENV, ROOT
from website.request_log import JsonFormatter, RequestIdFilter, request_id_var, sentry_before_send

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.website.log_urls")]

SECRET_PASSWORD = "Hunter2-Secret-Pass"
SECRET_TOKEN = "tok3n-Very-Secret"


@pytest.fixture
def json_log():
    """A root handler like the production console handler with LOG_FORMAT=json."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(old_level)


def request_lines(entries):
    return [entry for entry in entries if entry["logger"] == "website.requests"]


def test_one_line_per_request_with_its_id_on_every_record(json_log):
    response = Client().get("/logged/?page=2")
    assert response.status_code == 200
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    entries = json_log()
    (line,) = request_lines(entries)
    assert line["method"] == "GET" and line["path"] == "/logged/" and line["status"] == 200
    assert line["user"] == "-" and isinstance(line["duration_ms"], float)
    assert line["level"] == "INFO" and line["slow"] is False
    assert line["request_id"] == request_id
    (view_entry,) = [entry for entry in entries if entry["message"] == "inside the view"]
    assert view_entry["request_id"] == request_id
    # The next request gets an id of its own; outside a request there is none.
    assert Client().get("/logged/")["X-Request-ID"] != request_id
    logging.getLogger("tests").warning("between requests")
    assert json_log()[-1]["request_id"] == "-"


def test_the_plain_line_says_method_path_status_duration_and_user(caplog):
    user = get_user_model().objects.create_user("ana", "ana@example.org", "pw-for-ana-123")
    client = Client()
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="website.requests"):
        response = client.get("/logged/?q=x")
    (record,) = [r for r in caplog.records if r.name == "website.requests"]
    assert re.fullmatch(rf"GET /logged/ 200 \d+\.\dms user={user.pk}", record.getMessage())
    assert record.user == str(user.pk) and response["X-Request-ID"]


def test_the_error_of_a_failing_request_carries_its_id(json_log):
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    entries = json_log()
    (error,) = [entry for entry in entries if entry["logger"] == "django.request"]
    assert error["request_id"] == response["X-Request-ID"]
    assert "RuntimeError: something broke" in error["exception"]
    assert request_lines(entries)[0]["status"] == 500


@pytest.mark.parametrize(
    ("proxies", "incoming", "kept"),
    [
        (1, "req-42.abc:7_Z", True),
        (1, "has space", False),
        (1, "x" * 65, False),
        (1, "<script>", False),
        (1, "line\r\nSet-Cookie: a=b", False),
        (0, "req-42", False),  # no proxy in front: a visitor could choose it
    ],
)
def test_an_incoming_request_id_is_kept_only_from_a_trusted_proxy_and_only_if_safe(
    settings, json_log, proxies, incoming, kept
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    response = Client().get("/logged/", headers={"X-Request-ID": incoming})
    if kept:
        assert response["X-Request-ID"] == incoming
    else:
        assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert request_lines(json_log())[0]["request_id"] == response["X-Request-ID"]


def test_slow_requests_and_queries_are_warnings_without_sql_parameters(settings, json_log):
    settings.SLOW_REQUEST_MS = 0
    settings.SLOW_QUERY_MS = 0
    Client().get("/logged/")
    entries = json_log()
    (line,) = request_lines(entries)
    assert line["level"] == "WARNING" and line["slow"] is True
    assert line["message"].endswith(" slow")
    queries = [entry for entry in entries if entry["logger"] == "website.queries"]
    (lookup,) = [entry for entry in queries if '"auth_user"' in entry["message"]]
    assert lookup["level"] == "WARNING" and lookup["request_id"] == line["request_id"]
    assert lookup["message"].startswith("slow query ") and "%s" in lookup["message"]
    assert "nobody-by-this-name" not in json.dumps(entries)


def test_negative_thresholds_turn_the_warnings_off(settings, json_log):
    settings.SLOW_REQUEST_MS = -1
    settings.SLOW_QUERY_MS = -1
    Client().get("/logged/")
    entries = json_log()
    assert request_lines(entries)[0]["level"] == "INFO"
    assert not [entry for entry in entries if entry["logger"] == "website.queries"]


def test_no_password_or_token_from_a_url_or_a_form_reaches_the_logs(
    settings, site_tree, json_log, caplog
):
    """Slow thresholds at 0, so that every query is logged as well."""
    settings.SLOW_REQUEST_MS = 0
    settings.SLOW_QUERY_MS = 0
    get_user_model().objects.create_user("ana", "ana@example.org", "pw-for-ana-123")
    client = Client()
    with caplog.at_level(logging.DEBUG):
        client.get(f"/logged/?password={SECRET_PASSWORD}&token={SECRET_TOKEN}")
        client.post(
            f"/en/accounts/login/?next=/en/&token={SECRET_TOKEN}",
            {"login": "ana@example.org", "password": SECRET_PASSWORD},
        )
        client.post(
            "/en/accounts/login/", {"login": "ana@example.org", "password": "pw-for-ana-123"}
        )
        reset = client.get(f"/en/accounts/password/reset/key/1-{SECRET_TOKEN}/")
        client.get(f"/en/accounts/confirm-email/{SECRET_TOKEN}/")
    entries = json_log()
    paths = [entry["path"] for entry in request_lines(entries)]
    assert paths[:3] == ["/logged/", "/en/accounts/login/", "/en/accounts/login/"]
    assert paths[3] == "/en/accounts/password/reset/key/[redacted]-[redacted]/", reset.status_code
    assert paths[4] == "/en/accounts/confirm-email/[redacted]/"
    everything = json.dumps(entries) + caplog.text
    for secret in (SECRET_PASSWORD, SECRET_TOKEN, "pw-for-ana-123"):
        assert secret not in everything
    assert len([e for e in entries if e["logger"] == "website.queries"]) > 5


def test_an_error_in_json_carries_no_query_string(json_log):
    """Django logs errors with the request object, whose repr shows the full URL."""
    Client(raise_request_exception=False).get(f"/broken/?token={SECRET_TOKEN}")
    entries = json_log()
    assert [e["status"] for e in request_lines(entries)] == [500]
    assert [e["status_code"] for e in entries if e["logger"] == "django.request"] == [500]
    assert SECRET_TOKEN not in json.dumps(entries)


def test_sentry_events_get_the_request_id_and_lose_the_query_string():
    event = {"request": {"url": f"https://hub.example.org/x/?token={SECRET_TOKEN}",
                         "query_string": f"token={SECRET_TOKEN}", "method": "GET"}}
    token = request_id_var.set("abc123")
    try:
        sent = sentry_before_send(event, {})
    finally:
        request_id_var.reset(token)
    assert sent["tags"] == {"request_id": "abc123"}
    assert sent["request"] == {"url": "https://hub.example.org/x/", "method": "GET"}


def _manage_shell(code, tmp_path, **env):
    import os

    skip = {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "ADMINS", "SENTRY_DSN"}
    base = {k: v for k, v in os.environ.items() if k not in skip}
    return subprocess.run(
        [sys.executable, "manage.py", *(["shell", "--no-imports", "-c", code] if code else ["check"])], cwd=ROOT, capture_output=True,
        text=True, timeout=120, env={**base, **PRODUCTION_ENV, "VAR_DIR": str(tmp_path), **env},
    )


def test_log_format_json_writes_one_json_object_per_line(tmp_path):
    code = (
        "import logging; log = logging.getLogger('website.check'); "
        "log.warning('first %s', 'line'); log.error('second', extra={'status': 503})"
    )
    result = _manage_shell(code, tmp_path, LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stderr.strip().splitlines()]
    assert [(e["level"], e["message"]) for e in entries] == [("WARNING", "first line"),
                                                             ("ERROR", "second")]
    assert entries[1]["status"] == 503 and entries[1]["request_id"] == "-"
    assert entries[0]["logger"] == "website.check" and entries[0]["time"]


def test_plain_logs_by_default_and_a_bad_log_format_refuses_to_start(tmp_path):
    result = _manage_shell("import logging; logging.getLogger('x').warning('hi')", tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.search(r" WARNING x \[-\]: hi$", result.stderr.strip())
    result = _manage_shell("", tmp_path, LOG_FORMAT="xml")  # manage.py check
    assert result.returncode != 0 and "LOG_FORMAT must be" in result.stderr


def test_sentry_is_on_only_with_a_dsn_and_sends_no_personal_data(tmp_path):
    code = (
        "import sentry_sdk; c = sentry_sdk.get_client(); "
        "print(c.is_active(), c.options['send_default_pii'], c.options['max_request_body_size'])"
    )
    off = _manage_shell(code, tmp_path)
    assert off.returncode == 0, off.stderr
    assert off.stdout.split()[0] == "False"
    on = _manage_shell(code, tmp_path, SENTRY_DSN="http://public@127.0.0.1:9/1")
    assert on.returncode == 0, on.stderr
    assert on.stdout.split() == ["True", "False", "never"]
