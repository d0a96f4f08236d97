"""The centre as an issuer: ``did:web:<host>`` and its DID document at ``/.well-known/did.json``.

The identifier comes from ``SITE_URL`` (a port is written ``%3A<port>``, as
the did:web method asks). The document lists every key the centre has signed
with (``learning.models.SigningKey``) as a ``JsonWebKey2020`` verification
method and in ``assertionMethod``: the current key and the earlier ones, so a
verifier can check a certificate signed before a rotation. Verification on
this site reads the public keys from this same document.
"""

from urllib.parse import quote, urlsplit

from django.conf import settings

DID_CONTEXT = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"]


def issuer_did(url=None):
    parts = urlsplit(url or settings.SITE_URL)
    host = parts.hostname or "localhost"
    if parts.port:
        host = f"{host}%3A{parts.port}"
    return f"did:web:{quote(host, safe='%.-')}"


def key_id(signing_key):
    return f"{issuer_did()}#{signing_key.fragment}"


def did_document():
    from learning.models import SigningKey

    did = issuer_did()
    methods = [
        {"id": f"{did}#{key.fragment}", "type": "JsonWebKey2020", "controller": did,
         "publicKeyJwk": key.public_jwk}
        for key in SigningKey.objects.order_by("number")
    ]
    return {
        "@context": DID_CONTEXT,
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def public_key_for(kid, document=None):
    """The ``publicKeyJwk`` the DID document gives for ``kid`` (a full key id), or None."""
    document = document or did_document()
    if not isinstance(kid, str) or not kid.startswith(document["id"] + "#"):
        return None
    if kid not in document["assertionMethod"]:
        return None
    for method in document["verificationMethod"]:
        if method["id"] == kid:
            return method["publicKeyJwk"]
    return None
