"""Re-index the funding calls whose status changed with time (a safety net for the request-time sweep)."""

from django.core.management.base import BaseCommand

from funding.sweep import sweep_call_statuses


class Command(BaseCommand):
    help = "Queue for re-indexing the funding calls that opened, started closing or closed."

    def handle(self, *args, **options):
        count = sweep_call_statuses(force=True)
        if count is None:
            self.stdout.write("Another sweep is running; nothing done.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{count} funding call(s) queued for re-indexing."))
