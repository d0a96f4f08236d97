"""Restore a backup written by ``manage.py backup`` (``website.restore``)."""

from django.core.management.base import BaseCommand, CommandError

from website.backup import BackupError
from website.restore import restore


class Command(BaseCommand):
    help = ("Restore a backup archive into an empty site (--force: over an existing one). "
            "The archive is checked completely before anything changes.")

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true",
                            help="replace the database and media of a site that has content")

    def handle(self, *args, archive, force=False, **options):
        try:
            manifest, kept = restore(archive, force=force)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Restore refused: {exc}") from exc
        self.stdout.write(f"Restored the backup of {manifest['created']} "
                          f"(version {manifest['version']}, {len(manifest['files']) - 1} media "
                          "file(s)).")
        if kept:
            self.stdout.write(f"The previous media folder is kept at {kept}.")
        self.stdout.write("Now run: manage.py migrate, then manage.py rebuild_search_index "
                          "(the search index is not in the backup).")
