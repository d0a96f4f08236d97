"""The Atom feed of a saved search: its newest matching items, from the search index.

The index holds only live, public, approved content, so the feed can be read
without a login; its address carries a signed token (``following.tokens``).
"""

import datetime as dt

from django.http import HttpResponse
from django.utils import feedgenerator, timezone
from django.utils.translation import gettext as _

from following import subscriptions
from search import registry

FEED_SIZE = 30


def atom_response(request, saved):
    hits, _complete = subscriptions.search_hits(saved, page_size=FEED_SIZE)
    labels = registry.kinds()
    feed = feedgenerator.Atom1Feed(
        title=_("Saved search: %(name)s") % {"name": saved.name},
        link=request.build_absolute_uri(saved.get_absolute_url()),
        description=_("The newest items matching this search."),
        language=saved.language or None,
        feed_url=request.build_absolute_uri(),
        feed_guid=request.build_absolute_uri(),
    )
    for hit in hits:
        published = hit.published
        if published is not None and not hasattr(published, "hour"):
            published = timezone.make_aware(dt.datetime.combine(published, dt.time.min))
        feed.add_item(
            title=hit.title,
            link=request.build_absolute_uri(hit.url),
            description=hit.summary,
            unique_id=f"urn:competence-hub:{hit.id}",
            pubdate=published,
            updateddate=published,
            categories=[str(labels.get(hit.kind, hit.kind))],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    response["X-Robots-Tag"] = "noindex"
    return response
