"""Certificate addresses outside the language prefix: what verifiers and the QR code fetch.

The DID document must sit at ``/.well-known/did.json`` (the did:web method);
the credential's ``id`` and the QR code use ``/certificates/<code>/``, which
sends a person on to the page in their language.
"""

from django.urls import path, re_path

from learning.certificates import views

urlpatterns = [
    path(".well-known/did.json", views.did_json, name="did_json"),
    path("certificates/status/<int:number>", views.status_list_jwt,
         name="certificate_status_list"),
    path("certificates/status/<int:number>.json", views.status_list_json,
         name="certificate_status_list_json"),
    path("certificates/<str:code>.jwt", views.certificate_jwt, name="certificate_jwt"),
    path("certificates/<str:code>.json", views.certificate_json, name="certificate_json"),
    re_path(r"^certificates/(?P<code>[A-Za-z0-9-]{1,40})/$", views.certificate_redirect,
            name="certificate"),
]
