"""Signals other parts of the learning app (certificates, mentoring) connect to.

``programme_completed`` is sent once per learner and programme, after the
transaction that recorded the completion commits, with ``completion`` (a
``learning.models.Completion``: its ``enrolment``, ``completed_at`` and
``reasons``).
"""

from django.dispatch import Signal

programme_completed = Signal()
