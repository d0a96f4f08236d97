"""The README's scale-out promise, rehearsed on one machine (``make scale-rehearsal``).

Starts, on loopback ports in a throwaway folder: PostgreSQL and Redis from
Debian's packages, two gunicorn app servers (production settings, nothing shared
but ``DATABASE_URL``, ``REDIS_URL`` and the uploads folder), nginx in front of
them (static files, ``X-Accel-Redirect`` for documents, ``/media/documents/``
refused) and one ``db_worker``. Then checks what several app servers must get
right and prints PASS or FAIL for each; the exit status is 1 when one failed.

Everything it starts is stopped at the end, whatever happened. Debian's
binaries are expected (``make scale-rehearsal`` installs postgresql, redis-server
and nginx-light with apt when missing).
"""

import glob
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PASSWORD = "rehearsal-" + secrets.token_hex(8)
DOCUMENT = b"Board minutes: not for the public"
BATCH = 1500  # outbox rows for the worker-killing check (three of the outbox's batches)

SETUP = """
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Site
from tests.factories import build_site_tree, make_page
from website.models import NavigationSettings, StandardPage

homes = build_site_tree()
about = make_page(homes["en"], StandardPage, title="About", slug="about", intro="Who we are")
news = make_page(homes["en"], StandardPage, title="News", slug="news", intro="What is new")
nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
nav.header_links = [("link", {"page": about, "label": ""})]
nav.save()
admin = get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
board = Collection.get_first_root_node().add_child(name="Board")
CollectionViewRestriction.objects.create(collection=board,
                                         restriction_type=CollectionViewRestriction.LOGIN)
document = get_document_model().objects.create(
    title="Minutes", collection=board, file=ContentFile(DOCUMENT, name="minutes.txt"))
print(json.dumps({"about": about.pk, "news": news.pk, "document": document.url,
                  "document_file": document.file.name}))
"""

DRAFT = """
from wagtail.models import Page
page = Page.objects.get(pk={pk}).specific
page.title = {title!r}
page.save_revision()
"""

