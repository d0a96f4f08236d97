"""`make bench`: every benchmark in turn, each printing its own table."""

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Each module has main(); they are listed in the order their issues landed.
BENCHMARKS = [
    "bench.pages_bench", "bench.curated_bench", "bench.search_bench", "bench.signup_timing",
]


def main():
    failures = 0
    for name in BENCHMARKS:
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
    sys.exit(main())
