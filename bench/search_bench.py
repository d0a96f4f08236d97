"""Search benchmark: 100,000 synthetic documents in bg/en/el on the embedded engine.

Prints one table: full rebuild (documents/s), the same faceted, highlighted
queries through the JSON API (Django test client, whole middleware stack) and
directly on the engine (the ratio shows Django's share), suggestions, and the
peak memory of a process that only serves searches (a web worker), next to
that of an idle Django process that has answered one request (the baseline
the search code adds to).

Peak memory is the process's own high-water mark (VmHWM). getrusage's
ru_maxrss is not used: Linux carries it over from the parent across fork and
exec, so a worker started by this script would report the builder's peak.
The rebuild also reports the CPU it used (all threads) per document, which
other work on the machine cannot inflate the way it inflates wall time.

    .venv/bin/python bench/search_bench.py [--docs 100000] [--runs 200]
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STEMS = {
    "bg": [
        "отпадък",
        "отпадъците",
        "икономика",
        "икономиката",
        "кръгова",
        "кръговата",
        "иновация",
        "иновациите",
        "социална",
        "социалните",
        "предприятие",
        "предприятия",
        "общност",
        "общността",
        "рециклиране",
        "рециклирането",
        "текстил",
        "пластмаса",
        "пластмасите",
        "земеделие",
        "образование",
        "заетост",
        "регион",
        "региона",
        "програма",
        "програмата",
        "покана",
        "поканата",
        "проект",
        "проекта",
        "ресурс",
        "ресурси",
        "устойчив",
        "устойчивото",
        "енергия",
        "вода",
        "град",
        "града",
        "млади",
        "хора",
        "услуги",
        "мрежа",
        "партньорство",
    ],
    "en": [
        "recycle",
        "recycling",
        "recycled",
        "waste",
        "circular",
        "economy",
        "innovation",
        "social",
        "enterprise",
        "enterprises",
        "community",
        "communities",
        "textile",
        "textiles",
        "plastic",
        "plastics",
        "packaging",
        "agriculture",
        "education",
        "employment",
        "region",
        "programme",
        "call",
        "project",
        "projects",
        "resource",
        "resources",
        "sustainable",
        "energy",
        "water",
        "city",
        "youth",
        "people",
        "services",
        "network",
        "partnership",
        "inclusion",
        "skills",
        "digital",
        "training",
        "funding",
        "grant",
        "market",
        "design",
    ],
    "el": [
        "κυκλική",
        "κυκλικής",
        "οικονομία",
        "οικονομίας",
        "ανακύκλωση",
        "ανακύκλωσης",
        "απόβλητα",
        "αποβλήτων",
        "καινοτομία",
        "καινοτομίας",
        "κοινωνική",
        "κοινωνικής",
        "επιχείρηση",
        "επιχειρήσεις",
        "κοινότητα",
        "κοινότητας",
        "ύφασμα",
        "πλαστικά",
        "συσκευασία",
        "γεωργία",
        "εκπαίδευση",
        "απασχόληση",
        "περιφέρεια",
        "πρόγραμμα",
        "πρόσκληση",
        "έργο",
        "έργα",
        "πόροι",
        "βιώσιμη",
        "ενέργεια",
        "νερό",
        "πόλη",
        "νέοι",
        "άνθρωποι",
        "υπηρεσίες",
        "δίκτυο",
    ],
}
FILLER = {
    "bg": ["и", "на", "за", "в", "с", "от"],
    "en": ["and", "the", "of", "for", "in", "with"],
    "el": ["και", "της", "για", "στην", "με", "από"],
}
KINDS = [
    "case_study",
    "tool",
    "policy",
    "funding_call",
    "course",
    "event",
    "member",
    "offer",
    "need",
    "page",
]
THEMES = [
    "poverty",
    "labour-market",
    "education-health",
    "human-rights",
    "urban-regeneration",
    "digital-skills",
    "circular-economy",
    "waste",
    "textiles-reuse",
    "green-jobs",
]
PILLARS = ["textiles", "plastics-packaging", "agri"]
REGIONS = ["north-west", "north-central", "north-east", "south-west", "south-central", "south-east"]
COUNTRIES = ["BG", "GR", "RO", "MK", "DE", "IT"]

QUERIES = {
    "en": [
        "recycling",
        "circular economy",
        "social enterprise textiles",
        '"circular economy"',
        "recyclign",
        "the",
    ],
    "bg": ["отпадък", "кръгова икономика", "социални предприятия", "иновациите"],
    "el": ["κυκλικής οικονομίας", "ανακύκλωση", "καινοτομία"],
}
FILTERED = [{"kind": ["event", "member"]}, {"theme": ["circular-economy"], "language": ["bg"]}]
PREFIXES = ["rec", "circ", "отпа", "кръг", "κυκλ", "socia", "ανακ", "inno"]


SYLLABLES = {
    "bg": ["ка", "ло", "ми", "ст", "ра", "не", "до", "ви", "за", "пре", "тов", "ни", "ща", "ри"],
    "en": ["ka", "lo", "mi", "st", "ra", "ne", "do", "vi", "za", "pre", "tion", "ing", "er", "al"],
    "el": ["κα", "λο", "μι", "στ", "ρα", "νε", "δο", "βι", "ζα", "πρε", "ση", "ων", "ος", "ια"],
}
VOCABULARY_SIZE = 4000
_vocabularies = {}


def vocabulary(language):
    """A Zipf-weighted vocabulary, like real text: a few very common words, a long tail.

    The domain words sit between ranks 50 and 950, so a query word matches a
    realistic share of documents; "the"/"и"/"και" are the very common words.
    """
    if language not in _vocabularies:
        rng = random.Random(language)
        syllables = SYLLABLES[language]
        filler = FILLER[language]
        tail = list(
            {
                "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
                for _ in range(VOCABULARY_SIZE * 2)
            }
        )[:VOCABULARY_SIZE]
        words = filler + tail
        for i, word in enumerate(STEMS[language]):
            words.insert(50 + i * 20, word)
        weights = [1 / (rank + 1) for rank in range(len(words))]
        cumulative, total = [], 0.0
        for weight in weights:
            total += weight
            cumulative.append(total)
        _vocabularies[language] = (words, cumulative)
    return _vocabularies[language]


def sentence(rng, language, n):
    words, cumulative = vocabulary(language)
    return " ".join(rng.choices(words, cum_weights=cumulative, k=n))


def documents(count, seed=7):
    import datetime as dt

    from search.documents import SearchDocument

    rng = random.Random(seed)
    languages = ["bg", "en", "el"]
    base = dt.date(2015, 1, 1)
    for i in range(count):
        language = languages[i % 3]
        kind = KINDS[i % len(KINDS)]
        published = base + dt.timedelta(days=rng.randrange(4000))
        deadline = None
        if kind == "funding_call":
            deadline = dt.datetime.combine(
                published + dt.timedelta(days=rng.randrange(30, 200)), dt.time(17), tzinfo=dt.UTC
            )
        title = sentence(rng, language, 6).capitalize()
        yield SearchDocument(
            id=f"{kind}:{i}",
            kind=kind,
            language=language,
            title=title,
            url=f"/{language}/{kind}/{i}/",
            summary=sentence(rng, language, 25),
            body=sentence(rng, language, 120),
            themes=rng.sample(THEMES, 2),
            pillars=[rng.choice(PILLARS)],
            regions=[rng.choice(REGIONS)],
            countries=[rng.choice(COUNTRIES)],
            tags=[rng.choice(STEMS["en"])],
            organisation=sentence(rng, language, 2) if i % 4 == 0 else "",
            published=published,
            deadline=deadline,
            status=rng.choice(["open", "closed", "upcoming"]) if kind == "funding_call" else "",
        )


def percentiles(samples):
    samples = sorted(samples)
    p = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]  # noqa: E731
    return statistics.median(samples) * 1000, p(0.95) * 1000


def time_calls(fn, args_list, runs):
    for args in args_list:  # warm-up
        fn(*args)
    samples, cpu = [], []
    for i in range(runs):
        args = args_list[i % len(args_list)]
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(*args)
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    # CPU time shows the cost when other processes share the machine.
    return (*percentiles(samples), statistics.median(cpu) * 1000)


def peak_rss_mb():
    """This process's peak resident memory (VmHWM), in MB; not inherited across exec."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource  # not Linux: the best available figure

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def idle():
    """An idle Django process after one ordinary request: the worker's baseline."""
    setup_django()
    from django.test import Client

    Client().get("/")
    return {"rss_mb": peak_rss_mb()}


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
    import django

    django.setup()


