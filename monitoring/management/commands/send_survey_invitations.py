"""Mail the survey invitations and reminders that are due (safe to run at any time)."""

from django.core.management.base import BaseCommand

from monitoring.invitations import send_due


class Command(BaseCommand):
    help = "Mail the questionnaire invitations and reminders that are due."

    def handle(self, *args, **options):
        invited, reminded = send_due()
        self.stdout.write(f"{invited} invitation(s) and {reminded} reminder(s) queued.")
