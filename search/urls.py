# Contract with templates/base.html: app_name "search", the page is named "search".
from django.urls import path

from search import views

app_name = "search"
urlpatterns = [
    path("", views.search_page, name="search"),
]
