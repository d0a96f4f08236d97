"""The admin import screen: upload, see the dry-run report, confirm.

The checked file waits for the confirmation in the database (``PendingImport``),
not on one app server's disk, so that whichever server receives the
confirmation imports exactly the file that was checked. Only the user who
uploaded it can confirm it; it is deleted on confirmation and expires after
``IMPORT_UPLOAD_MAX_AGE`` seconds.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from website.importing.forms import ImportConfirmForm, ImportUploadForm
from website.importing.parsing import FileFormatError, detect_format, parse
from website.importing.pipeline import run_import
from website.importing.registry import known_types
from website.models import PendingImport


def check_permission(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def expiry_cutoff():
    return timezone.now() - dt.timedelta(seconds=settings.IMPORT_UPLOAD_MAX_AGE)


def import_view(request):
    """Step 1: upload and dry run. Step 2 (POST with a token): import for real."""
    check_permission(request)
    context = {"types": known_types(), "report": None}
    if request.method == "POST" and "token" in request.POST:
        return confirm(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        fmt = detect_format(upload.name, content)
        try:
            records = parse(content, fmt)
        except FileFormatError as exc:
            form.add_error("file", str(exc))
        else:
            draft = form.cleaned_data["draft"]
            report = run_import(records, dry_run=True, draft=draft)
            context.update(report=report, file_name=upload.name)
            if report.ok:
                PendingImport.objects.filter(created_at__lt=expiry_cutoff()).delete()
                pending = PendingImport.objects.create(
                    token=secrets.token_urlsafe(24), user=request.user,
                    file_name=upload.name[:255], file_format=fmt, content=content,
                )
                context["confirm_form"] = ImportConfirmForm(
                    initial={"token": pending.token, "draft": draft})
    context["form"] = form
    return TemplateResponse(request, "website/importing/import.html", context)


def confirm(request):
    form = ImportConfirmForm(request.POST)
    pending = None
    if form.is_valid():
        pending = PendingImport.objects.filter(
            token=form.cleaned_data["token"], user=request.user,
            created_at__gte=expiry_cutoff(),
        ).first()
    # Deleting is the claim: of two confirmations of one upload, one imports.
    if pending is None or not PendingImport.objects.filter(pk=pending.pk).delete()[0]:
        messages.error(request, _("This upload has expired. Please upload the file again."))
        return redirect("content_import")
    report = run_import(
        parse(bytes(pending.content), pending.file_format), draft=form.cleaned_data["draft"],
        user=request.user,
    )
    if report.ok:
        messages.success(request, _("Import of %(name)s finished: %(summary)s") % {
            "name": pending.file_name, "summary": report.summary()})
        return redirect("content_import")
    context = {"report": report, "file_name": pending.file_name, "form": ImportUploadForm(),
               "types": known_types()}
    return TemplateResponse(request, "website/importing/import.html", context)
