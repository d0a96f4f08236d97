"""Background work: the outbox (after every change) and full rebuilds."""

import logging

from django.utils import timezone
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)


@task()
def process_search_outbox():
    """Write pending index updates; if some failed, come back when the first retry is due."""
    from search.models import OutboxEntry
    from search.sync import process_outbox

    written, removed, failed = process_outbox()
    if failed and default_task_backend.supports_defer:
        first = OutboxEntry.objects.filter(attempts__gt=0).order_by("next_attempt_at").first()
        if first is not None:
            process_search_outbox.using(
                run_after=max(first.next_attempt_at, timezone.now())
            ).enqueue()
    return {"written": written, "removed": removed, "failed": failed}
