"""The search outbox: what changed and still has to reach the index."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxEntry(models.Model):
    """One document to re-read and write (or remove); later changes merge into the row.

    ``version`` grows with every change, so the worker deletes the row only if
    nothing changed while it was writing. Failed writes stay with a later
    ``next_attempt_at`` (exponential backoff) and count as failed in
    ``search_status`` until they succeed.
    """

    doc_id = models.CharField(_("document id"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=50)
    object_pk = models.CharField(_("object id"), max_length=64, blank=True)
    # "index": re-read the object; "delete": remove without re-reading.
    action = models.CharField(_("action"), max_length=10, default="index")
    version = models.PositiveIntegerField(default=1)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search outbox entry")
        verbose_name_plural = _("search outbox entries")
        ordering = ["next_attempt_at", "pk"]

    def __str__(self):
        return f"{self.action} {self.doc_id}"


class Lease(models.Model):
    """A named lock in the database, for work that must not run twice at once on any machine.

    Held by one process (``host``/``pid``) until it deletes the row or stops
    renewing it: a killed holder leaves a row that expires at ``expires_at``
    (or at once, for a process on this machine that no longer exists), so it
    can never stay stuck. See ``search.locks.lease``.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    holder = models.CharField(_("holder"), max_length=100)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    acquired_at = models.DateTimeField(_("acquired at"))
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("lease")
        verbose_name_plural = _("leases")

    def __str__(self):
        return f"{self.name} ({self.host} pid {self.pid})"
