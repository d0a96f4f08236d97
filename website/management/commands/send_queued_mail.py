from django.core.management.base import BaseCommand

from website.mail import retry_failed, send_due, status_counts


class Command(BaseCommand):
    help = (
        "Send the stored e-mails that are due (retries after the mail server was down); "
        "the task queue does this by itself, a scheduler may run it too."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed", action="store_true",
            help="Give e-mails that ran out of attempts a fresh start first.",
        )

    def handle(self, *args, **options):
        if options["retry_failed"]:
            self.stdout.write(f"{retry_failed()} failed e-mails queued again.")
        sent = send_due()
        counts = status_counts()
        self.stdout.write(
            f"{sent} e-mails sent; {counts['queued']} queued, {counts['failed']} failed."
        )
