"""Feeds of policies and calls and the deadlines calendar (under /<language>/feeds/)."""

from django.urls import path

from funding import feeds

urlpatterns = [
    path("policies/rss/", feeds.PolicyFeed(), name="policy_rss"),
    path("policies/atom/", feeds.PolicyAtomFeed(), name="policy_atom"),
    path("calls/rss/", feeds.FundingCallFeed(), name="funding_call_rss"),
    path("calls/atom/", feeds.FundingCallAtomFeed(), name="funding_call_atom"),
    path("calls/deadlines.ics", feeds.deadlines_ical, name="funding_call_ical"),
]
