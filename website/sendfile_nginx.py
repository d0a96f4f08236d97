"""Documents handed to nginx with ``X-Accel-Redirect`` once Wagtail's view has allowed them.

Wagtail's document view (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``) checks the
collection's privacy and then calls the ``SENDFILE_BACKEND``; without one it
streams the file through a gunicorn worker, which a large video then holds for
the whole download. With ``SENDFILE_NGINX_URL`` set, this backend answers with an
empty response naming the file under that internal location, and nginx sends
the bytes (docs/deployment.md: ``location /protected-media/ { internal; ... }``).
The location is ``internal``, so a visitor cannot ask for it directly. Only for
files under ``MEDIA_ROOT``; with object storage Wagtail streams from the bucket.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse


def sendfile(request, filename, **kwargs):
    relative = Path(filename).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    response = HttpResponse()
    response["X-Accel-Redirect"] = settings.SENDFILE_NGINX_URL.rstrip("/") + "/" + quote(
        relative.as_posix())
    return response
