"""One ``Moderated`` base for everything members submit, and every such model counted for editors.

Apps that come later (learning, monitoring) reuse ``website.models.moderation``;
these tests fail when a model grows its own copy of the moderation fields or
methods, or when submitted content of some model waits where no editor's
dashboard panel or daily digest counts it.
"""

import pytest
from django.apps import apps
from django.db.models import FileField

from website.models.moderation import Moderated
from website.moderation import queues

FIELDS = ("status", "rejection_reason", "approved_at", "submitted_at", "pending_changes")
METHODS = ("approve", "reject", "discard_pending", "draft", "pending_diff")


def moderated_models():
    return [model for model in apps.get_models() if issubclass(model, Moderated)]


def test_the_network_moderates_through_the_one_base():
    names = {model._meta.label for model in moderated_models()}
    assert {"network.Member", "network.B2BPost", "network.MemberActivity",
            "network.NetworkMembership"} <= names


@pytest.mark.parametrize("model", moderated_models(), ids=lambda model: model._meta.label)
def test_no_moderated_model_defines_its_own_copy(model):
    for name in FIELDS:  # a field inherited from an abstract base keeps its creation counter
        own, base = model._meta.get_field(name), Moderated._meta.get_field(name)
        assert own.creation_counter == base.creation_counter, f"{model.__name__}.{name} redefined"
    for name in METHODS:
        assert getattr(model, name) is getattr(Moderated, name), f"{model.__name__}.{name} redefined"


@pytest.mark.parametrize("model", moderated_models(), ids=lambda model: model._meta.label)
def test_every_moderated_model_has_a_queue_for_editors(model):
    assert model in {queue.model for queue in queues()}, (
        f"{model._meta.label} is moderated but no queue (website.moderation.register_queue) "
        "counts it on the dashboard and in the digest"
    )


@pytest.mark.parametrize("model", moderated_models(), ids=lambda model: model._meta.label)
def test_pending_files_name_real_twin_fields(model):
    for public, twin in model.pending_files.items():
        field = model._meta.get_field(public)
        assert isinstance(field, FileField)
        assert type(model._meta.get_field(twin)) is type(field)
    for name in model.unmoderated_fields:
        model._meta.get_field(name)  # raises FieldDoesNotExist on a typo
