"""Verifiable certificates: Open Badges 3.0 credentials signed by the centre (did:web, EdDSA).

``issuing`` writes them, ``credential`` builds them, ``jose`` signs and checks
them, ``did`` and ``status`` publish the key and the revocations, ``verify``
checks them as an outside verifier would, ``pdf`` prints them, ``holders``
shows them on profiles, in the directory and in search.
"""
