from django.core.management.base import BaseCommand

from network.digest import send_match_digests


class Command(BaseCommand):
    help = "Mail members their new B2B matches (at most one digest a day each); run daily."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_match_digests()} digests sent.")
