"""Moderation that every content app shares: members' submissions, queues, moderators.

``save_submission`` saves a member's form of a ``Moderated`` item (the model and
the reasons for its design are in ``website.models.moderation``): a new or
unapproved item is saved on its row and waits; an approved item keeps its row,
the public version, and what the member changed becomes its waiting edit.

Each app registers its queues (``register_queue`` in ``AppConfig.ready()``):
what waits for an editor, and the admin listing that shows it. The admin
dashboard panel and the daily digest (``website.moderation_digest``) count
them for whoever may moderate them: a user with the "change" permission of the
queue's model (the Editors and Moderators groups, and administrators).
"""

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import FileField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.permissions import policy_registry

from website.choices import Status
from website.forms import concept_field, is_term_model
from website.models.moderation import PENDING_FILE


class Outcome:
    """What a member's submission did, for the message the member reads."""

    PENDING = "pending"  # saved on the row; not public until approved
    CHANGES = "changes"  # an approved item's edit waits; the approved version stays public
    UNCHANGED = "unchanged"  # an approved item, nothing different from its public version


OUTCOME_MESSAGES = {
    Outcome.CHANGES: _(
        "Your changes are saved and wait for an editor's approval. Until then everyone "
        "sees the approved version."
    ),
    Outcome.UNCHANGED: _(
        "Nothing differs from the approved version, so no changes wait for approval."
    ),
}


def save_submission(form, **values):
    """Save a member's valid ModelForm of a ``Moderated`` item; returns ``(item, outcome)``.

    The form's instance is ``item.draft()`` for an existing item (the member
    edits the waiting edit, if any). ``values`` are set on the row directly
    (owner, language), as are the model's ``unmoderated_fields``. Run it inside
    ``uploads.atomic()`` so that a failure leaves no uploaded file behind.
    """
    instance = form.instance
    model = type(instance)
    now = timezone.now()
    with transaction.atomic():
        public = None
        if instance.pk is not None and not instance._state.adding:
            public = model._base_manager.select_for_update().get(pk=instance.pk)
        if public is None or public.status != Status.APPROVED:
            item = form.save(commit=False)
            for name, value in values.items():
                setattr(item, name, value)
            item.status = Status.PENDING
            item.pending_changes = None
            item.submitted_at = now
            item.save()
            form.save_m2m()
            return item, Outcome.PENDING
        changes = as_json(stage_changes(form, public))
        for name, value in values.items():
            setattr(public, name, value)
        if changes and changes != public.pending_changes:
            public.submitted_at = now
            public.rejection_reason = ""  # a new edit: the last refusal no longer applies
        public.pending_changes = changes or None
        public.save()
        return public, Outcome.CHANGES if changes else Outcome.UNCHANGED


def stage_changes(form, public):
    """The form's values that differ from the ``public`` row, as ``pending_changes``.

    Sets the row's unmoderated fields and pending files on the way; returns the dict.
    """
    model = type(public)
    draft = form.instance
    changes = {}
    for name in form.cleaned_data:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a form field that is not a model field
            continue
        if not field.editable or field.auto_created:
            continue
        if field.many_to_many:
            new = sorted(item.pk for item in form.cleaned_data[name])
            old = [item.pk for item in getattr(public, name).all()]
            if relation_keys(field, new) != relation_keys(field, old):
                changes[name] = new
        elif isinstance(field, FileField):
            staged = stage_file(field, draft, public)
            if staged is not None:
                changes[name] = staged
        elif name in model.unmoderated_fields:
            setattr(public, field.attname, field.value_from_object(draft))
        else:
            new, old = field.value_from_object(draft), field.value_from_object(public)
            if field.is_relation:
                if relation_keys(field, [new]) != relation_keys(field, [old]):
                    changes[name] = new
            elif new != old:
                changes[name] = new
    return changes


def as_json(changes):
    """``changes`` as ``pending_changes`` reads back (dates and decimals as text)."""
    return json.loads(json.dumps(changes, cls=DjangoJSONEncoder))


def stage_file(field, draft, public):
    """A file field's waiting change: ``PENDING_FILE`` (in its twin field), "" (removed), or None."""
    twin = type(public).pending_files[field.name]
    value = getattr(draft, field.attname)
    waiting = getattr(public, twin).name or ""
    if value and not value._committed:  # a new upload: it waits beside the public file
        setattr(public, twin, value.file)
        return PENDING_FILE
    if (value.name or "") == (getattr(public, field.attname).name or ""):
        setattr(public, twin, "")  # back to the public file (the waiting one is deleted)
        return None
    if waiting and value.name == waiting:
        return PENDING_FILE  # the upload waiting already, kept
    setattr(public, twin, "")
    return ""


def relation_keys(field, pks):
    """What decides whether two relations are the same: pks, or a term's concept (any language).

    A member editing in English picks the English row of a pillar whose
    Bulgarian row the profile links to: the same concept, so no change.
    """
    pks = [pk for pk in pks if pk is not None]
    model = field.related_model
    if not pks or not is_term_model(model):
        return sorted(set(pks))
    key = concept_field(model)
    return sorted(set(model._base_manager.filter(pk__in=pks).values_list(key, flat=True)))


# -- what waits, and who decides --------------------------------------------------------------


@dataclass(frozen=True)
class Queue:
    """One kind of thing waiting for editors: ``items()`` a queryset, ``url()`` its admin listing."""

    name: str
    label: Any
    model: type
    items: Any
    url: Any
    order: int = 100

    def may_moderate(self, user):
        policy = policy_registry.get_by_type(self.model)
        return policy.user_has_permission(user, "change")


_queues = {}


def register_queue(queue):
    _queues[queue.name] = queue


def queues():
    return sorted(_queues.values(), key=lambda queue: (queue.order, queue.name))


def waiting_for(user):
    """``[(queue, count)]`` of the queues ``user`` may moderate, with how many items wait."""
    return [(queue, queue.items().count()) for queue in queues() if queue.may_moderate(user)]


def moderators(model=None):
    """Active users with an e-mail address who may moderate ``model`` (else any queue's model)."""
    models = [model] if model is not None else list({queue.model for queue in queues()})
    users = get_user_model().objects.none()
    for each in models:
        users = users | policy_registry.get_by_type(each).users_with_permission("change")
    return list(
        users.filter(is_active=True).exclude(email="").distinct().order_by("pk")
    )


def staff_language(user):
    """The admin language the user chose in Wagtail (account settings), else the site's default."""
    profile = getattr(user, "wagtail_userprofile", None)
    language = getattr(profile, "preferred_language", "") or ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
