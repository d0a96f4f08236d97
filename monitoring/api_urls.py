from django.urls import path

from monitoring import api

app_name = "indicators_api"
urlpatterns = [path("", api.indicators, name="indicators")]
