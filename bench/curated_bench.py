"""The curated database at scale: 10,000 items imported, then detail and index pages under wrk.

Builds its own SQLite database in a temporary folder (taxonomy and section
pages from the demo files, then a generated file of 10,000 case studies,
tools, policies and calls, a third of them translations, and 1,000 approved
members), times ``import_content`` on it, the search rebuild from the database
(the whole command, and the building of the documents alone), counts SQL
queries per page and runs wrk -c16 against gunicorn (2 workers, DEBUG off):
detail pages, filtered indexes, the open calls and the member directory.

Run: .venv/bin/python bench/curated_bench.py [--items 10000] [--duration 10] [--workdir DIR]
(with --workdir, a second run reuses the imported site and only measures the pages).
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, gunicorn, print_table, server_env, wrk  # noqa: E402

THEMES = ["combating-poverty", "labour-market", "education-healthcare", "human-rights-inclusion",
          "urban-regeneration", "digital-skills", "circular-economy", "international-cooperation"]
PILLARS = ["textiles", "plastics-packaging", "agri"]
REGIONS = ["bg-north-west", "bg-north-central", "bg-north-east", "bg-south-west",
           "bg-south-central", "bg-south-east"]
COUNTRIES = ["BG", "GR", "RO", "DE", "IT", "ES"]
PROGRAMMES = ["ESF+", "EaSI", "Horizon Europe", "LIFE", "ERDF", "Interreg Europe"]
WORDS = [
    "circular", "social", "innovation", "waste", "textile", "plastic", "reuse", "repair",
    "community", "employment", "inclusion", "skills", "digital", "cooperative", "enterprise",
    "municipality", "partnership", "pilot", "scaling", "recycling", "packaging", "agriculture",
    "compost", "energy", "training", "youth", "mentoring",
]


def sentence(rng, n=12):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def common(rng, kind, number, language="en"):
    return {
        "type": kind, "id": f"bench-{kind}-{number}", "language": language,
        "title": f"{kind.replace('_', ' ').title()} {number}: {sentence(rng, 5)[:-1]}",
        "summary": sentence(rng, 20),
        "body": "\n\n".join(sentence(rng, 40) for _ in range(3)),
        "themes": rng.sample(THEMES, 2), "pillars": rng.sample(PILLARS, 1),
        "regions": rng.sample(REGIONS, 1), "countries": rng.sample(COUNTRIES, 1),
        "tags": rng.sample(WORDS, 3),
        "published": (date(2018, 1, 1) + timedelta(days=rng.randrange(2900))).isoformat(),
    }


def generate(path, total, seed=7):
    """``total`` records: 40% case studies, 20% tools, 15% policies, 25% calls; 1/3 in bg."""
    rng = random.Random(seed)
    shares = [("case_study", 0.40), ("tool", 0.20), ("policy", 0.15), ("funding_call", 0.25)]
    today = date.today()
    with open(path, "w", encoding="utf-8") as out:
        for kind, share in shares:
            count = int(total * share)
            sources = count - count // 3
            for number in range(count):
                if number < sources:
                    record = common(rng, kind, number)
                else:
                    source = number - sources
                    record = {"type": kind, "id": f"bench-{kind}-{number}", "language": "bg",
                              "translation_of": f"bench-{kind}-{source}",
                              "title": f"Превод {number}", "summary": "Кратко описание."}
                if kind == "case_study" and number < sources:
                    record.update(organisation="Example Ltd", year=rng.randrange(2010, 2026),
                                  stage=rng.choice(["idea", "pilot", "scaling", "mainstream"]),
                                  impact=sentence(rng, 18),
                                  indicators=[f"jobs created: {rng.randrange(1, 90)} people",
                                              f"waste diverted: {rng.randrange(1, 900)} t"])
                elif kind == "tool" and number < sources:
                    record.update(tool_type=rng.choice(["guide", "framework", "report"]))
                elif kind == "policy" and number < sources:
                    record.update(level=rng.choice(["eu", "national", "municipal"]),
                                  adopted=f"{rng.randrange(2012, 2026)}-03-01")
                elif kind == "funding_call" and number < sources:
                    opens = today + timedelta(days=rng.randrange(-200, 60))
                    record.update(programme=rng.choice(PROGRAMMES), funder="European Commission",
                                  opens=opens.isoformat(),
                                  deadline=(opens + timedelta(days=rng.randrange(20, 200)))
                                  .isoformat(),
                                  budget_eur=str(rng.randrange(10, 5000) * 1000),
                                  eligible=rng.sample(["business", "ngo", "university"], 2))
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def prepare_site(env):
    """Migrations, locales, taxonomy and the section pages, from the demo files."""
    subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    script = (
        "from website.demo_loader import DemoLoader\n"
        "loader = DemoLoader(log=lambda *a: None)\n"
        "locs = loader.locales(); loader.load_taxonomy(locs); loader.load_pages(locs)\n"
    )
    subprocess.run([PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True)


MEMBERS_SCRIPT = """
import random
from network.models import Member
from website.models import Pillar, Region, ThematicPriority, Country
rng = random.Random(11)
pillars = list(Pillar.objects.filter(locale__language_code="bg"))
themes = list(ThematicPriority.objects.filter(locale__language_code="bg"))
regions = list(Region.objects.filter(locale__language_code="bg"))
countries = list(Country.objects.filter(locale__language_code="bg"))
words = %r
members = Member.objects.bulk_create([
    Member(name=f"Bench member {n:04d}", slug=f"bench-member-{n}", status="approved", listed=True,
           member_type=rng.choice(["business", "ngo", "university", "public"]),
           description=" ".join(rng.choice(words) for _ in range(40)),
           expertise_offered=" ".join(rng.sample(words, 4)), city="Sofia",
           region=rng.choice(regions), country=rng.choice(countries),
           latitude=42 + rng.random(), longitude=23 + rng.random())
    for n in range(%d)
])
Pillars, Themes = Member.pillars.through, Member.themes.through
Pillars.objects.bulk_create([Pillars(member_id=m.pk, pillar_id=p.pk)
                             for m in members for p in rng.sample(pillars, 2)])
