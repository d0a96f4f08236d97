"""Mail members the deadline reminders of the calls they saved (a safety net for the request-time sweep)."""

from django.core.management.base import BaseCommand

from funding.reminders import send_call_reminders


class Command(BaseCommand):
    help = ("Mail each member a reminder 7 days before the deadline of each call it saved "
            "(once per saved call); run daily or hourly.")

    def handle(self, *args, **options):
        count = send_call_reminders()
        self.stdout.write(self.style.SUCCESS(f"{count} reminder(s) queued."))
