"""Sign-up answer time for a known and an unknown address (account enumeration by timing).

Serves the site with gunicorn and production settings (PBKDF2 password hashing,
the database task queue with no worker, so mail waits in the queue as it does
when the mail server is slow) on a fresh database under a temporary VAR_DIR,
then posts the sign-up form N times for addresses that already have an account
and N times for new ones, alternating, and prints the median answer time of
each. Each sign-up uses its own address and client IP (X-Forwarded-For with
TRUSTED_PROXY_COUNT=1), so allauth's per-IP and per-address limits stay out of
the figures.

Run: .venv/bin/python bench/signup_timing.py [N]
"""

import http.client
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import gunicorn, manage, print_table, server_env  # noqa: E402

PASSWORD = "a-Long-passw0rd!-for-bench"  # noqa: S105 - a throw-away bench database
CREATE_KNOWN = """
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
User = get_user_model()
for number in range({n}):
    email = f"known{{number}}@bench.example"
    user = User.objects.create_user(username=email, email=email, password="x")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
"""


def post_signup(base, email, ip):
    """GET the form (for the CSRF token), then time the POST; returns (seconds, status)."""
    url = urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    headers = {"X-Forwarded-For": ip}
    conn.request("GET", "/en/accounts/signup/", headers=headers)
    page = conn.getresponse()
    html = page.read().decode()
    # The CSRF cookie is marked Secure; send it back by hand over plain HTTP.
    cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie") or "").group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urlencode({
        "csrfmiddlewaretoken": token, "email": email, "password1": PASSWORD,
        "password2": PASSWORD, "consent": "on",
    })
    headers.update({
        "Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded",
    })
    started = time.perf_counter()
    conn.request("POST", "/en/accounts/signup/", body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed, response.status


def main(n=15):
    with tempfile.TemporaryDirectory(prefix="signup-bench-") as var_dir:
        env = server_env(
            VAR_DIR=var_dir, TRUSTED_PROXY_COUNT="1",
            EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        )
        manage("migrate", "--noinput", "-v", "0", env=env)
        manage("shell", "-c", CREATE_KNOWN.format(n=n + 1), env=env)
        times = {"known": [], "unknown": []}
        statuses = set()
        with gunicorn(env=env, workers=1) as base:
            post_signup(base, "warm-up@bench.example", "10.9.9.9")
            for number in range(n):
                for kind, email in (("known", f"known{number}@bench.example"),
                                    ("unknown", f"new{number}@bench.example")):
                    ip = f"10.{1 if kind == 'known' else 2}.{number // 250}.{number % 250 + 1}"
                    elapsed, status = post_signup(base, email, ip)
                    times[kind].append(elapsed * 1000)
                    statuses.add(status)
        rows = [
            {"address": kind, "n": len(values), "median_ms": statistics.median(values),
             "min_ms": min(values), "max_ms": max(values)}
            for kind, values in times.items()
        ]
        print_table(
            f"Sign-up POST, gunicorn 1 worker, production settings (answers: {sorted(statuses)})",
            rows, ["address", "n", "median_ms", "min_ms", "max_ms"],
        )
        difference = rows[1]["median_ms"] - rows[0]["median_ms"]
        print(f"\nmedian difference (unknown - known): {difference:+.1f} ms")
        return rows


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
