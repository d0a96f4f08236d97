from django.core.management.base import BaseCommand

from following.digest import send_following_digests


class Command(BaseCommand):
    help = (
        "Mail each member the new items of its saved searches and follows (daily or weekly, "
        "as each subscription says; never an item twice). Run daily."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{send_following_digests()} following digests queued.")
