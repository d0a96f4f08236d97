"""Scheduled publishing needs no cron: an ordinary request publishes what is due.

Time is moved by patching ``django.utils.timezone.now`` (Wagtail's command, the
sweep and the page views all read it), so nothing here waits for the clock.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from search.models import OutboxEntry
from tests.factories import make_page
from website.models import StandardPage
from website.sweeps import PUBLISHED_AT_KEY, publish_scheduled

pytestmark = pytest.mark.django_db

SWEEPS = ["website.sweeps.publish_scheduled"]


@pytest.fixture
def clock(monkeypatch):
    """A settable clock: ``clock.move(minutes=2)`` moves every ``timezone.now()``."""

    class Clock:
        now = timezone.now()

        def move(self, **delta):
            self.now += timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    cache.delete(PUBLISHED_AT_KEY)
    return clock


def scheduled_page(home, **when):
    """A page whose editor pressed "publish" with a go-live time in the future."""
    page = make_page(home, StandardPage, publish_it=False, title="Scheduled", slug="scheduled")
    for name, value in when.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@override_settings(REQUEST_TIME_SWEEPS=SWEEPS, SCHEDULED_PUBLISHING_SECONDS=30)
def test_a_request_publishes_a_page_whose_go_live_time_has_come(client, site_tree, clock):
    page = scheduled_page(site_tree["bg"], go_live_at=clock.now + timedelta(minutes=1))
    assert not page.live
    assert client.get("/bg/scheduled/").status_code == 404

    clock.move(minutes=1, seconds=1)
    OutboxEntry.objects.all().delete()
    response = client.get("/bg/scheduled/")  # any page would do; this one is the proof

    assert response.status_code == 200
    assert "Scheduled" in response.content.decode()
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    # Published through Wagtail, so page_published reached the search outbox.
    assert OutboxEntry.objects.filter(object_pk=str(page.pk), action="index").exists()


@override_settings(REQUEST_TIME_SWEEPS=SWEEPS, SCHEDULED_PUBLISHING_SECONDS=30)
def test_a_request_unpublishes_a_page_whose_expiry_time_has_passed(client, site_tree, clock):
    page = make_page(site_tree["bg"], StandardPage, title="Expiring", slug="expiring",
                     expire_at=clock.now + timedelta(minutes=5))
    assert client.get("/bg/expiring/").status_code == 200

    clock.move(minutes=5, seconds=1)
    assert client.get("/bg/").status_code == 200  # a visit to any other page
    assert client.get("/bg/expiring/").status_code == 404
    page.refresh_from_db()
    assert not page.live and page.expired


@override_settings(SCHEDULED_PUBLISHING_SECONDS=30)
def test_the_sweep_runs_at_most_once_per_interval_and_again_when_its_key_is_lost(
    site_tree, clock, django_assert_num_queries
):
    assert publish_scheduled() is True
    clock.move(seconds=10)
    with django_assert_num_queries(0):
        assert publish_scheduled() is None  # ran 10 s ago: nothing to ask the database

    page = scheduled_page(site_tree["bg"], go_live_at=clock.now + timedelta(seconds=5))
    clock.move(seconds=6)
    cache.delete(PUBLISHED_AT_KEY)  # an evicted key costs one more run, never a missed page
    assert publish_scheduled() is True
    page.refresh_from_db()
    assert page.live

    clock.move(seconds=31)
    assert publish_scheduled() is True
