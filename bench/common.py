"""Helpers shared by the benchmarks: a gunicorn server and wrk runs on loopback."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BENCH_SECRET = "bench-" + "s3cr3t-key-for-local-benchmarks-only-0123456789abcdef"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(**extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=BENCH_SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(*args, env=None):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env or server_env(), check=True)


@contextmanager
def gunicorn(env=None, workers=2):
    """Serve the site with gunicorn (DEBUG off, production settings) on a free port."""
    env = env or server_env()
    manage("collectstatic", "--noinput", "-v", "0", env=env)
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "website.wsgi", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


MIX_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""
# wrk's --latency table stops at 50/75/90/99: its Lua ``done`` hook prints any percentile.
PERCENTILES_SCRIPT = """
done = function(summary, latency, requests)
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("PERCENTILE %d %d\\n", p, latency:percentile(p)))
  end
end
"""


def wrk(url, connections=16, threads=2, duration=10, paths=None):
    """Run wrk against one URL; returns requests/s, p50, p95 and p99 in ms and error count.

    With ``paths``, ``url`` is the server and each request takes the next path
    in turn (a mix, through a wrk Lua script). Timeouts count as errors.
    """
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    # Warm up caches and worker imports first.
    for target in [url + path for path in paths] if paths else [url] * 5:
        urllib.request.urlopen(target, timeout=30).read()  # noqa: S310 - loopback only
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if paths:
            script.write(MIX_SCRIPT % ", ".join(f'"{path}"' for path in paths))
        script.write(PERCENTILES_SCRIPT)
        script.flush()
        command += ["-s", script.name]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    # Microseconds, from the done hook.
    found = re.findall(r"^PERCENTILE (\d+) (\d+)", output, re.MULTILINE)
    latency = {p: int(us) / 1000 for p, us in found}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", output)
    return {
        "rps": rps,
        "p50_ms": latency.get("50", 0.0),
        "p95_ms": latency.get("95", 0.0),
        "p99_ms": latency.get("99", 0.0),
        "errors": (int(errors.group(1)) if errors else 0)
        + (int(timeouts.group(1)) if timeouts else 0),
    }


class SilentServer:
    """A TCP port that accepts connections and never answers (a hung search cluster)."""

    def __enter__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _accept(self):
        while True:
            try:
                self.connections.append(self.sock.accept()[0])
            except OSError:
                return

    def __exit__(self, *exc):
        self.sock.close()
        for conn in self.connections:
            conn.close()


def print_table(title, rows, columns):
    """Print rows (dicts) as a fixed-width table."""
    print(f"\n## {title}\n")
    widths = [max(len(col), *(len(fmt(row.get(col))) for row in rows)) for col in columns]
    print("  ".join(col.ljust(width) for col, width in zip(columns, widths, strict=True)))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print("  ".join(fmt(row.get(col)).ljust(width) for col, width in zip(columns, widths, strict=True)))


def fmt(value):
    if isinstance(value, float):
        return f"{value:,.1f}"
    return "" if value is None else str(value)
