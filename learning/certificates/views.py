"""Public certificate addresses, and the learner's own certificates.

Public, for anyone (no session needed): the DID document, the verification
page, the signed credential (``.jwt``), its decoded JSON (``.json``), the
status lists and a form to check a pasted credential. The verification page
and the form check the signature themselves (``learning.certificates.verify``)
and log each check. The learner's list and PDFs answer 404 to anyone else.
"""

from django import forms
from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from learning.certificates import status
from learning.certificates.credential import credential_of, programme_in, verification_url
from learning.certificates.did import did_document
from learning.certificates.issuing import CODE_ALPHABET, CODE_LENGTH, normalise_code
from learning.certificates.jose import MEDIA_TYPE, InvalidCredential, unverified_payload
from learning.certificates.keys import SigningKeyError
from learning.certificates.verify import check_certificate, check_token, log
from learning.models import VerificationResult
from learning.views.common import learner_required

PUBLIC_CACHE = "public, max-age=300"


def certificate_or_404(code):
    from learning.models import Certificate

    return get_object_or_404(
        Certificate.objects.select_related("programme", "status_entry"),
        code=normalise_code(code))


def well_formed(code):
    return len(code) == CODE_LENGTH and all(char in CODE_ALPHABET for char in code)


@require_GET
def did_json(request):
    response = JsonResponse(did_document())
    response["Content-Type"] = "application/did+json"
    response["Access-Control-Allow-Origin"] = "*"  # verifiers run in other sites' pages
    return response


@require_GET
def certificate_redirect(request, code):
    """The language-neutral address in the QR code and the credential: on to the visitor's language."""
    return redirect("certificate_page", code=normalise_code(code))


@require_GET
def certificate_page(request, code):
    """Valid, expired or revoked: the signed credential checked now, with name, programme and date."""
    from learning.models import Certificate

    code = normalise_code(code)
    certificate = Certificate.objects.filter(code=code).first()
    if certificate is None:
        if well_formed(code):
            log(code, _unknown(), "page")
        return render(request, "learning/certificates/unknown.html", {"code": code}, status=404)
    outcome = check_certificate(certificate, "page")
    return render(request, "learning/certificates/verify.html", {
        "certificate": certificate, "outcome": outcome, "results": VerificationResult,
        "jwt_url": reverse("certificate_jwt", kwargs={"code": code}),
        "json_url": reverse("certificate_json", kwargs={"code": code}),
    })


def _unknown():
    from learning.certificates.verify import Outcome

    return Outcome(VerificationResult.UNKNOWN)


@require_GET
def certificate_jwt(request, code):
    certificate = certificate_or_404(code)
    response = HttpResponse(certificate.jwt, content_type=MEDIA_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.jwt"'
    return response


@require_GET
def certificate_json(request, code):
    """The credential inside the stored JWT, decoded (not re-built: the very same record)."""
    certificate = certificate_or_404(code)
    response = JsonResponse(credential_of(unverified_payload(certificate.jwt)), json_dumps_params={
        "ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def status_list_jwt(request, number):
    if not status.list_exists(number):
        raise Http404
    try:
        token = status.signed_list(number)
    except SigningKeyError:
        return HttpResponse(_("The status list cannot be signed right now; try again later."),
                            status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(token, content_type=MEDIA_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"  # a revocation shows at once
    return response


@require_GET
def status_list_json(request, number):
    if not status.list_exists(number):
        raise Http404
    response = JsonResponse(status.list_credential(number))
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"
    return response


class PastedCredentialForm(forms.Form):
    token = forms.CharField(
        label=_("Signed credential (JWT)"), max_length=100_000, strip=True,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false",
                                     "aria-describedby": "id_token_helptext"}),
        help_text=_("Paste the text of a certificate's .jwt file."),
    )


@require_http_methods(["GET", "POST"])
def verify_pasted(request):
    """Check a credential someone was given: a changed letter anywhere and it is not valid."""
    form = PastedCredentialForm(request.POST if request.method == "POST" else None)
    outcome = None
    if form.is_valid():
        token = form.cleaned_data["token"]
        outcome = check_token(token)
        log(_code_in(token), outcome, "pasted")
    return render(request, "learning/certificates/verify_pasted.html", {
        "form": form, "outcome": outcome, "results": VerificationResult,
    }, status=400 if request.method == "POST" and not form.is_valid() else 200)


def _code_in(token):
    """The certificate code the token claims (its ``jti``), for the log; '' when unreadable."""
    try:
        claimed = str(unverified_payload(token).get("jti", ""))
    except InvalidCredential:
        return ""
    prefix = settings.SITE_URL + "/certificates/"
    return claimed[len(prefix):].strip("/") if claimed.startswith(prefix) else ""


@learner_required
def my_certificates(request, learner):
    from learning.models import Certificate

    certificates = list(Certificate.objects.filter(learner=learner).select_related("programme"))
    for certificate in certificates:
        certificate.local_programme = programme_in(certificate.programme,
                                                   request.LANGUAGE_CODE)
        certificate.url = verification_url(certificate)
    return render(request, "learning/certificates/mine.html", {
        "certificates": certificates, "languages": settings.LANGUAGES,
    })


@learner_required
def my_certificate_pdf(request, learner, code):
    from learning.certificates.pdf import certificate_pdf
    from learning.models import Certificate

    certificate = get_object_or_404(Certificate.objects.select_related("programme"),
                                    code=normalise_code(code), learner=learner)
    return pdf_response(certificate, request.GET.get("lang") or certificate.language,
                        certificate_pdf)


def pdf_response(certificate, language, make_pdf):
    languages = dict(settings.LANGUAGES)
    if language not in languages:
        language = certificate.language
    response = HttpResponse(make_pdf(certificate, language), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.code}-{language}.pdf"')
    return response
