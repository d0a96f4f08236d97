"""Remind mentors of unanswered requests and expire the requests nobody answered."""

from django.core.management.base import BaseCommand

from learning.mentoring.sweep import sweep_mentoring


class Command(BaseCommand):
    help = "Send mentoring reminders and expire unanswered mentoring requests."

    def handle(self, *args, **options):
        result = sweep_mentoring(force=True)
        if result is None:
            self.stdout.write("Another process is sweeping mentoring requests; nothing done.")
            return
        reminded, expired = result
        self.stdout.write(f"Reminded {reminded} mentor(s); expired {expired} request(s).")
