"""Create the certificate signing key file if there is none (``make setup`` runs this)."""

from django.core.management.base import BaseCommand, CommandError

from learning.certificates.keys import SigningKeyError, create_key_file, key_path, load_private_key


class Command(BaseCommand):
    help = ("Create the Ed25519 key certificates are signed with, at CERTIFICATE_SIGNING_KEY "
            "(mode 0600), unless it exists; check that the configured key is usable.")

    def handle(self, *args, **options):
        path = key_path()
        if path is None:
            self.stdout.write("CERTIFICATE_SIGNING_KEY holds the key itself; nothing to create.")
        else:
            path, created = create_key_file(path)
            self.stdout.write(f"{'Created' if created else 'Kept'} the signing key {path} "
                              "(readable by its owner only).")
        try:
            key = load_private_key()
        except SigningKeyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Key thumbprint: {key.thumbprint()}")
