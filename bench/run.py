"""`make bench`: every benchmark in turn, each printing its own table.

`bench/run.py NAME...` runs only the named ones (pages, curated, search, silent-engine,
signup-timing).
"""

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Each module has main(); they are listed in the order their issues landed.
BENCHMARKS = {
    "pages": "bench.pages_bench",
    "curated": "bench.curated_bench",
    "search": "bench.search_bench",
    "silent-engine": "bench.silent_bench",
    "signup-timing": "bench.signup_timing",
}


def main(names=()):
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        return 2
    failures = 0
    for name in [BENCHMARKS[name] for name in names] or BENCHMARKS.values():
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        print(f"\n# {name}")
        try:
            module.main()
        except Exception as exc:  # noqa: BLE001 - report and go on with the next benchmark
            failures += 1
            print(f"FAILED: {exc!r}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
