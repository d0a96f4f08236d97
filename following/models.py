"""Saved searches, follows, and what each of them has already told its owner.

Both kinds of subscription belong to one account and are seen only by it. A
saved search keeps the search page's own parameters (``params``, a query
string): the digest and the feed rebuild the query with the search app's
parser, so they match exactly what the page shows. A follow names a thing by
kind and slug (``website.follows``). ``SentItem`` is one item that one
subscription reported (or found already there when it was made): the digest
never reports it again.
"""

from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from following.choices import Frequency


class Subscription(models.Model):
    """What saved searches and follows share: the owner, how often, when last looked at."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"),
                             on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(_("e-mail digest"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.WEEKLY)
    # The language the digest is written in: the page's when the subscription was made.
    language = models.CharField(_("language"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The last digest run that looked for new items (whether or not it found any).
    checked_at = models.DateTimeField(_("last checked"), default=timezone.now)

    class Meta:
        abstract = True


class SavedSearch(Subscription):
    """A search a member saved: its name and the search page's parameters."""

    name = models.CharField(_("name"), max_length=120)
    params = models.CharField(_("search parameters"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        url = reverse("search:search")
        return f"{url}?{self.params}" if self.params else url

    @property
    def query_dict(self):
        return QueryDict(self.params)


class Follow(Subscription):
    """A member follows a member, a pillar, a network or a theme (``kind`` and ``key``, a slug)."""

    kind = models.CharField(_("kind"), max_length=20)
    key = models.CharField(_("slug"), max_length=220)
    # The name when it was followed, shown if the thing is gone or hidden since.
    name = models.CharField(_("name"), max_length=220)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="unique_follow")
        ]

    def __str__(self):
        return self.name


class SentItem(models.Model):
    """One item a subscription has reported (or found there already when it was made)."""

    saved_search = models.ForeignKey(SavedSearch, null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="sent_items")
    follow = models.ForeignKey(Follow, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="sent_items")
    # The item's search-document id ("offer:offer-12").
    key = models.CharField(_("item"), max_length=200)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    # False for the items already there when the subscription was made (never mailed).
    mailed = models.BooleanField(_("mailed"), default=True)

    class Meta:
        verbose_name = _("item sent")
        verbose_name_plural = _("items sent")
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "key"], name="unique_search_item"),
            models.UniqueConstraint(fields=["follow", "key"], name="unique_follow_item"),
            models.CheckConstraint(
                condition=models.Q(saved_search__isnull=True) ^ models.Q(follow__isnull=True),
                name="sent_item_one_subscription",
            ),
        ]

    def __str__(self):
        return self.key
