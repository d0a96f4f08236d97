"""Keep the waiting lists moving when editors change a session.

Raising a session's capacity (or any save of it) gives the free places to the
people waiting, after the editor's transaction commits.
"""

from django.db import transaction
from django.db.models.signals import post_save


def _session_saved(instance, created, **_kwargs):
    if created:
        return
    from learning.booking import capacity_changed

    transaction.on_commit(lambda: capacity_changed(instance))


def register_signal_handlers():
    post_save.connect(_session_saved, sender="learning.Session",
                      dispatch_uid="learning-session-saved")
