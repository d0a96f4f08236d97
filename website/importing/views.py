"""The admin import screen: upload, see the dry-run report, confirm.

The uploaded file is kept under ``VAR_DIR/imports/`` between the check and
the confirmation (named by a random token tied to the user's session), so the
file that is imported is exactly the one that was checked.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from website.importing.forms import ImportConfirmForm, ImportUploadForm
from website.importing.parsing import FileFormatError, detect_format, parse
from website.importing.pipeline import run_import
from website.importing.registry import known_types

SESSION_KEY = "content_import_uploads"


def upload_dir():
    path = Path(settings.VAR_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def check_permission(request):
    if not request.user.is_superuser:
        raise PermissionDenied


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
                token = secrets.token_urlsafe(24)
                (upload_dir() / token).write_bytes(content)
                uploads = request.session.get(SESSION_KEY, {})
                uploads[token] = {"name": upload.name, "format": fmt}
                request.session[SESSION_KEY] = uploads
                context["confirm_form"] = ImportConfirmForm(
                    initial={"token": token, "draft": draft})
    context["form"] = form
    return TemplateResponse(request, "website/importing/import.html", context)


def confirm(request):
    form = ImportConfirmForm(request.POST)
    uploads = request.session.get(SESSION_KEY, {})
    if not form.is_valid() or form.cleaned_data["token"] not in uploads:
        messages.error(request, _("This upload has expired. Please upload the file again."))
        return redirect("content_import")
    token = form.cleaned_data["token"]
    info = uploads.pop(token)
    request.session[SESSION_KEY] = uploads
    path = upload_dir() / token
    try:
        content = path.read_bytes()
    except OSError:
        messages.error(request, _("This upload has expired. Please upload the file again."))
        return redirect("content_import")
    finally:
        path.unlink(missing_ok=True)
    report = run_import(
        parse(content, info["format"]), draft=form.cleaned_data["draft"], user=request.user
    )
    if report.ok:
        messages.success(request, _("Import of %(name)s finished: %(summary)s") % {
            "name": info["name"], "summary": report.summary()})
        return redirect("content_import")
    context = {"report": report, "file_name": info["name"], "form": ImportUploadForm(),
               "types": known_types()}
    return TemplateResponse(request, "website/importing/import.html", context)
