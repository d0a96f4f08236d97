"""A member's saved funding calls (under /<language>/saved-calls/)."""

from django.urls import path

from funding import views

urlpatterns = [
    path("", views.saved_calls, name="funding_saved_calls"),
    path("<int:pk>/", views.save_call, name="funding_save_call"),
]
