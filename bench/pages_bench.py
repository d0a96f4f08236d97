"""Home and standard page throughput with wrk against gunicorn (2 workers, DEBUG off).

Uses the database `make run` builds (var/db.sqlite3 with the demo content).
Run: .venv/bin/python bench/pages_bench.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import gunicorn, print_table, wrk  # noqa: E402

PAGES = [
    ("home (bg)", "/bg/"),
    ("home (en)", "/en/"),
    ("standard page (en)", "/en/about/"),
    ("standard page (el)", "/el/about/"),
]


def main(duration=10):
    rows = []
    with gunicorn() as base:
        for name, path in PAGES:
            result = wrk(base + path, duration=duration)
            rows.append({"page": name, "url": path, **result})
    print_table(
        "Pages: wrk -c16 -t2 against gunicorn, 2 workers, DEBUG off",
        rows, ["page", "url", "rps", "p50_ms", "p95_ms", "p99_ms", "errors"],
    )
    return rows


if __name__ == "__main__":
    main()
