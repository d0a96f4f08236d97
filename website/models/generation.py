"""The content generation: one durable counter that every cache key of the site carries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentGeneration(models.Model):
    """A single row whose ``value`` every publish, move, deletion, privacy change or
    settings save raises (``website.chrome``).

    It lives in the database, not in a cache, because pages are served from
    cached restriction lists, routes and fragments keyed by it: a cache that
    expires, evicts or loses the number would otherwise fall back to an old
    generation and serve what was cached under it (a page made private, again
    public). Here it only ever grows, so a lost cache entry is a miss.
    """

    value = models.PositiveBigIntegerField(_("generation"), default=1)

    class Meta:
        verbose_name = _("content generation")

    def __str__(self):
        return str(self.value)
