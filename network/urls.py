"""Front-end routes of the network, under /<language>/network/."""

from django.urls import path

from network.news import NewsAtomFeed
from network.views import account, activities, events, groups, members, posts

app_name = "network"
urlpatterns = [
    path("", members.dashboard, name="dashboard"),
    path("profile/", members.profile_edit, name="profile_edit"),
    path("my-data.json", account.download_data, name="download_data"),
    path("delete-account/", account.delete_my_account, name="delete_account"),
    path("members/map.geojson", members.members_geojson, name="members_geojson"),
    path("members/<str:slug>/", members.member_detail, name="member_detail"),
    path("members/<str:slug>/contact/", account.contact, name="contact"),
    path("pillars/", members.pillar_list, name="pillar_list"),
    path("pillars/<slug:slug>/", members.pillar_detail, name="pillar_detail"),
    path("b2b/", posts.post_list, name="post_list"),
    path("b2b/new/", posts.post_create, name="post_create"),
    path("b2b/<int:pk>/", posts.post_detail, name="post_detail"),
    path("b2b/<int:pk>/edit/", posts.post_edit, name="post_edit"),
    path("b2b/<int:pk>/delete/", posts.post_delete, name="post_delete"),
    path("activities/new/", activities.activity_create, name="activity_create"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/event.ics", activities.activity_ical, name="activity_ical"),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", activities.activity_delete, name="activity_delete"),
    path("events/feed.ics", events.feed, name="event_feed"),
    path("news/atom/", NewsAtomFeed(), name="news_atom"),
    path("events/<int:pk>.ics", events.event_page_ical, name="event_page_ical"),
    path("groups/", groups.group_list, name="group_list"),
    path("groups/<slug:slug>/", groups.group_detail, name="group_detail"),
    path("groups/<slug:slug>/join/", groups.group_join, name="group_join"),
    path("groups/<slug:slug>/leave/", groups.group_leave, name="group_leave"),
    path("groups/<slug:slug>/requests/<int:pk>/", groups.group_decide, name="group_decide"),
]
