"""Feeds of case studies and tools (mounted under /<language>/feeds/)."""

from django.urls import path

from casestudies import syndication

urlpatterns = [
    path("case-studies/rss/", syndication.CaseStudyFeed(), name="case_study_rss"),
    path("case-studies/atom/", syndication.CaseStudyAtomFeed(), name="case_study_atom"),
    path("tools/rss/", syndication.ToolFeed(), name="tool_rss"),
    path("tools/atom/", syndication.ToolAtomFeed(), name="tool_atom"),
]
