"""How an import shows in a page's history, and who hears that it published pages.

Every revision an import saves is logged as "Imported" (``IMPORT_ACTION``,
registered with Wagtail's ``register_log_actions`` hook in
``website.wagtail_hooks``) with the user who ran it (none for the command), and
every publish as Wagtail's own "Published"; a new page is also "Created", as
``Page.save`` logs it. Pages created live on the bulk path get the same three
entries, written in one insert, and the same ``page_published`` and
``published`` signals that Wagtail sends when an editor publishes, so the search
outbox, the caches and any other receiver react exactly as they would.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageLogEntry
from wagtail.signals import page_published, published

from search.sync import announced_once

IMPORT_ACTION = "competence_hub.import"
CREATE_ACTION = "wagtail.create"
PUBLISH_ACTION = "wagtail.publish"


def register_log_actions(actions):
    actions.register_action(IMPORT_ACTION, _("Import"), _("Imported"))


def log_created_live(pages, revisions, user, timestamp, batch_size):
    """The "Created", "Imported" and "Published" entries of pages created live, in bulk."""
    run = uuid.uuid4()  # one import, one group of entries (as one request's actions are)
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
        for action, on_revision in ((CREATE_ACTION, None), (IMPORT_ACTION, revision),
                                    (PUBLISH_ACTION, revision)):
            entries.append(PageLogEntry(
                page_id=page.pk, content_type=content_type, label=page.get_admin_display_title(),
                action=action, data={}, timestamp=timestamp, uuid=run, user=user,
                revision=on_revision, content_changed=True,
            ))
    PageLogEntry.objects.bulk_create(entries, batch_size=batch_size)


def send_published(pages, revisions):
    """Wagtail's publish signals, page by page, as ``revision.publish()`` sends them.

    The search outbox records every page and is asked to run once, not once a page.
    """
    with announced_once():
        for page, revision in zip(pages, revisions, strict=True):
            page_published.send(sender=page.specific_class, instance=page, revision=revision)
            published.send(sender=type(page), instance=page, revision=revision)