BULK = """
from search.sync import objects_changed
from tests.factories import build_site_tree
from website.models import StandardPage
home = build_site_tree()["en"]
pages = [home.add_child(instance=StandardPage(title=f"Rehearsal item {{i}}", slug=f"item-{{i}}",
                                              intro="rehearsalbatch"))
         for i in range({count})]
objects_changed(pages)
"""

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def http(url, data=None, cookies=None, headers=None):
    """(status, headers, body) of one request; redirects are answers, cookies sent by hand
    (the app's cookies are marked Secure, and this rehearsal speaks plain HTTP)."""
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode()
                                     if data is not None else None, headers=headers or {})
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        with OPENER.open(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def set_cookies(headers):
    found = {}
    for value in headers.get_all("Set-Cookie") or []:
        name, _, rest = value.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def csrf_token(html):
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()


def nav_title(base):
    _status, _headers, html = http(base + "/en/")
    found = re.search(rb'<a [^>]*href="/en/about/"[^>]*>\s*([^<]+?)\s*<', html)
    return found and found.group(1).decode()


class Rehearsal:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="competence-hub-scale-"))
        self.folder.chmod(0o755)
        self.processes = {}
        self.cleanups = []
        self.results = []
        self.logs = self.folder / "logs"
        self.logs.mkdir()

    # Services -------------------------------------------------------------------------
    def start(self, name, command, **kwargs):
        log = (self.logs / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                                **kwargs)
        return self.processes[name]

    def stop(self, name, sig=signal.SIGTERM):
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def postgres(self):
        pg_bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                        key=lambda p: int(p.split("/")[-2]))[-1]
        data = self.folder / "pg"
        data.mkdir()
        as_pg = []
        if os.getuid() == 0:  # PostgreSQL refuses to run as root
            shutil.chown(data, "postgres", "postgres")
            as_pg = ["runuser", "-u", "postgres", "--"]
        port = free_port()
        subprocess.run([*as_pg, f"{pg_bin}/initdb", "-D", str(data / "data"), "-U", "postgres",
                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                       check=True, capture_output=True)
        subprocess.run([*as_pg, f"{pg_bin}/pg_ctl", "-D", str(data / "data"), "-l",
                        str(data / "log"), "-w", "-o",
                        f"-h 127.0.0.1 -p {port} -k {data} -c fsync=off "
                        "-c synchronous_commit=off -c full_page_writes=off", "start"],
                       check=True, capture_output=True)
        self.cleanups.append(lambda: subprocess.run(
            [*as_pg, f"{pg_bin}/pg_ctl", "-D", str(data / "data"), "-m", "fast", "stop"],
            capture_output=True, check=False))
        subprocess.run([f"{pg_bin}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U",
                        "postgres", "competence_hub"], check=True, capture_output=True)
        return f"postgres://postgres@127.0.0.1:{port}/competence_hub"

    def redis(self):
        port = free_port()
        self.start("redis", ["redis-server", "--bind", "127.0.0.1", "--port", str(port),
                             "--save", "", "--appendonly", "no", "--dir", str(self.folder)])
        url = f"redis://127.0.0.1:{port}/0"
        client = redis.Redis.from_url(url)
        wait(lambda: client.ping(), "redis")
        return url, client

    def nginx(self, port, upstreams):
        for name in ("client", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.folder / "nginx" / name).mkdir(parents=True)
        var = self.env["VAR_DIR"]
        conf = self.folder / "nginx" / "nginx.conf"
        servers = "".join(f"    server 127.0.0.1:{p};\n" for p in upstreams)
        nginx = self.folder / "nginx"
        conf.write_text(f"""
daemon off;
worker_processes 1;
pid {nginx}/nginx.pid;
error_log {self.logs}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  access_log {self.logs}/nginx-access.log;
  client_body_temp_path {nginx}/client; proxy_temp_path {nginx}/proxy;
  fastcgi_temp_path {nginx}/fastcgi; uwsgi_temp_path {nginx}/uwsgi; scgi_temp_path {nginx}/scgi;
  upstream app {{
{servers}  }}
  server {{
    listen 127.0.0.1:{port};
    location /static/ {{ alias {var}/static/; expires 30d; }}
    location /media/documents/ {{ return 404; }}
    location /media/ {{ alias {var}/media/; expires 30d; }}
    location /protected-media/ {{ internal; alias {var}/media/; }}
    location / {{
      proxy_pass http://app;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }}
  }}
}}
""")
        self.start("nginx", ["nginx", "-c", str(conf)])

    def manage(self, *args, code=None):
        command = [PY, "manage.py", *args] + (["-c", code] if code else [])
        done = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def shell(self, code):
        return self.manage("shell", code=f"PASSWORD = {PASSWORD!r}\nDOCUMENT = {DOCUMENT!r}\n"
                           + code)

    def app(self, name, port):
        self.start(name, [str(Path(PY).with_name("gunicorn")), "website.wsgi", "-b",
                          f"127.0.0.1:{port}", "-w", "2", "--timeout", "120"],
                   cwd=ROOT, env=self.env)

    def worker(self):
        self.start("worker", [PY, "manage.py", "db_worker", "--interval", "0.2"],
                   cwd=ROOT, env=self.env)

    # Checks -----------------------------------------------------------------------------
    def check(self, name, passed, detail=""):
        self.results.append(passed)
        print(f"{'PASS' if passed else 'FAIL'}  {name}" + (f"  ({detail})" if detail else ""),
              flush=True)

    def run(self):
        print(f"== services (folder {self.folder}) ==", flush=True)
        database_url = self.postgres()
        redis_url, self.redis_client = self.redis()
        ports = {"a": free_port(), "b": free_port(), "nginx": free_port()}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "website.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://127.0.0.1:{ports['nginx']}",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "REQUIRE_STAFF_2FA": "false",
            "VAR_DIR": str(self.folder / "var"),
            "SENDFILE_NGINX_URL": "/protected-media/",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "ELASTICSEARCH_URL": "",
            "LOG_LEVEL": "WARNING",
        }
        print("migrate, collectstatic, content ...", flush=True)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        for path in (self.folder / "var").rglob("*"):
            path.chmod(path.stat().st_mode | 0o755 if path.is_dir() else 0o644)
        (self.folder / "var").chmod(0o755)
        ids = json.loads(self.shell(SETUP).strip().splitlines()[-1])
        (self.folder / "var" / "media").chmod(0o755)
        for path in (self.folder / "var" / "media").rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        self.app("app-a", ports["a"])
        self.app("app-b", ports["b"])
        self.nginx(ports["nginx"], [ports["a"], ports["b"]])
        self.worker()
        a, b, front = (f"http://127.0.0.1:{ports[k]}" for k in ("a", "b", "nginx"))
        for base in (a, b, front):
            wait(lambda base=base: http(base + "/healthz")[0] == 200, base)
        print("== checks ==", flush=True)
        self.check_proxy(front, ids)
        cookies = self.check_session(a, b)
        self.check_publish(a, b, ids, cookies)
        self.check_outbox(a, b, ids, cookies)
        self.check_worker_killed(a)
        self.check_documents(front, ids, cookies)
        return all(self.results)

    def check_proxy(self, front, ids):
        static = next((self.folder / "var" / "static").rglob("*.css"))
        relative = static.relative_to(self.folder / "var" / "static").as_posix()
        status, headers, body = http(f"{front}/static/{relative}")
        self.check("nginx serves static files itself",
                   status == 200 and body == static.read_bytes()
                   and "Content-Security-Policy" not in headers, f"/static/{relative}: {status}")
        status, _headers, body = http(f"{front}/en/")
        self.check("nginx passes pages to the app servers", status == 200, f"/en/: {status}")

    def check_session(self, a, b):
        status, headers, html = http(a + "/admin/login/")
        cookies = set_cookies(headers)
        status, headers, _body = http(
            a + "/admin/login/", {"username": "admin", "password": PASSWORD,
                                  "csrfmiddlewaretoken": csrf_token(html), "next": "/admin/"},
            cookies=cookies, headers={"Referer": a + "/admin/login/"})
        cookies.update(set_cookies(headers))
        signed_in = status == 302 and "sessionid" in cookies
        status_b, _headers, body = http(b + "/admin/", cookies=cookies)
        self.check("a session made on app server A works on B",
                   signed_in and status_b == 200 and b"wagtail" in body.lower(),
                   f"sign-in on A {status}, admin on B {status_b}")
        return cookies

    def publish_over_http(self, base, pk, cookies):
        """The admin's "publish" action (bulk action on one page) on this app server."""
        url = f"{base}/admin/bulk/wagtailcore/page/publish/?id={pk}&next=/admin/"
        status, _headers, html = http(url, cookies=cookies)
        if status != 200:
            return status
        status, _headers, _body = http(url, {"csrfmiddlewaretoken": csrf_token(html)},
                                       cookies=cookies, headers={"Referer": url})
        return status

    def check_publish(self, a, b, ids, cookies):
        before = (nav_title(a), nav_title(b))
        cached = len(self.redis_client.keys("*chrome:*"))
        self.shell(DRAFT.format(pk=ids["about"], title="About us"))
        still = (nav_title(a), nav_title(b))
        status = self.publish_over_http(a, ids["about"], cookies)
        after = (nav_title(b), nav_title(a))
        self.check("a publish on A invalidates cached pages on A and B at once",
                   before == ("About", "About") and still == before and cached > 0
                   and status == 302 and after == ("About us", "About us"),
                   f"navigation before {before}, with a draft {still}, publish {status}, "
                   f"after (B, A) {after}; {cached} cached parts in Redis before")

    def outbox(self, base):
        return json.loads(http(base + "/readyz")[2])["checks"]["outbox"]["waiting"]

    def search_ids(self, base, query):
        status, _headers, body = http(f"{base}/api/search/?q={query}&lang=en&page_size=100")
        found = json.loads(body) if status == 200 else {}
        return [item["id"] for item in found.get("results", [])], found.get("total")

    def check_outbox(self, a, b, ids, cookies):
        self.shell(DRAFT.format(pk=ids["news"], title="News flash"))
        status = self.publish_over_http(b, ids["news"], cookies)
        wait(lambda: self.outbox(a) == 0, "the worker to empty the outbox", timeout=120)
        about, _ = self.search_ids(a, "about")
        news, _ = self.search_ids(b, "flash")
        wanted = (f"page:page-{ids['about']}", f"page:page-{ids['news']}")
        self.check("outbox entries written by A and B are indexed once by the worker",
                   status == 302 and about.count(wanted[0]) == 1 and news.count(wanted[1]) == 1,
                   f"publish on B {status}; 'about' finds {about}, 'flash' finds {news}")

    def check_worker_killed(self, a):
        self.shell(BULK.format(count=BATCH))
        started = time.monotonic()
        while time.monotonic() - started < 300:
            waiting = self.outbox(a)
            if 0 < waiting < BATCH:
                break
            time.sleep(0.1)
        self.stop("worker", signal.SIGKILL)
        left = self.outbox(a)
        self.worker()
        # The killed task stays "running"; the request-time sweep enqueues a new one.
        wait(lambda: http(a + "/en/")[0] == 200 and self.outbox(a) == 0,
             "the restarted worker to empty the outbox", timeout=240, every=2)
        _ids, total = self.search_ids(a, "rehearsalbatch")
        self.check("killing the worker mid-batch loses nothing",
                   0 < left < BATCH and total == BATCH,
                   f"{left} of {BATCH} rows waiting when killed; {total} indexed after restart")

    def check_documents(self, front, ids, cookies):
        url = front + ids["document"]
        anonymous, headers, body = http(url)
        status, _headers, got = http(url, cookies=cookies)
        direct = http(f"{front}/media/{ids['document_file']}")[0]
        internal = http(f"{front}/protected-media/{ids['document_file']}")[0]
        self.check("private documents: through Wagtail's view, sent by nginx (X-Accel-Redirect)",
                   anonymous == 302 and DOCUMENT not in body and status == 200 and got == DOCUMENT
                   and direct == 404 and internal == 404,
                   f"anonymous {anonymous}, signed in {status}, /media/ {direct}, "
                   f"/protected-media/ {internal}")

    def close(self):
        for name in list(self.processes)[::-1]:
            self.stop(name)
        for cleanup in self.cleanups[::-1]:
            cleanup()
        if os.environ.get("KEEP_REHEARSAL"):
            print(f"kept {self.folder}")
        else:
            shutil.rmtree(self.folder, ignore_errors=True)


def wait(condition, what, timeout=60, every=0.2):
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            if condition():
                return
        except Exception as error:  # noqa: BLE001 - not up yet
            last = error
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what} (last error: {last!r})")
        time.sleep(every)


def main():
    rehearsal = Rehearsal()
    try:
        ok = rehearsal.run()
    except Exception as error:  # noqa: BLE001 - reported as a failure, then everything stops
        print(f"FAIL  the rehearsal could not finish: {error}", flush=True)
        print(f"      logs: {rehearsal.logs} (KEEP_REHEARSAL=1 keeps them)", flush=True)
        ok = False
    finally:
        rehearsal.close()
    print("== scale rehearsal: " + ("PASS" if ok else "FAIL") + " ==")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
