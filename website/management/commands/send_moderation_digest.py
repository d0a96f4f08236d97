from django.core.management.base import BaseCommand

from website.moderation_digest import send_moderation_digest


class Command(BaseCommand):
    help = (
        "Mail moderators what waits for them (registrations, profile changes, posts, events, "
        "group requests): at most one digest a day, none when nothing waits. Run daily."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{send_moderation_digest()} moderation digests queued.")
