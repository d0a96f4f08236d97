"""``Moderated``: the one base for what members submit (profiles, posts, events, requests).

Nothing a member submits is public before an editor approves it, and an
approved item stays public while the member's later edit waits for moderation,
as a live page does while its new revision is in review.

How the waiting edit is kept: as data on the item's own row. The row's fields
are always the public (approved) version; ``pending_changes`` holds the fields
the member changed since, as JSON (``{"description": "...", "pillars": [3, 5]}``),
and a new upload waits in a file field of its own beside the public one
(``pending_files``, e.g. ``logo`` → ``pending_logo``). Approval copies the
changes onto the row in one transaction; rejection drops them and the public
version stays as it was.

Why not the alternatives. Wagtail's ``DraftStateMixin`` + ``RevisionMixin``
(snippets) keep the edit in a revision too, but its many-to-many fields must be
``ParentalManyToManyField`` on a ``ClusterableModel``, its ``live`` flag would
be a second status beside ``status``, and a revision names a file that no row
owns, so the upload lifecycle (``website.uploads.OwnsFiles``: a row's files
live and die with it) could not see it. A draft row linked to the public one
doubles every unique column (slug, account, import id) and every query must
then leave drafts out. Data on the row keeps one row per item, so every
``public()`` filter, the search index (which reads the row) and the "Approved
members" group see only the approved version without knowing about edits, and
the pending file is owned by the row like the public one.

New items, and items not approved (pending or rejected), have nothing public
to protect: the member's edit is saved on the row and the item waits (again).
``website.moderation.save_submission`` decides which, for a member's form.

Using it in an app (learning, monitoring, ...):

- Model: subclass ``Moderated`` (first after mixins such as ``OwnsFiles``);
  give the manager a queryset subclassing ``ModeratedQuerySet`` (``approved()``,
  ``new_pending()``, ``with_pending_changes()``, ``awaiting_moderation()``) and
  show the public only ``approved()`` rows. Declare ``pending_files = {"file":
  "pending_file"}`` with a twin field of the same type for each upload, and
  ``unmoderated_fields`` for what applies at once. ``makemigrations`` adds the
  five fields (status, rejection_reason, approved_at, submitted_at, pending_changes).
- Member's form: build it on ``item.draft()`` with ``initial=item.draft_initial()``
  and save it with ``website.moderation.save_submission(form, owner=...)``
  inside ``website.uploads.atomic()``; show ``OUTCOME_MESSAGES[outcome]``, and
  to the owner ``moderation_label``, ``moderation_note`` and ``pending_diff()``
  (template ``website/includes/pending_changes_table.html``).
- Decisions: ``approve(seen)`` / ``reject(reason, seen)``, with ``seen`` the
  ``submission_token`` the editor looked at (``ModerationConflict`` if the
  member changed it since); both return True when they decided a waiting edit.
  Mail and search indexing are the app's, around these calls.
- Admin: a ``website.viewsets.ModeratedViewSet`` (listing filter "moderation",
  approve / reject pages; override its ``approve`` / ``reject`` to add the
  app's mail and indexing), and ``website.moderation.register_queue(Queue(...))``
  in ``AppConfig.ready()`` so the dashboard panel and the daily digest count
  what waits (a test fails for a ``Moderated`` model without a queue). Who has
  the model's "change" permission moderates it: grant it to the Editors and
  Moderators groups in a data migration (as network's 0010 does). If editors
  must not edit the items at all, set the viewset's ``moderate_permission`` to
  an action the permission policy grants for "change" (monitoring's comments).
"""

from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from website.choices import Status

PENDING_FILE = "new"  # in pending_changes: the field's new file waits in its twin field


class ModeratedQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Status.APPROVED)

    def new_pending(self):
        """Items never approved (or edited after a rejection) that wait for a decision."""
        return self.filter(status=Status.PENDING)

    def with_pending_changes(self):
        """Approved items whose member's edit waits for a decision (the approved version is public)."""
        return self.filter(status=Status.APPROVED, pending_changes__isnull=False)

    def awaiting_moderation(self):
        return self.filter(
            Q(status=Status.PENDING) | Q(status=Status.APPROVED, pending_changes__isnull=False)
        )


class ModerationConflict(Exception):  # noqa: N818 - an outcome the editor is told about
    """The member changed the item after the editor opened it: the decision is not taken."""


