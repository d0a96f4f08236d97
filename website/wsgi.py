"""WSGI entry point (gunicorn website.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

application = get_wsgi_application()

# Everything made while loading Django, Wagtail and the apps lives as long as the
# process. Frozen, it is left out of the garbage collector's full passes, which
# otherwise walk it all and stall a request for ~150 ms now and then (the p99).
gc.collect()
gc.freeze()
