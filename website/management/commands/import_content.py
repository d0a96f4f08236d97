"""Import case studies, tools, policies, calls (and other registered types) from a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from website.importing.parsing import FileFormatError, detect_format, parse
from website.importing.pipeline import run_import


class Command(BaseCommand):
    help = (
        "Import content from JSON Lines or CSV (UTF-8). Every record is checked first; "
        "if any is bad, all problems are listed and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .jsonl or .csv file")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--draft", action="store_true", help="save as drafts, do not publish")
        parser.add_argument("--format", choices=["jsonl", "csv"], help="override detection")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        fmt = options["format"] or detect_format(path.name, content)
        try:
            records = parse(content, fmt)
        except FileFormatError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        report = run_import(
            records,
            dry_run=options["dry_run"],
            draft=options["draft"],
            progress=options["verbosity"] >= 1,
        )
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"{path.name}: {problem}")
            raise CommandError(report.summary())
        if options["verbosity"] >= 1:
            for record_type, counts in sorted(report.by_type.items()):
                self.stdout.write(
                    f"  {record_type}: {counts['created']} created, {counts['updated']} updated, "
                    f"{counts['unchanged']} unchanged"
                )
            self.stdout.write(self.style.SUCCESS(report.summary()))
