"""Search with a silent Elasticsearch: the site stays fast while the engine hangs.

Serves the demo site (the database and index `make run` builds under var/)
with gunicorn, 2 workers, DEBUG off, twice at once: with the embedded engine
(healthy), and with ELASTICSEARCH_URL on a loopback port that accepts
connections and never answers (a hung cluster; production timeout and
cool-down). wrk -c16 runs the same mix of text searches on both, in
alternating rounds: the search page in two languages, two sections' text
boxes and the member directory.

Goal: the silent run keeps at least 80 % of the healthy throughput, with p99
under 1 s. The circuit breaker (search.engines.breaker) makes that possible:
each worker waits for one timeout, then answers from the database until its
cool-down ends and one request probes the engine again. The default run
(3 rounds of 10 s each, 60 s with the healthy rounds between) contains
probes: every worker waits for one timeout per 30 s cool-down.

Run alone: .venv/bin/python bench/silent_bench.py [--duration 10] [--rounds 3]
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


def main(duration=10, rounds=3):
    """``rounds`` wrk runs of ``duration`` s per engine, alternating, both servers up throughout.

    Alternating keeps a change in the machine's load from favouring one side;
    the silent server stays up between its runs, so its workers' breakers keep
    their state and probe the engine as cool-downs end. The table gives the
    mean req/s, the worst p99 and all errors (non-2xx and timeouts).
    """
    runs = {"embedded (healthy)": [], "Elasticsearch silent": []}
    with SilentServer() as silent_url, gunicorn(env=server_env()) as healthy, gunicorn(
        env=server_env(ELASTICSEARCH_URL=silent_url)
    ) as silent:
        servers = dict(zip(runs, (healthy, silent), strict=True))
        for _round in range(rounds):
            for name, base in servers.items():
                runs[name].append(wrk(base, duration=duration, paths=MIX))
    rows = [
        {
            "engine": name,
            "rps": sum(r["rps"] for r in results) / len(results),
            "p50_ms": max(r["p50_ms"] for r in results),
            "p99_ms": max(r["p99_ms"] for r in results),
            "errors": sum(r["errors"] for r in results),
        }
        for name, results in runs.items()
    ]
    healthy_row, silent_row = rows
    silent_row["ratio"] = f"{silent_row['rps'] / max(healthy_row['rps'], 1e-9):.0%}"
    print_table(
        f"Text searches with a silent engine: wrk -c16 -t2, {rounds} x {duration} s per engine "
        f"(alternating) over {len(MIX)} URLs, gunicorn 2 workers each, DEBUG off",
        rows, ["engine", "rps", "p50_ms", "p99_ms", "errors", "ratio"],
    )
    met = (silent_row["rps"] >= GOAL_RATIO * healthy_row["rps"]
           and silent_row["p99_ms"] < GOAL_P99_MS)
    print(f"\ngoal: silent >= {GOAL_RATIO:.0%} of healthy req/s and p99 < {GOAL_P99_MS:.0f} ms:"
          f" {'met' if met else 'NOT met'}")
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    main(args.duration, args.rounds)
