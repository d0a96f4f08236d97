"""Statuses change with the clock: the sweep re-indexes calls that crossed a boundary."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from funding.models import FundingCallPage
from funding.sweep import LAST_SWEEP_KEY, sweep_call_statuses
from search import api as search_api
from search.engines import get_engine
from search.models import OutboxEntry
from search.registry import build_document, source_for
from search.sync import process_outbox
from tests.importing.builders import call, import_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(sections):
    now = timezone.now()

    def iso(delta):
        return (now + delta).isoformat()

    import_records(
        call(id="closed-just-now", title="Closed an hour ago", deadline=iso(timedelta(hours=-1))),
        call(id="closed-long-ago", title="Closed last week", deadline=iso(timedelta(days=-7))),
        call(id="closing-now", title="Closing soon since an hour",
             deadline=iso(timedelta(days=14, hours=-1))),
        call(id="opened-now", title="Opened an hour ago", opens=iso(timedelta(hours=-1)),
             deadline=iso(timedelta(days=90))),
        call(id="open-far", title="Open for months", deadline=iso(timedelta(days=90))),
    )
    OutboxEntry.objects.all().delete()
    cache.set(LAST_SWEEP_KEY, (now - timedelta(hours=2)).isoformat())
    return now


def queued_calls():
    pks = set(OutboxEntry.objects.values_list("object_pk", flat=True))
    return set(FundingCallPage.objects.filter(pk__in=pks).values_list("import_id", flat=True))


def test_sweep_queues_exactly_the_calls_that_crossed_a_boundary(calls):
    assert sweep_call_statuses(calls) == 3
    assert queued_calls() == {"closed-just-now", "closing-now", "opened-now"}
    # Just swept: the next request-time sweep waits for its interval.
    with override_settings(CALL_STATUS_SWEEP_MINUTES=10):
        assert sweep_call_statuses(calls + timedelta(minutes=1)) is None
    assert sweep_call_statuses(calls + timedelta(minutes=1), force=True) == 0


def test_a_stale_status_in_the_index_is_corrected_by_the_sweep(calls):
    page = FundingCallPage.objects.get(import_id="closed-just-now")
    doc = build_document(source_for(page), page)
    doc.status = "open"  # what the index held before the deadline passed
    get_engine().index_documents([doc])
    assert page.title in [hit.title for hit in search_api.search("", status=["open"]).results]

    sweep_call_statuses(calls)
    process_outbox()
    open_titles = [hit.title for hit in search_api.search("", status=["open"]).results]
    closed_titles = [hit.title for hit in search_api.search("", status=["closed"]).results]
    assert page.title not in open_titles and page.title in closed_titles


def test_request_time_sweep_runs_from_a_page_view_and_never_breaks_it(calls, client,
                                                                        monkeypatch):
    cache.delete(LAST_SWEEP_KEY)
    with override_settings(REQUEST_TIME_SWEEPS=["funding.sweep.sweep_call_statuses"]):
        assert client.get("/en/funding/").status_code == 200
        assert {"closed-just-now", "opened-now"} <= queued_calls()

        def broken(*args, **kwargs):
            raise RuntimeError("database is having a bad day")

        monkeypatch.setattr("funding.sweep.sweep_call_statuses", broken)
        assert client.get("/en/funding/").status_code == 200