def build(index_dir, count):
    setup_django()
    from search.engines.embedded import EmbeddedEngine

    engine = EmbeddedEngine(index_dir)
    done = [0]
    start, start_cpu = time.perf_counter(), time.process_time()

    def progress(n):
        done[0] += n
        if done[0] % 10_000 == 0:
            print(f"  indexed {done[0]:,}/{count:,}", file=sys.stderr, flush=True)

    total = engine.rebuild(documents(count), progress=progress)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - start_cpu
    # Wall time depends on what else runs on the machine: the 1-minute load says how much.
    load = os.getloadavg()[0]
    # The synthetic source's own share (a real rebuild reads the database instead).
    start_cpu = time.process_time()
    for _doc in documents(count):
        pass
    source_cpu = time.process_time() - start_cpu
    return total, seconds, cpu, source_cpu, load


def serve(index_dir, runs):
    """A web worker's view: open the index, answer API and engine queries; report timings."""
    os.environ["SEARCH_INDEX_DIR"] = str(index_dir)
    setup_django()
    from django.conf import settings
    from django.test import Client

    from search.engines import get_engine, reset_engines
    from search.query import SearchQuery

    settings.SEARCH_INDEX_DIR = Path(index_dir)
    settings.ELASTICSEARCH_URL = ""
    reset_engines()
    engine = get_engine()
    client = Client()
    cases = [(q, lang, {}) for lang, qs in QUERIES.items() for q in qs]
    cases += [(QUERIES["en"][0], "en", f) for f in FILTERED] + [
        (QUERIES["bg"][1], "bg", FILTERED[1])
    ]
    cases.append(("", "bg", {}))

    def api_call(q, _lang, filters):
        response = client.get("/api/search/", {"q": q, **filters})
        assert response.status_code == 200, response.content[:200]

    def engine_call(q, _lang, filters):
        engine.search(SearchQuery(text=q, filters={k: tuple(v) for k, v in filters.items()}))

    def suggest_call(prefix):
        response = client.get("/api/search/suggest/", {"q": prefix})
        assert response.status_code == 200

    totals = {q: engine.search(SearchQuery(text=q)).total for q, _l, _f in cases[:4]}
    rows = {
        "api": time_calls(api_call, cases, runs),
        "engine": time_calls(engine_call, cases, runs),
        "suggest": time_calls(suggest_call, [(p,) for p in PREFIXES], runs),
        "common": time_calls(api_call, [("the", "en", {})], max(runs // 4, 20)),
    }
    rss_mb = peak_rss_mb()
    return {"rows": rows, "rss_mb": rss_mb, "totals": totals, "count": engine.count()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--idle", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(
        argv if argv is not None else sys.argv[1:] if __name__ == "__main__" else []
    )
    if args.serve:
        print(json.dumps(serve(args.serve, args.runs)))
        return 0
    if args.idle:
        print(json.dumps(idle()))
        return 0
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        index_dir = Path(tmp) / "search"
        # The worker's database is migrated here, so its memory is that of serving only.
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="website.settings.test")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        print(f"Building {args.docs:,} synthetic documents (bg/en/el)…", file=sys.stderr)
        total, seconds, rebuild_cpu, source_cpu, rebuild_load = build(index_dir, args.docs)
        baseline = subprocess.run(
            [sys.executable, __file__, "--idle"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        worker = subprocess.run(
            [sys.executable, __file__, "--serve", str(index_dir), "--runs", str(args.runs)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        del os.environ["DATABASE_URL"]
        for process in (baseline, worker):
            if process.returncode:
                raise RuntimeError(f"search worker failed:\n{process.stderr[-2000:]}")
        result = json.loads(worker.stdout.strip().splitlines()[-1])
        idle_mb = json.loads(baseline.stdout.strip().splitlines()[-1])["rss_mb"]
    rows = result["rows"]
    table = [
        ("search API (Django client, facets+highlight)", rows["api"], "p50<=8 p95<=20"),
        ("same queries on the engine directly", rows["engine"], ""),
        ("very common word (API)", rows["common"], ""),
        ("suggest API", rows["suggest"], "p95<=10"),
    ]
    print(f"\nEmbedded search engine (tantivy), {result['count']:,} documents, {args.runs} runs per row")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'measure':<46}{'p50 ms':>8}{'p95 ms':>8}{'cpu p50':>9}  goal")
    for label, (p50, p95, cpu), goal in table:
        print(f"{label:<46}{p50:>8.2f}{p95:>8.2f}{cpu:>9.2f}  {goal}")
    ratio = rows["api"][0] / max(rows["engine"][0], 1e-9)
    print(f"{'API / engine ratio (p50)':<46}{ratio:>8.2f}")
    print(
        f"{'full rebuild (docs/s)':<46}{total / seconds:>8.0f}{'':>17}  >=5000 ({seconds:.1f} s,"
        f" load average {rebuild_load:.1f} at its end)"
    )
    print(
        f"{'  rebuild CPU, all threads (us/doc)':<46}{rebuild_cpu / total * 1e6:>8.0f}{'':>17}"
        f"  ({rebuild_cpu:.1f} s CPU for {seconds:.1f} s wall on {os.cpu_count()} CPUs)"
    )
    print(
        f"{'  of which making the synthetic docs (us/doc)':<46}{source_cpu / total * 1e6:>8.0f}"
    )
    print(f"{'peak RSS of the search worker (MB)':<46}{result['rss_mb']:>8.0f}{'':>17}  <=250")
    print(f"{'  of which an idle Django process (MB)':<46}{idle_mb:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
