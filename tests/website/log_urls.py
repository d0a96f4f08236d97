"""The site's URLs plus a view that logs and queries, to see what a request leaves in the logs."""

import logging

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import path

from website.urls import urlpatterns as site_urlpatterns

logger = logging.getLogger("tests.website.log_urls")


def logged_view(request):
    logger.info("inside the view")
    get_user_model().objects.filter(username="nobody-by-this-name").exists()
    return HttpResponse("ok")


def broken_view(request):
    raise RuntimeError("something broke")


urlpatterns = [path("logged/", logged_view), path("broken/", broken_view), *site_urlpatterns]
handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"
