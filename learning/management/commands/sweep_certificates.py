"""Issue the certificates still missing and refresh the search entries of expired ones."""

from django.core.management.base import BaseCommand

from learning.certificates.sweep import sweep_certificates


class Command(BaseCommand):
    help = "Issue missing certificates; re-index members whose certificates expired."

    def handle(self, *args, **options):
        result = sweep_certificates(force=True)
        if result is None:
            self.stdout.write("Another process is sweeping certificates; nothing done.")
            return
        issued, reindexed = result
        self.stdout.write(f"Issued {issued} certificate(s); re-indexed {reindexed} holder(s).")
