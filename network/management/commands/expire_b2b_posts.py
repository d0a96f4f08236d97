from django.core.management.base import BaseCommand

from network.choices import Status
from network.indexing import sync
from network.models import B2BPost


class Command(BaseCommand):
    help = "Take expired offers and needs out of the search index (listings filter by date)."

    def handle(self, *args, **options):
        expired = B2BPost.objects.expired().filter(status=Status.APPROVED)
        count = 0
        for post in expired.iterator():
            sync(post)  # the search worker re-reads it, finds it expired and removes it
            count += 1
        self.stdout.write(f"{count} expired posts checked out of the index.")
