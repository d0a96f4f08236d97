"""The whole site on a full disk: production settings under gunicorn, ``VAR_DIR`` on a tmpfs.

Everything the site writes on its own (the SQLite database, the file cache,
the search index, static files) lives under ``VAR_DIR``; when that disk is full
the public pages and the login form still render, from the database and
uncached. Mounting the tmpfs needs root; elsewhere the test is skipped (the
cache's failures are covered portably in ``test_cache.py``).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/bg/", "/en/", "/en/about/", "/en/accounts/login/", "/en/accounts/signup/",
         "/en/search/?q=about", "/robots.txt", "/sitemap.xml"]
CONTENT = """
from tests.factories import build_site_tree, make_page
from website.models import StandardPage
homes = build_site_tree()
make_page(homes["en"], StandardPage, title="About", slug="about", intro="Who we are")
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - local server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def var_dir(tmp_path):
    mount_point = tmp_path / "var"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", str(mount_point)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs needs root")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(folder):
    descriptor = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(descriptor, b"x" * 65536)
    except OSError:
        pass
    try:
        while True:  # the last few blocks
            os.write(descriptor, b"x" * 512)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def test_public_pages_and_login_render_from_a_full_disk(var_dir):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": "full-disk-test-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "REQUIRE_STAFF_2FA": "false",
        "VAR_DIR": str(var_dir),
        "DATABASE_URL": "",
        "REDIS_URL": "",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"],
                    ["shell", "-c", CONTENT]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # The server's output goes to a file beside the tmpfs (a pipe nobody reads would fill
    # up with the request log and stall the workers).
    output = (var_dir.parent / "server.log").open("wb")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "website.wsgi", "-b",
         f"127.0.0.1:{port}", "-w", "2"],
        cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if status(base + "/robots.txt") == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        for url in PAGES:  # both workers open their database connection
            assert status(base + url) == 200, url
        for entry in (var_dir / "cache").glob("*"):
            entry.unlink()  # nothing cached any more: every page must write, and cannot
        fill(var_dir)
        assert os.statvfs(var_dir).f_bavail == 0
        for _round in range(2):
            for url in PAGES:
                assert status(base + url) == 200, url
        assert not list((var_dir / "cache").glob("*.djcache"))
    finally:
        server.terminate()
        server.wait(timeout=30)
        output.close()
    log = (var_dir.parent / "server.log").read_text(errors="replace")
    assert "answered as a miss" in log
    assert "Internal Server Error" not in log
