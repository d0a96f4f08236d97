"""How the search index is doing: documents per kind, pending and failed updates.

Exits non-zero when the engine is down (or its index unreadable), so a
deployment script or a monitor can act on it; the report is printed first.
Whether the engine is up comes from ``search.status.engine_status``, which
``/readyz`` asks too, so the two always agree.
"""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from search.models import OutboxEntry
from search.registry import get_sources
from search.status import engine_status
from search.sync import process_outbox, status_counts


class Command(BaseCommand):
    help = "Print indexed, expected, pending and failed counts; --retry writes what is waiting."

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry", action="store_true", help="Process every waiting update now."
        )

    def handle(self, *args, retry=False, **options):
        if retry:
            written, removed, failed = process_outbox(
                now=timezone.now() + timezone.timedelta(days=1)
            )
            self.stdout.write(f"retried: {written} written, {removed} removed, {failed} failed")
        status = engine_status()
        self.stdout.write(f"engine: {status.name} ({'up' if status.up else 'DOWN'})")
        if status.up:
            self.stdout.write(f"indexed: {status.total}")
        self.stdout.write(f"{'kind':<20}{'indexed':>10}{'expected':>10}")
        drift = False
        expected = Counter()
        for source in get_sources():
            expected.update(source.kind_counts())
        for kind in sorted(set(expected) | set(status.indexed)):
            have = status.indexed.get(kind, 0)
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
        if not status.up:
            raise CommandError(f"The {status.name} search engine is down: {status.detail}")
        if drift and not (counts["pending"] or counts["failed"]):
            self.stdout.write(
                self.style.WARNING("index and database differ: run rebuild_search_index")
            )
