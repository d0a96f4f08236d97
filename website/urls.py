from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from website import views
from website.api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Also without a language prefix (in the visitor's language); pages link the prefixed one.
    path("manifest.webmanifest", views.manifest, name="manifest_any_language"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/search/", include("search.api_urls")),
    path("api/indicators/", include("monitoring.api_urls")),
    path("api/v2/", api_router.urls),
    path("", include("learning.certificates.public_urls")),
    # Uploads in development only (the view answers 404 unless DEBUG), never documents.
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", views.development_media,
            name="development_media"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("network/", include("network.urls")),
    path("learning/", include("learning.urls")),
    path("certificates/", include("learning.certificates.urls")),
    path("search/", include("search.urls")),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("feeds/", include("casestudies.urls")),
    path("feeds/", include("funding.urls")),
    path("saved-calls/", include("funding.saved_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"
