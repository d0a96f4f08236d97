"""Revocation for any verifier: a W3C Bitstring Status List (v1.0) the site serves, signed.

Each certificate's ``credentialStatus`` names a list and a position; the list
credential at ``/certificates/status/<n>`` (a ``BitstringStatusListCredential``
as a JWT, signed like the certificates) carries the bits, GZIP-compressed and
multibase base64url encoded (``u`` prefix). A set bit is a revoked issue.
Lists hold ``LIST_SIZE`` positions (the standard's minimum of 16 KB, which
hides how many certificates exist); positions are drawn at random.
"""

import base64
import datetime as dt
import gzip
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from learning.certificates.did import issuer_did

LIST_SIZE = 131_072
PURPOSE = "revocation"


def list_url(number):
    return settings.SITE_URL + reverse("certificate_status_list", kwargs={"number": number})


def status_entry_claim(entry):
    url = list_url(entry.list_number)
    return {
        "id": f"{url}#{entry.index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(entry.index),
        "statusListCredential": url,
    }


def allocate(certificate):
    """A new ``StatusEntry`` for ``certificate`` at a free random position."""
    from learning.models import StatusEntry

    number = 1
    while True:
        used = StatusEntry.objects.filter(list_number=number).count()
        if used < LIST_SIZE * 0.9:  # leave the last positions: random draws would crowd them
            break
        number += 1
    for _attempt in range(50):
        index = secrets.randbelow(LIST_SIZE)
        try:
            with transaction.atomic():
                return StatusEntry.objects.create(
                    list_number=number, index=index, certificate=certificate)
        except IntegrityError:  # taken: draw again
            continue
    raise RuntimeError("no free status list position found")


def bitstring(revoked_indexes, size=LIST_SIZE):
    """The list's bytes: position 0 is the first byte's most significant bit (as the standard says)."""
    bits = bytearray(size // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def encode(bits):
    # mtime=0: the same bits always give the same encoded list.
    compressed = gzip.compress(bits, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def decode(encoded):
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise ValueError("not a multibase base64url string")
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def bit_is_set(bits, index):
    if not 0 <= index < len(bits) * 8:
        raise ValueError("index outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def list_credential(number, now=None):
    """The status list credential (unsigned) as it stands now."""
    from learning.models import StatusEntry

    now = now or timezone.now()
    revoked = StatusEntry.objects.filter(
        list_number=number, revoked_at__isnull=False).values_list("index", flat=True)
    url = list_url(number)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "validFrom": iso(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encode(bitstring(revoked)),
        },
    }


def signed_list(number, now=None):
    from learning.certificates.jose import sign

    now = now or timezone.now()
    payload = list_credential(number, now)
    payload.update({"iss": payload["issuer"], "jti": payload["id"], "iat": int(now.timestamp()),
                    "nbf": int(now.timestamp())})
    token, _key = sign(payload)
    return token


def list_exists(number):
    from learning.models import StatusEntry

    return StatusEntry.objects.filter(list_number=number).exists()


def iso(moment):
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace(
        "+00:00", "Z")
