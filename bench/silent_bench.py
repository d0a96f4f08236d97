"""Search with a silent Elasticsearch: the site stays fast while the engine hangs.

Serves the demo site (the database and index `make run` builds under var/)
with gunicorn, 2 workers, DEBUG off, twice: with the embedded engine
(healthy), then with ELASTICSEARCH_URL on a loopback port that accepts
connections and never answers (a hung cluster; production timeout and
cool-down). wrk -c16 runs the same mix of text searches on both: the search
page in two languages, two sections' text boxes and the member directory.

Goal: the silent run keeps at least 80 % of the healthy throughput, with p99
under 1 s. The circuit breaker (search.engines.breaker) makes that possible:
each worker waits for one timeout, then answers from the database until its
cool-down ends and one request probes the engine again. The default run
(30 s) is long enough to contain a probe per worker.

Run alone: .venv/bin/python bench/silent_bench.py [--duration 30]
       or: .venv/bin/python bench/run.py silent-engine
"""

import argparse
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import SilentServer, gunicorn, print_table, server_env, wrk  # noqa: E402

MIX = [
    "/en/search/?q=circular+economy",
    f"/bg/search/?q={quote('отпадъци')}",
    "/en/case-studies/?q=textile",
    "/en/funding/?q=social",
    "/en/members/?q=recycling",
]
GOAL_RATIO = 0.8
GOAL_P99_MS = 1000.0


def measure(env, duration):
    with gunicorn(env=env) as base:
        return wrk(base, duration=duration, paths=MIX)


def main(duration=30):
    rows = [{"engine": "embedded (healthy)", **measure(server_env(), duration)}]
    with SilentServer() as url:
        rows.append({"engine": "Elasticsearch silent", **measure(
            server_env(ELASTICSEARCH_URL=url), duration)})
    healthy, silent = rows
    silent["ratio"] = f"{silent['rps'] / max(healthy['rps'], 1e-9):.0%}"
    print_table(
        f"Text searches with a silent engine: wrk -c16 -t2 for {duration} s over {len(MIX)} URLs, "
        "gunicorn 2 workers, DEBUG off",
        rows, ["engine", "rps", "p50_ms", "p99_ms", "errors", "ratio"],
    )
    met = silent["rps"] >= GOAL_RATIO * healthy["rps"] and silent["p99_ms"] < GOAL_P99_MS
    print(f"\ngoal: silent >= {GOAL_RATIO:.0%} of healthy req/s and p99 < {GOAL_P99_MS:.0f} ms:"
          f" {'met' if met else 'NOT met'}")
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30)
    main(parser.parse_args().duration)
