from django.core.management.base import BaseCommand

from network.relay import retry_pending


class Command(BaseCommand):
    help = "Send the stored contact messages that have not gone out yet (mail was down)."

    def handle(self, *args, **options):
        self.stdout.write(f"{retry_pending()} messages sent.")
