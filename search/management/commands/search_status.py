"""How the search index is doing: documents per kind, pending and failed updates."""

from django.core.management.base import BaseCommand
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
        healthy = engine.healthy()
        self.stdout.write(f"engine: {engine.name} ({'up' if healthy else 'DOWN'})")
        indexed = {}
        if healthy:
            try:
                response = engine.search(SearchQuery(page_size=1))
                indexed = {v.value: v.count for v in response.facets.get("kind", [])}
                self.stdout.write(f"indexed: {response.total}")
            except Exception as exc:  # noqa: BLE001
                self.stdout.write(self.style.ERROR(f"indexed: unknown ({exc})"))
        self.stdout.write(f"{'kind':<20}{'indexed':>10}{'expected':>10}")
        drift = False
        for source in get_sources():
            expected = source.get_queryset().count()
            have = indexed.get(source.kind, 0)
            drift |= have != expected
            self.stdout.write(f"{source.kind:<20}{have:>10}{expected:>10}")
        counts = status_counts()
        self.stdout.write(f"pending: {counts['pending']}")
        style = self.style.ERROR if counts["failed"] else str
        self.stdout.write(style(f"failed: {counts['failed']}"))
        last = OutboxEntry.objects.filter(attempts__gt=0).order_by("-updated_at").first()
        if last is not None:
            self.stdout.write(f"last error: {last.doc_id}: {last.last_error[:200]}")
        if drift and not counts["pending"]:
            self.stdout.write(
                self.style.WARNING("index and database differ: run rebuild_search_index")
            )
