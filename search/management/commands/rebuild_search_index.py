"""Rebuild the search index from the database, into a fresh index that is swapped in.

One at a time: the engine's rebuild lock (``search.locks``) is taken before
anything else, and a second run exits non-zero saying who holds it. Engine
failures end the command with a one-line message and a non-zero status; the
live index is then left as it was.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from search.engines import EngineError, get_engine
from search.engines.base import batches
from search.locks import RebuildRunning
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
            sources = [s for s in sources if set(s.kind_labels()) & set(options["kind"])]
        if not sources:
            raise CommandError("No search sources are registered.")
        engine = get_engine()
        try:
            with engine.rebuild_lock() as lock:
                self.rebuild(engine, sources, lock, interactive, verbosity)
        except RebuildRunning as exc:
            raise CommandError(f"{exc} Nothing was changed; try again when it has finished.") from None
        except EngineError as exc:
            message = " ".join(str(exc).split())[:500]
            raise CommandError(f"The {engine.name} search engine failed: {message}") from None

    def rebuild(self, engine, sources, lock, interactive, verbosity):
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
                            errors.append(f"{source.key}:{obj.pk}: {type(exc).__name__}: {exc}")

        with tqdm(total=total, unit="doc", disable=verbosity < 1, file=self.stderr._out) as bar:

            def progress(n):
                bar.update(n)
                lock.renew()  # a lease that is not renewed lapses (a killed rebuild frees it)

            count = engine.rebuild(documents(), progress=progress)
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
