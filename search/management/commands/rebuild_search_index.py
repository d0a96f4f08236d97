"""Rebuild the search index from the database, into a fresh index that is swapped in."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from search.engines import get_engine
from search.engines.base import batches
from search.models import OutboxEntry
from search.registry import build_document, get_sources

BATCH = 1000


class Command(BaseCommand):
    help = "Rebuild the search index from every registered source and swap it in atomically."

    def add_arguments(self, parser):
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )
        parser.add_argument(
            "--kind", action="append", help="Only count these kinds (for a dry look)."
        )

    def handle(self, *args, interactive=True, verbosity=1, **options):
        sources = get_sources()
        if options.get("kind"):
            sources = [s for s in sources if s.kind in options["kind"]]
        if not sources:
            raise CommandError("No search sources are registered.")
        engine = get_engine()
        started = timezone.now()
        total = sum(source.get_queryset().count() for source in sources)
        if interactive:
            answer = input(f"Rebuild the {engine.name} index with {total} documents? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("Cancelled.")
        errors = []

        def documents():
            for source in sources:
                for batch in batches(source.get_queryset().iterator(chunk_size=BATCH), BATCH):
                    source.prepare(batch)
                    for obj in batch:
                        try:
                            yield build_document(source, obj)
                        except Exception as exc:  # noqa: BLE001 - report and carry on
                            errors.append(f"{source.kind}:{obj.pk}: {type(exc).__name__}: {exc}")

        with tqdm(total=total, unit="doc", disable=verbosity < 1, file=self.stderr._out) as bar:
            count = engine.rebuild(documents(), progress=bar.update)
        # Changes recorded before the rebuild started are in the new index now.
        OutboxEntry.objects.filter(updated_at__lt=started).delete()
        for line in errors:
            self.stderr.write(f"skipped {line}")
        seconds = max((timezone.now() - started).total_seconds(), 1e-6)
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {count} documents in {seconds:.1f} s ({count / seconds:.0f} docs/s) with the {engine.name} engine."
            )
        )
