"""Signing and checking credentials as JWTs (VC-JOSE-COSE: ``typ: vc+jwt``, ``alg: EdDSA``).

The payload is the credential itself plus the registered JWT claims a plain
JWT library checks (``iss``, ``jti``, ``iat``, ``nbf``, ``exp``), so a
verifier with nothing but a JOSE library and the DID document can check the
signature and the dates. The issue asks for ``EdDSA``, the algorithm name
every JOSE library knows; joserfc marks it deprecated in favour of RFC 9864's
``Ed25519`` (the same signature), so its warning is silenced here only.
"""

import base64
import json
import warnings
from contextlib import contextmanager

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

from learning.certificates.did import key_id, public_key_for
from learning.certificates.keys import current_signing_key

ALGORITHM = "EdDSA"
MEDIA_TYPE = "application/vc+jwt"


class InvalidCredential(ValueError):
    """A token that is not a credential this centre signed (the reason is for the log)."""


@contextmanager
def _eddsa_allowed():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="EdDSA is deprecated")
        yield


def sign(payload):
    """(compact JWT, ``SigningKey`` row) for ``payload``, signed with the current key."""
    key, record = current_signing_key()
    header = {"alg": ALGORITHM, "typ": "vc+jwt", "cty": "vc", "kid": key_id(record)}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    with _eddsa_allowed():
        token = jws.serialize_compact(header, body, key, algorithms=[ALGORITHM])
    return token, record


def _segment(token, number):
    try:
        value = json.loads(_b64decode(token.split(".")[number]))
    except (ValueError, AttributeError, IndexError) as exc:
        raise InvalidCredential("not a compact JWS") from exc
    if not isinstance(value, dict):
        raise InvalidCredential("not a JSON object")
    return value


def header_of(token):
    """The JOSE header, unverified."""
    return _segment(token, 0)


def unverified_payload(token):
    """The payload without checking anything: for a token this site stored or only to log."""
    return _segment(token, 1)


def verify(token, document=None):
    """The payload of ``token`` if its signature checks out against the DID document's key.

    Raises ``InvalidCredential`` for anything else: a malformed token, another
    algorithm or type, a key the document does not list, a broken signature.
    """
    if not isinstance(token, str) or token.count(".") != 2 or len(token) > 100_000:
        raise InvalidCredential("not a compact JWS")
    header = header_of(token)
    if header.get("alg") != ALGORITHM or header.get("typ") != "vc+jwt":
        raise InvalidCredential("unexpected algorithm or type")
    jwk = public_key_for(header.get("kid"), document)
    if jwk is None:
        raise InvalidCredential("unknown key")
    try:
        with _eddsa_allowed():
            result = jws.deserialize_compact(token, OKPKey.import_key(jwk),
                                             algorithms=[ALGORITHM])
    except (JoseError, ValueError) as exc:
        raise InvalidCredential("bad signature") from exc
    try:
        payload = json.loads(result.payload)
    except ValueError as exc:
        raise InvalidCredential("payload is not JSON") from exc
    if not isinstance(payload, dict):
        raise InvalidCredential("payload is not an object")
    return payload


def _b64decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
