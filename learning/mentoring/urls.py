"""Mentoring routes, under /<language>/learning/mentoring/ (in the ``learning`` namespace)."""

from django.urls import path

from learning.mentoring import views

urlpatterns = [
    path("", views.overview, name="mentoring"),
    path("profile/", views.mentor_profile, name="mentoring_profile"),
    path("find/", views.find, name="mentoring_find"),
    path("ask/<int:pk>/", views.ask, name="mentoring_ask"),
    path("requests/<int:pk>/", views.request_detail, name="mentoring_request"),
    path("requests/<int:pk>/meeting/", views.request_meeting, name="mentoring_meeting"),
    path("requests/<int:pk>/feedback/", views.request_feedback, name="mentoring_feedback"),
    path("requests/<int:pk>/sign-off/", views.request_sign_off, name="mentoring_sign_off"),
    path("requests/<int:pk>/<slug:action>/", views.request_move, name="mentoring_move"),
    path("meetings/<int:pk>.ics", views.meeting_ical, name="mentoring_meeting_ical"),
]
