from django.conf import settings
from django.core.management.base import BaseCommand

from website.demo_loader import ADMIN_USERNAME, DemoLoader


class Command(BaseCommand):
    help = (
        "Build the demo site (taxonomy, pages in bg/en/el, navigation, curated items, "
        "members, events and an admin account). Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, verbosity=1, **options):
        def log(message):
            if verbosity >= 1:
                self.stdout.write(message)

        loader = DemoLoader(log=log)
        password = loader.run(verbosity=verbosity)
        if verbosity >= 1:
            if loader.created:
                self.stdout.write(self.style.SUCCESS(f"Demo content ready ({loader.created} changes)."))
            else:
                self.stdout.write(self.style.SUCCESS("Demo content already complete: nothing to do."))
            self.stdout.write("")
            self.stdout.write(f"  Admin:    {settings.SITE_URL}/admin/")
            self.stdout.write(f"  User:     {ADMIN_USERNAME}")
            if password:
                self.stdout.write(f"  Password: {password}")
            else:
                self.stdout.write("  Password: (set earlier; change it with `manage.py changepassword admin`)")