Themes.objects.bulk_create([Themes(member_id=m.pk, thematicpriority_id=t.pk)
                            for m in members for t in rng.sample(themes, 2)])
"""

# The documents of a rebuild built from the database, without the engine.
BUILD_SCRIPT = """
import time
from search.engines.base import batches
from search.registry import build_document, get_sources
count, started = 0, time.perf_counter()
for source in get_sources():
    for batch in batches(source.get_queryset().iterator(chunk_size=1000), 1000):
        source.prepare(batch)
        for obj in batch:
            build_document(source, obj)
            count += 1
print(f"BUILT {count} {time.perf_counter() - started}")
"""


def add_members(env, count):
    script = MEMBERS_SCRIPT % (WORDS, count)
    subprocess.run([PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True)


def manage_output(env, *args):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True).stdout


def rebuild_rows(env, items):
    """The rebuild command (its own docs/s) and the documents built alone, from the database."""
    output = manage_output(env, "rebuild_search_index", "--noinput", "-v", "0")
    found = re.search(r"Indexed (\d+) documents in ([\d.]+) s", output)
    count, seconds = int(found.group(1)), float(found.group(2))
    rows = [{"step": "search rebuild from the database", "rows": count, "seconds": seconds,
             "rows_per_s": count / max(seconds, 1e-9)}]
    built = manage_output(env, "shell", "-c", BUILD_SCRIPT).split("BUILT", 1)[1].split()
    count, seconds = int(built[0]), float(built[1])
    rows.append({"step": "documents built from the database", "rows": count, "seconds": seconds,
                 "rows_per_s": count / max(seconds, 1e-9)})
    return rows


def query_counts(env, urls):
    script = (
        "import json, sys\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client(HTTP_HOST='127.0.0.1')\n"
        "counts = {}\n"
        f"for url in {urls!r}:\n"
        "    client.get(url)\n"
        "    client.get(url)  # the first view after start-up fills the shared caches\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        status = client.get(url).status_code\n"
        "    counts[url] = (status, len(ctx.captured_queries))\n"
        "print('COUNTS' + json.dumps(counts))\n"
    )
    output = subprocess.run([PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env,
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.split("COUNTS", 1)[1])


def main(items=10_000, duration=10, workdir=None, members=1000):
    """Import ``items`` rows and ``members`` into a fresh site (or reuse ``workdir``'s),
    then measure the rebuild and the pages."""
    reuse = workdir is not None and (Path(workdir) / "db.sqlite3").exists()
    workdir = Path(workdir or tempfile.mkdtemp(prefix="curated-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = server_env(
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}", VAR_DIR=str(workdir),
        SEARCH_INDEX_DIR=str(workdir / "search"), MEDIA_ROOT=str(workdir / "media"),
    )
    if os.environ.get("BENCH_PLAIN_STATIC"):
        # Production settings, but static files without the manifest, for trees whose
        # vendored files reference missing source maps (collectstatic refuses those).
        (workdir / "bench_settings.py").write_text(
            "from website.settings.production import *  # noqa: F403\n"
            "STORAGES = {**STORAGES, 'staticfiles': {'BACKEND': "  # noqa: F405
            "'whitenoise.storage.CompressedStaticFilesStorage'}}\n"
        )
        env.update(DJANGO_SETTINGS_MODULE="bench_settings",
                   PYTHONPATH=os.pathsep.join([str(workdir), str(ROOT)]))
    print(f"Working in {workdir}" + (" (reusing the imported site)" if reuse else ""))
    rows = []
    if not reuse:
        prepare_site(env)
        data = workdir / "curated.jsonl"
        generate(data, items)
        for label in ("import (new)", "re-import (unchanged)"):
            started = time.perf_counter()
            subprocess.run([PYTHON, "manage.py", "import_content", str(data)], cwd=ROOT,
                           env=env, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            seconds = time.perf_counter() - started
            rows.append({"step": label, "rows": items, "seconds": seconds,
                         "rows_per_s": items / seconds})
        add_members(env, members)
    # Production hands index updates to a worker; here the index is rebuilt once
    # so that the pages' text boxes and related content have something to find.
    rows += rebuild_rows(env, items)
    print_table(f"Import of {items:,} rows and {members:,} members (import_content, SQLite, "
                "DEBUG off)", rows, ["step", "rows", "seconds", "rows_per_s"])

    pages = [
        ("case-study detail", "/en/case-studies/bench-case_study-7/"),
        ("call detail", "/en/funding/bench-funding_call-7/"),
        ("case-study index, 2 filters", "/en/case-studies/?theme=circular-economy&pillar=textiles"),
        ("call index, 2 filters", "/en/funding/?status=open&theme=labour-market"),
        ("open calls", "/en/funding/?status=open"),
        ("member directory", "/en/members/"),
        ("member directory, 3 filters",
         "/en/members/?pillar=textiles&theme=circular-economy&type=business"),
        ("member directory, page 5", "/en/members/?page=5"),
        ("home", "/en/"),
    ]
    results = []
    with gunicorn(env=env) as base:  # collects static files first, which the counts need
        counts = query_counts(env, [url for _name, url in pages])
        for name, url in pages:
            result = wrk(base + url, duration=duration)
            status, queries = counts[url]
            results.append({"page": name, "status": status, "queries": queries, **result})
    print_table(
        "Curated pages: wrk -c16 -t2, gunicorn 2 workers, DEBUG off, "
        f"{items:,} items (queries: warm request, Django test client)",
        results, ["page", "status", "queries", "rps", "p50_ms", "p95_ms", "p99_ms", "errors"],
    )
    if not os.environ.get("KEEP_BENCH_DB") and not reuse:
        subprocess.run(["rm", "-rf", str(workdir)], check=False)
    return rows, results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--workdir", help="keep the site here; reuse it if already imported")
    args = parser.parse_args()
    main(args.items, args.duration, args.workdir, args.members)
