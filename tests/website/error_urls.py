"""The site's URLs plus one view that fails, to see the 500 page and the error report."""

from django.urls import path

from website.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("something broke")


urlpatterns = [path("broken/", broken_view), *site_urlpatterns]
handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"
