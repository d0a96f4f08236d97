"""How the search index is doing: documents per kind, pending and failed updates.

Exits non-zero when the engine is down (or its index unreadable), so a
deployment script or a monitor can act on it; the report is printed first.
"""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from search.engines import get_engine
from search.models import OutboxEntry
from search.query import SearchQuery
from search.registry import get_sources
from search.sync import process_outbox, status_counts


class Command(BaseCommand):
    help = "Print indexed, expected, pending and failed counts; --retry writes what is waiting."

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry", action="store_true", help="Process every waiting update now."
        )

    def handle(self, *args, retry=False, **options):
        engine = get_engine()
        if retry:
            written, removed, failed = process_outbox(
                now=timezone.now() + timezone.timedelta(days=1)
            )
            self.stdout.write(f"retried: {written} written, {removed} removed, {failed} failed")
        problem = ""
        indexed = {}
        if not engine.healthy():
            problem = "it does not answer"
        else:
            try:
                response = engine.search(SearchQuery(page_size=1))
                indexed = {v.value: v.count for v in response.facets.get("kind", [])}
            except Exception as exc:  # noqa: BLE001 - reported in one line, and the exit status
                problem = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        self.stdout.write(f"engine: {engine.name} ({'DOWN' if problem else 'up'})")
        if not problem:
            self.stdout.write(f"indexed: {response.total}")
        self.stdout.write(f"{'kind':<20}{'indexed':>10}{'expected':>10}")
        drift = False
        expected = Counter()
        for source in get_sources():
            expected.update(source.kind_counts())
        for kind in sorted(set(expected) | set(indexed)):
            have = indexed.get(kind, 0)
            drift |= have != expected[kind]
            self.stdout.write(f"{kind:<20}{have:>10}{expected[kind]:>10}")
        counts = status_counts()
        self.stdout.write(f"pending: {counts['pending']}")
        style = self.style.ERROR if counts["failed"] else str
        self.stdout.write(style(f"failed: {counts['failed']}"))
        deletions = f"pending deletions: {counts['deletions']}"
        if counts["deletions"]:
            more = ", ..." if counts["deletions"] > len(counts["deletion_ids"]) else ""
            deletions += f" ({', '.join(counts['deletion_ids'])}{more})"
        self.stdout.write((self.style.WARNING if counts["deletions"] else str)(deletions))
        last = OutboxEntry.objects.filter(attempts__gt=0).order_by("-updated_at").first()
        if last is not None:
            self.stdout.write(f"last error: {last.doc_id}: {last.last_error[:200]}")
        if problem:
            raise CommandError(f"The {engine.name} search engine is down: {problem}")
        if drift and not (counts["pending"] or counts["failed"]):
            self.stdout.write(
                self.style.WARNING("index and database differ: run rebuild_search_index")
            )
