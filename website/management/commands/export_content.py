"""Export all published curated content in the import format (JSON Lines or CSV)."""

import sys

from django.core.management.base import BaseCommand

from website.importing.export import iter_records, to_csv, to_jsonl
from website.importing.registry import known_types


class Command(BaseCommand):
    help = "Write every live item as JSON Lines (default) or CSV, ready for import_content."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        parser.add_argument("--format", choices=["jsonl", "csv"], default=None)
        parser.add_argument("--type", action="append", dest="types", choices=known_types(),
                            help="only this type (repeatable)")

    def handle(self, *args, **options):
        output = options["output"]
        fmt = options["format"] or ("csv" if output and output.endswith(".csv") else "jsonl")
        writer = to_csv if fmt == "csv" else to_jsonl
        records = iter_records(options["types"])
        if output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                count = writer(records, stream)
            self.stderr.write(f"{count} record(s) written to {output}")
        else:
            writer(records, sys.stdout)
