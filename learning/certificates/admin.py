"""Certificates in the admin's Learning menu: list, inspect, revoke with a reason, re-issue,
download a PDF, or all the certificates of a programme as a ZIP.

Certificates are written only by ``learning.certificates.issuing``: the
listing is read-only, and revoking or re-issuing goes through its rules (and
needs the "change certificate" permission; downloads need "view").
"""

import io
import zipfile

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from learning.certificates import issuing
from learning.certificates.pdf import certificate_pdf
from learning.certificates.views import pdf_response
from learning.models import Certificate, ProgrammePage

VIEWSET_NAME = "learning_certificates"


class ListOnlyPolicy(ModelPermissionPolicy):
    """Editors list and inspect certificates; nobody adds, edits or deletes them here."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Certificate, ListOnlyPolicy(Certificate))


def url(view, *args):
    return reverse(f"{VIEWSET_NAME}:{view}", args=args)


def action_buttons(certificate, user):
    buttons = [Button(_("Download PDF"), url=url("pdf", certificate.pk), icon_name="doc-full",
                      priority=30)]
    if user.has_perm("learning.change_certificate"):
        buttons.append(Button(_("Re-issue"), url=url("reissue", certificate.pk),
                              icon_name="repeat", priority=40))
        if certificate.revoked_at is None:
            buttons.append(Button(_("Revoke"), url=url("revoke", certificate.pk),
                                  icon_name="cross", priority=50))
    return buttons


class CertificateIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return super().get_list_more_buttons(instance) + action_buttons(instance,
                                                                        self.request.user)

    @property
    def header_more_buttons(self):
        return [*super().header_more_buttons,
                HeaderButton(_("Download by programme (ZIP)"), url=url("downloads"),
                             icon_name="download")]


class CertificateInspectView(InspectView):
    @property
    def header_more_buttons(self):
        return super().header_more_buttons + action_buttons(self.object, self.request.user)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for revocation"), max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The learner is told the reason; verifiers see only that the "
                               "certificate is revoked."))


def _require(request, permission):
    if not request.user.has_perm(f"learning.{permission}_certificate"):
        raise PermissionDenied


def revoke_view(request, pk):
    _require(request, "change")
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if issuing.revoke(certificate, form.cleaned_data["reason"], request.user):
            messages.success(request, _("Certificate %(code)s revoked.") % {
                "code": certificate.code})
        else:
            messages.info(request, _("Certificate %(code)s was already revoked.") % {
                "code": certificate.code})
        return redirect(url("index"))
    return TemplateResponse(request, "learning/certificates/admin_revoke.html", {
        "certificate": certificate, "form": form, "action": url("revoke", pk),
    }, status=400 if request.method == "POST" else 200)


def reissue_view(request, pk):
    _require(request, "change")
    certificate = get_object_or_404(Certificate, pk=pk)
    if request.method == "POST":
        issuing.reissue(certificate, request.user)
        messages.success(request, _("Certificate %(code)s re-issued: same code and address, a "
                                    "new signature.") % {"code": certificate.code})
        return redirect(url("index"))
    return TemplateResponse(request, "learning/certificates/admin_reissue.html", {
        "certificate": certificate, "action": url("reissue", pk),
    })


def pdf_view(request, pk):
    _require(request, "view")
    certificate = get_object_or_404(Certificate.objects.select_related("programme"), pk=pk)
    return pdf_response(certificate, request.GET.get("lang") or certificate.language,
                        certificate_pdf)


def downloads_view(request):
    _require(request, "view")
    counts = dict(Certificate.objects.order_by().values("programme_id").annotate(
        n=Count("pk")).values_list("programme_id", "n"))
    programmes = list(ProgrammePage.objects.filter(pk__in=counts).order_by("title"))
    for programme in programmes:
        programme.certificate_count = counts[programme.pk]
        programme.zip_url = url("zip", programme.pk)
    return TemplateResponse(request, "learning/certificates/admin_downloads.html", {
        "programmes": programmes,
    })


def zip_view(request, programme_pk):
    """Every certificate of the programme (all translations) as PDFs, in their own language."""
    _require(request, "view")
    programme = get_object_or_404(ProgrammePage, pk=programme_pk)
    certificates = Certificate.objects.filter(
        programme_key=programme.translation_key).select_related("programme", "completion")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            name = slugify(certificate.learner_name) or "learner"
            archive.writestr(f"{name}-{certificate.code}.pdf",
                             certificate_pdf(certificate, certificate.language))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    filename = slugify(programme.slug) or f"programme-{programme.pk}"
    response["Content-Disposition"] = f'attachment; filename="certificates-{filename}.zip"'
    return response


class CertificateViewSet(ModelViewSet):
    model = Certificate
    url_prefix = "learning/certificates"
    icon = "success"
    menu_label = gettext_lazy("Certificates")
    list_display = ["learner_name", "programme", "code", "issued_at", "valid_until",
                    "revoked_at"]
    list_filter = ["issued_at", "revoked_at", "language"]
    search_fields = ["learner_name", "code"]
    ordering = ["-issued_at"]
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    inspect_view_fields = ["code", "learner_name", "learner", "programme", "language",
                           "valid_from", "valid_until", "issued_at", "signed_at",
                           "reissue_count", "revoked_at", "revocation_reason", "revoked_by"]
    copy_view_enabled = False
    form_fields = ["revocation_reason"]


    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/revoke/", revoke_view, name="revoke"),
            path("<int:pk>/reissue/", reissue_view, name="reissue"),
            path("<int:pk>/pdf/", pdf_view, name="pdf"),
            path("downloads/", downloads_view, name="downloads"),
            path("downloads/<int:programme_pk>.zip", zip_view, name="zip"),
        ]


certificate_viewset = CertificateViewSet(VIEWSET_NAME)
