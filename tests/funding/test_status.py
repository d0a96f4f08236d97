"""Funding-call status: computed from dates in Europe/Sofia, with the 14-day boundary."""

import zoneinfo
from datetime import datetime, timedelta

import pytest

from funding.choices import CallStatus
from funding.models import FundingCallPage
from funding.status import call_status, parse_deadline, status_q
from tests.importing.builders import call, import_records

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")  # the site's TIME_ZONE
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=SOFIA)


class TestFundingCallStatus:
    def test_forthcoming_before_opening(self):
        assert call_status(NOW + timedelta(seconds=1), NOW + timedelta(days=60), NOW) == (
            CallStatus.FORTHCOMING)

    def test_open_when_deadline_far(self):
        assert call_status(NOW - timedelta(days=1), NOW + timedelta(days=15), NOW) == (
            CallStatus.OPEN)

    def test_closing_soon_boundary_is_inclusive(self):
        assert call_status(None, NOW + timedelta(days=14), NOW) == CallStatus.CLOSING_SOON
        assert call_status(None, NOW + timedelta(days=14, seconds=1), NOW) == CallStatus.OPEN

    def test_closed_from_the_deadline_on(self):
        assert call_status(None, NOW, NOW) == CallStatus.CLOSED
        assert call_status(None, NOW - timedelta(seconds=1), NOW) == CallStatus.CLOSED
        assert call_status(None, NOW + timedelta(seconds=1), NOW) == CallStatus.CLOSING_SOON

    def test_open_ended_call_stays_open(self):
        assert call_status(NOW - timedelta(days=3), None, NOW) == CallStatus.OPEN

    def test_bare_deadline_date_means_end_of_day_in_sofia(self):
        deadline = parse_deadline("2026-03-31")
        assert deadline.utcoffset() == timedelta(hours=3)  # summer time from 29 March
        assert (deadline.hour, deadline.minute) == (23, 59)
        winter = parse_deadline("2026-01-15T17:00")
        assert winter.utcoffset() == timedelta(hours=2)

    def test_offset_in_the_value_wins(self):
        deadline = parse_deadline("2026-01-15T17:00:00+01:00")
        assert deadline.astimezone(SOFIA).hour == 18

    def test_comparisons_across_time_zones(self):
        # 23:30 in Sofia is 21:30 UTC: a call closing at 22:00 UTC is still open then.
        deadline = parse_deadline("2026-01-15T22:00:00+00:00")
        now = datetime(2026, 1, 15, 23, 30, tzinfo=SOFIA)
        assert call_status(None, deadline, now) == CallStatus.CLOSING_SOON


@pytest.mark.django_db
def test_database_filter_agrees_with_python_rule(sections):
    now = datetime.now(tz=SOFIA)
    cases = {
        "c-forthcoming": ((now + timedelta(days=2)).isoformat(), (now + timedelta(days=90))),
        "c-open": ((now - timedelta(days=2)).isoformat(), now + timedelta(days=40)),
        "c-soon": ((now - timedelta(days=2)).isoformat(), now + timedelta(days=3)),
        "c-closed": ((now - timedelta(days=60)).isoformat(), now - timedelta(days=1)),
    }
    import_records(*[
        call(id=key, opens=opens, deadline=deadline.isoformat(), title=key)
        for key, (opens, deadline) in cases.items()
    ])
    for page in FundingCallPage.objects.all():
        matching = FundingCallPage.objects.filter(status_q(page.status)).values_list(
            "import_id", flat=True)
        assert list(matching) == [page.import_id]
    statuses = {p.import_id: p.status for p in FundingCallPage.objects.all()}
    assert statuses == {
        "c-forthcoming": CallStatus.FORTHCOMING, "c-open": CallStatus.OPEN,
        "c-soon": CallStatus.CLOSING_SOON, "c-closed": CallStatus.CLOSED,
    }
