"""What makes one submission of a form create one object, and one upload import once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionToken(models.Model):
    """A form's one-time token, written in the transaction that creates the form's object.

    The unique ``key`` is the claim: of several requests posting the same
    rendered form (a double click, a retry, parallel posts) only one can insert
    it; the others find it and go where the first one went (``result_url``).
    Rows older than the tokens' lifetime are deleted (``website.submissions``).
    """

    key = models.CharField(_("key"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    scope = models.CharField(_("form"), max_length=100)
    result_url = models.CharField(_("result"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return f"{self.scope} · {self.key}"


class PendingImport(models.Model):
    """An import file checked and waiting for the editor's confirmation.

    Kept in the database, not on one app server's disk, so that whichever
    server receives the confirmation imports exactly the file that was checked.
    Only the user who uploaded it may confirm it; it is deleted on confirmation
    and expires after ``IMPORT_UPLOAD_MAX_AGE`` seconds.
    """

    token = models.CharField(_("token"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=10)
    content = models.BinaryField(_("content"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("import waiting for confirmation")
        verbose_name_plural = _("imports waiting for confirmation")

    def __str__(self):
        return self.file_name
