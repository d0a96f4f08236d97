"""Feeds of case studies and tools (mounted under /<language>/feeds/)."""

from django.urls import path

from casestudies import feeds

urlpatterns = [
    path("case-studies/rss/", feeds.CaseStudyFeed(), name="case_study_rss"),
    path("case-studies/atom/", feeds.CaseStudyAtomFeed(), name="case_study_atom"),
    path("tools/rss/", feeds.ToolFeed(), name="tool_rss"),
    path("tools/atom/", feeds.ToolAtomFeed(), name="tool_atom"),
]
