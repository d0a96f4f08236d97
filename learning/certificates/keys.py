"""The centre's signing key: read from the environment or a file, never from the database or git.

``settings.CERTIFICATE_SIGNING_KEY`` is either the PEM of an Ed25519 private
key or the path of a file holding one; ``create_key_file`` (the
``ensure_signing_key`` command, which ``make setup`` runs) writes that file
with owner-only permissions. The public half of every key that has signed is
recorded as a ``SigningKey`` with a number, so the DID document lists the
current key and the earlier ones (``did:web:<host>#key-<number>``): replacing
the key file rotates the key, and what the old key signed still verifies.
"""

import os
import stat
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.db import IntegrityError, transaction
from joserfc.jwk import OKPKey

PEM_START = "-----BEGIN"


class SigningKeyError(RuntimeError):
    """The signing key is missing or unusable; the message says what to do (for operators)."""


def configured():
    return str(settings.CERTIFICATE_SIGNING_KEY or "").strip()


def key_path():
    """The key file's path, or None when the setting holds the PEM itself."""
    value = configured()
    return None if not value or value.startswith(PEM_START) else Path(value)


def load_private_key():
    """The current private key as a joserfc ``OKPKey``; ``SigningKeyError`` if there is none."""
    value = configured()
    if value.startswith(PEM_START):
        pem = value.encode()
    else:
        path = key_path()
        if path is None or not path.exists():
            raise SigningKeyError(
                f"No certificate signing key at {path}: run `python manage.py ensure_signing_key` "
                "or set CERTIFICATE_SIGNING_KEY.")
        pem = path.read_bytes()
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except ValueError as exc:
        raise SigningKeyError(f"CERTIFICATE_SIGNING_KEY is not a readable PEM key: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError("CERTIFICATE_SIGNING_KEY must be an Ed25519 key.")
    return OKPKey.import_key(pem)


def create_key_file(path=None):
    """Write a new Ed25519 key to ``path`` (mode 0600) unless one is there; (path, created).

    An existing file is kept, but its permissions are narrowed to the owner.
    """
    path = Path(path) if path else key_path()
    if path is None:
        return None, False
    if path.exists():
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            path.chmod(0o600)
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    # O_EXCL: two set-ups at once never overwrite each other's key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path, False
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return path, True


def public_jwk(key):
    return key.as_dict(private=False)


def current_signing_key():
    """(private ``OKPKey``, its ``SigningKey`` row), recording the public key on first use."""
    from learning.models import SigningKey

    key = load_private_key()
    thumbprint = key.thumbprint()
    record = SigningKey.objects.filter(thumbprint=thumbprint).first()
    if record is None:
        record = _record(key, thumbprint)
    return key, record


def _record(key, thumbprint):
    from learning.models import SigningKey

    for _attempt in range(5):
        number = (SigningKey.objects.order_by("-number").values_list("number", flat=True)
                  .first() or 0) + 1
        try:
            with transaction.atomic():
                return SigningKey.objects.create(
                    number=number, thumbprint=thumbprint, public_jwk=public_jwk(key))
        except IntegrityError:  # another process recorded this key or took the number
            found = SigningKey.objects.filter(thumbprint=thumbprint).first()
            if found is not None:
                return found
    raise SigningKeyError("Could not record the signing key's public half.")
