"""Take expired offers and needs out of the search index (a safety net for the request-time sweep)."""

from django.core.management.base import BaseCommand

from network.sweep import sweep_expired_posts


class Command(BaseCommand):
    help = "Take expired offers and needs out of the search index (listings filter by date)."

    def handle(self, *args, **options):
        count = sweep_expired_posts(force=True)
        if count is None:
            self.stdout.write("Another sweep is running; nothing done.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{count} expired post(s) queued for removal from the index."))
