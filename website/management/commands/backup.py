"""Write the whole site (database snapshot, media, manifest) to one tar.gz (``website.backup``)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from website.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "Write a consistent backup of the database and the media folder to one archive."

    def add_arguments(self, parser):
        parser.add_argument("output", nargs="?",
                            help="archive to write (default: backup-<date>-<time>.tar.gz here)")

    def handle(self, *args, output=None, **options):
        output = output or f"backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = write_backup(output)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Backup failed: {exc}") from exc
        size = sum(entry["size"] for entry in manifest["files"])
        self.stdout.write(f"{output}: {manifest['database']['vendor']} database and "
                          f"{len(manifest['files']) - 1} media file(s), {size} bytes before "
                          "compression, checksums verified")
