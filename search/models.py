"""The search outbox (what changed and still has to reach the index), editors' synonyms and the
query log."""

from django.conf import settings
from django.core.exceptions import ValidationError
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


class SynonymGroup(models.Model):
    """Words and phrases that mean the same to searchers, in one language.

    A search in that language for any of the terms finds documents with any
    of them (``search.synonyms``: the query is expanded before it reaches an
    engine, so a change counts from the next search, with no rebuild). Terms
    may be in other languages too: "кръгова икономика, circular economy,
    κυκλική οικονομία" in the Bulgarian group finds all three.
    """

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    terms = models.TextField(
        _("terms"),
        help_text=_("Words or phrases that mean the same, separated by commas or new lines, "
                    "e.g. “кръгова икономика, кръгова, circular economy”."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["language", "terms"]

    def __str__(self):
        return ", ".join(self.term_list)

    @property
    def term_list(self):
        from search.synonyms import split_terms

        return split_terms(self.terms)

    def clean(self):
        from search.synonyms import MAX_TERMS_PER_GROUP, split_terms

        found = split_terms(self.terms, limit=None)
        if len(found) < 2:
            raise ValidationError({"terms": _("Give at least two words or phrases.")})
        if len(found) > MAX_TERMS_PER_GROUP:
            raise ValidationError({"terms": _("At most %(n)d words or phrases in a group.")
                                   % {"n": MAX_TERMS_PER_GROUP}})
        self.terms = ", ".join(found)


class QueryLogEntry(models.Model):
    """How often one normalised query was searched in one language on one day, and how many
    results it had: the editors' report of top and zero-result queries.

    No personal data: no user, address, time of day or session, only the aggregate
    (``search.querylog``). Rows older than ``SEARCH_QUERY_LOG_DAYS`` are deleted and a
    day holds at most ``querylog.MAX_QUERIES_PER_DAY`` distinct queries per language.
    """

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=10)
    query = models.CharField(_("query"), max_length=100)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches without results"), default=0)
    last_results = models.PositiveIntegerField(_("results (last search)"), default=0)

    class Meta:
        verbose_name = _("search query count")
        verbose_name_plural = _("search query counts")
        ordering = ["-day", "-searches"]
        constraints = [
            models.UniqueConstraint(fields=["day", "language", "query"],
                                    name="search_query_log_once_a_day"),
        ]
        indexes = [models.Index(fields=["language", "day"], name="search_qlog_lang_day")]

    def __str__(self):
        return f"{self.day} {self.language} {self.query}"
