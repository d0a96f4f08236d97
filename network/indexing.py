"""Keeping the search index in step with moderation (through ``search.sync``'s outbox).

The worker re-reads each recorded object and indexes it only while it is
public, so "changed" is right for approval, rejection, edits and expiry;
"removed" is for deletions, where the object is about to vanish.
"""

from search.sync import object_changed, object_removed


def sync(obj):
    object_changed(obj)


def remove(obj):
    object_removed(obj)


def sync_member_tree(member):
    """A member's visibility decides its posts' and activities' too."""
    sync(member)
    for obj in [*member.posts.all(), *member.activities.all()]:
        sync(obj)