class Moderated(models.Model):
    """Abstract base: status, reason, approval time, approve/reject, and the waiting edit.

    ``pending_files`` maps a public file field to the field that holds its
    pending replacement; ``unmoderated_fields`` are fields a member changes at
    once even on an approved item (e.g. leaving the directory), never content
    that an editor must see first.
    """

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    submitted_at = models.DateTimeField(
        _("submitted"), null=True, blank=True, editable=False,
        help_text=_("When the member last sent it (or changes to it) for approval."),
    )
    pending_changes = models.JSONField(
        _("changes waiting for approval"), null=True, blank=True, editable=False,
        encoder=DjangoJSONEncoder,
    )

    pending_files = {}
    unmoderated_fields = ()

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        abstract = True

    # -- state ---------------------------------------------------------------------------

    @property
    def is_approved(self):
        return self.status == Status.APPROVED

    @property
    def has_pending_changes(self):
        return self.status == Status.APPROVED and self.pending_changes is not None

    @property
    def awaits_moderation(self):
        return self.status == Status.PENDING or self.has_pending_changes

    @property
    def changes_rejected(self):
        """The member's last edit of this approved item was not approved (``rejection_reason``)."""
        return self.is_approved and self.pending_changes is None and bool(self.rejection_reason)

    @property
    def moderation_label(self):
        if self.has_pending_changes:
            return _("Approved; changes waiting for approval")
        if self.changes_rejected:
            return _("Approved; last changes not approved")
        return self.get_status_display()

    @property
    def moderation_note(self):
        """The reason the member should read now: of a rejection, or of refused changes."""
        if self.status == Status.REJECTED or self.changes_rejected:
            return self.rejection_reason
        return ""

    @property
    def submission_token(self):
        """Names the submission an editor decides on (see ``approve``)."""
        return self.submitted_at.isoformat() if self.submitted_at else ""

    # -- decisions -----------------------------------------------------------------------

    def _lock(self, seen):
        """Re-read this row, locked for the decision; check it is still what the editor saw."""
        self.refresh_from_db(from_queryset=type(self)._base_manager.select_for_update())
        if seen is not None and seen != self.submission_token:
            raise ModerationConflict

    def approve(self, seen=None):
        """Make the item public with its waiting edit applied; saves.

        ``seen``: the ``submission_token`` the editor looked at; if the member
        changed the item since, nothing is decided (``ModerationConflict``).
        ``approved_at`` is the first approval: an approved edit keeps the date.
        Returns True when it was a waiting edit that was approved.
        """
        with transaction.atomic():
            self._lock(seen)
            edit = self.has_pending_changes
            many = self._apply_pending() if edit else {}
            self.status = Status.APPROVED
            self.rejection_reason = ""
            self.approved_at = self.approved_at or timezone.now()
            self.pending_changes = None
            self.save()
            for name, pks in many.items():
                getattr(self, name).set(pks)
        return edit

    def reject(self, reason, seen=None):
        """Refuse the item, or only its waiting edit (the approved version stays public); saves.

        Returns True when it was a waiting edit that was refused.
        """
        with transaction.atomic():
            self._lock(seen)
            edit = self.has_pending_changes
            if edit:
                self.discard_pending()
            else:
                self.status = Status.REJECTED
            self.rejection_reason = reason
            self.save()
        return edit

    def discard_pending(self):
        """Forget the waiting edit (its files go once the row is saved: ``OwnsFiles``)."""
        self.pending_changes = None
        for twin in self.pending_files.values():
            setattr(self, twin, "")

    def _apply_pending(self):
        """Copy the waiting edit onto this instance; returns the many-to-many values to set."""
        many = {}
        for name, value in self.pending_changes.items():
            try:
                field = self._meta.get_field(name)
            except FieldDoesNotExist:  # a field removed since the edit was made
                continue
            if field.many_to_many:
                many[name] = list(
                    field.related_model._base_manager.filter(pk__in=value).values_list(
                        "pk", flat=True)
                )
            elif name in self.pending_files:
                twin = self.pending_files[name]
                setattr(self, name, getattr(self, twin).name if value == PENDING_FILE else "")
                setattr(self, twin, "")
            else:
                setattr(self, field.attname, stored_value(field, value))
        return many

    # -- what the member and the editor see ----------------------------------------------

    def draft(self):
        """A fresh copy of the item as the member's next edit starts: the waiting edit applied.

        Many-to-many values are in ``draft_initial()`` (a form's ``initial``);
        the copy is never saved.
        """
        draft = type(self)._base_manager.get(pk=self.pk)
        for name, value in (self.pending_changes or {}).items():
            try:
                field = self._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if name in self.pending_files:
                pending = getattr(self, self.pending_files[name]).name
                setattr(draft, name, pending if value == PENDING_FILE else "")
            elif not field.many_to_many:
                setattr(draft, field.attname, stored_value(field, value))
        return draft

    def draft_initial(self):
        changes = self.pending_changes or {}
        return {
            name: value for name, value in changes.items()
            if name in {f.name for f in self._meta.many_to_many}
        }

    def pending_diff(self):
        """The waiting edit as rows of ``{"label", "public", "proposed", ...}``, in field order."""
        changes = self.pending_changes or {}
        rows = []
        for field in [*self._meta.concrete_fields, *self._meta.many_to_many]:
            if field.name not in changes:
                continue
            value = changes[field.name]
            row = {"name": field.name, "label": field.verbose_name}
            if field.name in self.pending_files:
                public = getattr(self, field.name)
                pending = getattr(self, self.pending_files[field.name])
                row.update(public=public.name, proposed=pending.name if value else "",
                           public_url=public.url if public else "",
                           proposed_url=pending.url if value and pending else "")
            else:
                row.update(public=display(field, current_value(self, field)),
                           proposed=display(field, value))
            rows.append(row)
        return rows


# -- values as stored in ``pending_changes`` -------------------------------------------------


def stored_value(field, value):
    """A JSON value of ``pending_changes`` as the field's Python value."""
    if value is None:
        return None
    if field.is_relation:
        return field.target_field.to_python(value)
    return field.to_python(value)


def current_value(obj, field):
    if field.many_to_many:
        return [item.pk for item in getattr(obj, field.name).all()]
    return field.value_from_object(obj)


def display(field, value):
    """A value of ``field`` as text for people: choice labels, term names, local dates."""
    if value in (None, "", []):
        return ""
    if field.many_to_many:
        items = field.related_model._base_manager.filter(pk__in=value)
        return ", ".join(str(getattr(item, "localized", item)) for item in items)
    if field.is_relation:
        item = field.related_model._base_manager.filter(pk=value).first()
        return str(getattr(item, "localized", item)) if item else ""
    value = stored_value(field, value)
    if isinstance(value, list):  # a JSON list (a mentor's languages): its items
        return ", ".join(str(item) for item in value)
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return formats.date_format(value, "DATE_FORMAT")
    return str(formats.localize(value))
