"""Routes of the following app, under /<language>/following/."""

from django.urls import path

from following import views

app_name = "following"
urlpatterns = [
    path("searches/save/", views.save_search, name="save_search"),
    path("searches/<int:pk>/", views.saved_search_edit, name="saved_search_edit"),
    path("searches/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
    path("follow/", views.follow, name="follow"),
    path("follows/<int:pk>/", views.follow_edit, name="follow_edit"),
    path("follows/<int:pk>/unfollow/", views.unfollow, name="unfollow"),
    path("feed/<str:token>/", views.saved_search_feed, name="feed"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
