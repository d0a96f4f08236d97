"""Expired posts leave listings and the index by themselves; related content from search."""

import datetime as dt
import io
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from network.choices import PostCategory
from network.indexing import sync
from network.models import B2BPost
from network.sweep import SWEEP_KEY, sweep_expired_posts
from search.api import search
from search.sync import process_outbox
from tests.network.factories import make_post

pytestmark = pytest.mark.django_db

MARKER = "zanzibarite"


def test_expired_post_leaves_listing_and_search_without_a_command(
    client, site_tree, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    post = make_post(title=f"Offcuts {MARKER}", valid_until=today)
    sync(post)
    process_outbox()
    assert search(MARKER).total == 1
    cache.set(SWEEP_KEY, today.isoformat())  # today's sweep has run

    # The day passes: the post's last valid day is now yesterday.
    B2BPost.objects.filter(pk=post.pk).update(valid_until=today - dt.timedelta(days=1))
    cache.set(SWEEP_KEY, (today - dt.timedelta(days=1)).isoformat())

    with django_capture_on_commit_callbacks(execute=True):
        listing = client.get("/en/network/b2b/")
    assert MARKER not in listing.content.decode()
    assert search(MARKER).total == 0
    assert client.get(f"/api/search/?q={MARKER}").json()["total"] == 0
    assert cache.get(SWEEP_KEY) == today.isoformat()


def test_sweep_runs_once_a_day_and_only_for_newly_expired_posts():
    today = timezone.localdate()
    make_post(valid_until=today - dt.timedelta(days=30))  # handled by an earlier sweep
    fresh = make_post(valid_until=today - dt.timedelta(days=1))
    make_post(valid_until=today)  # still valid today
    cache.set(SWEEP_KEY, (today - dt.timedelta(days=1)).isoformat())
    with mock.patch("network.indexing.sync") as synced:
        assert sweep_expired_posts() == 1
        synced.assert_called_once_with(fresh)
        assert sweep_expired_posts() is None  # at most once a day
    cache.delete(SWEEP_KEY)  # a lost cache sweeps every expired post once
    with mock.patch("network.indexing.sync") as synced:
        assert sweep_expired_posts() == 2


def test_post_shows_a_related_case_study_found_by_search(client):
    from tests.importing.builders import build_sections, build_taxonomy, case_study, import_records

    build_sections()
    build_taxonomy()
    import_records(
        case_study(
            id="cs-weave",
            language="bg",
            title="Weaving cotton remnants into carpets",
            summary="Cotton remnants from garment factories woven into carpets.",
            pillars=[],
            themes=[],
            tags=[],
        )
    )
    # No pillar or theme in common, so only the search engine can relate them.
    post = make_post(
        title="Cotton remnants for carpets weaving",
        description="Cotton remnants from our garment factory, 2 t a month.",
        category=PostCategory.SERVICES,
    )
    sync(post)
    process_outbox()
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Weaving cotton remnants into carpets" in page
    assert "/case-studies/cs-weave/" in page
    with mock.patch("search.api.related", return_value=[]):
        page = client.get(post.get_absolute_url()).content.decode()
    assert "Weaving cotton remnants into carpets" not in page


def test_related_falls_back_to_the_shared_vocabulary(client):
    from tests.importing.builders import build_sections, build_taxonomy, case_study, import_records

    build_sections()
    build_taxonomy()
    import_records(case_study(id="cs-voc", language="bg", title="Textile reuse in Plovdiv"))
    post = make_post(category=PostCategory.TEXTILE_OFFCUTS)
    # The post's page in Bulgarian, the case study's language, whatever an earlier test activated.
    with mock.patch("search.api.related", return_value=[]), translation.override("bg"):
        page = client.get(post.get_absolute_url()).content.decode()
    assert "Textile reuse in Plovdiv" in page


def test_expire_command_runs_the_sweep_even_after_todays_request_time_sweep():
    """``expire_b2b_posts`` is the sweep of ``REQUEST_TIME_SWEEPS``, forced: a safety net."""
    from django.core.management import call_command

    today = timezone.localdate()
    post = make_post(title=f"Offcuts {MARKER}", valid_until=today)
    sync(post)
    process_outbox()
    B2BPost.objects.filter(pk=post.pk).update(valid_until=today - dt.timedelta(days=1))
    cache.set(SWEEP_KEY, today.isoformat())  # the request-time sweep says today is done
    assert sweep_expired_posts() is None
    out = io.StringIO()
    call_command("expire_b2b_posts", stdout=out)
    assert "1 expired post(s)" in out.getvalue()
    process_outbox()
    assert search(MARKER).total == 0

