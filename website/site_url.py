"""Absolute URLs: one canonical address, ``SITE_URL``, which the Wagtail Site follows.

Wagtail builds every absolute page URL (``page.get_full_url``, the sitemap,
API v2's ``detail_url`` and ``html_url``) from the ``Site`` record's hostname
and port, not from ``SITE_URL``. So ``migrate`` (a ``post_migrate`` handler,
run by ``make run`` and on every deployment) and the demo loader set the
default site from ``SITE_URL``, and a system check warns when the two differ:
changing ``SITE_URL`` and running ``migrate`` is enough.

URLs that leave the site (feeds, calendars, the sitemap, API v2, e-mails sent
without a request) are canonical: the request's Wagtail site (the default one,
that is ``SITE_URL``, for any other allowed host), or ``SITE_URL`` itself where
there is no request. Links inside pages stay relative and follow the host the
visitor used.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DatabaseError

DEFAULT_PORTS = {"http": 80, "https": 443}


class SiteURLError(ValueError):
    pass


def site_address(url=None):
    """(hostname, port) of ``SITE_URL`` as a Wagtail Site stores them; SiteURLError if unusable.

    The messages are for whoever deploys the site (system checks), so they are not translated.
    """
    url = settings.SITE_URL if url is None else url
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise SiteURLError(f"SITE_URL must look like https://hub.example.org, not {url!r}.")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise SiteURLError(f"SITE_URL is the site's root, without a path, query or user: {url!r}.")
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as exc:
        raise SiteURLError(f"SITE_URL has an invalid port: {url!r}.") from exc
    # Wagtail derives the scheme from the port (443 is https, anything else http).
    if (parts.scheme == "https") != (port == 443):
        raise SiteURLError(f"A Wagtail site is https on port 443 only: {url!r}.")
    return parts.hostname, port


def base_url(request=None):
    """The canonical scheme://host[:port], without a trailing slash."""
    if request is not None:
        from wagtail.models import Site

        site = Site.find_for_request(request)
        if site is not None:
            return site.root_url
    return settings.SITE_URL.rstrip("/")


def absolute_url(path, request=None):
    """``path`` (e.g. from ``reverse`` or ``get_absolute_url``) on the canonical site."""
    if urlsplit(path).scheme:
        return path
    return base_url(request) + path


def canonical_hostname():
    """The host name of ``SITE_URL``: stable identifiers (iCalendar UIDs) use it."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def sync_default_site(**kwargs):
    """Give the default Wagtail Site the hostname and port of ``SITE_URL``; True if changed.

    Connected to ``post_migrate``; without a default site (a fresh database
    before the demo loader makes one) there is nothing to do.
    """
    from wagtail.models import Site

    try:
        hostname, port = site_address()
    except SiteURLError:
        return False  # the system check reports it and stops migrate before this
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save()  # a post_save, so cached site lookups start afresh
    return True


def check_site_url(app_configs=None, **kwargs):
    """SITE_URL must be usable, and the default Wagtail Site should match it."""
    try:
        hostname, port = site_address()
    except SiteURLError as exc:
        return [checks.Error(str(exc), id="website.E001")]
    from wagtail.models import Site

    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # not migrated yet: migrate sets the site
        return []
    if site is not None and (site.hostname, site.port) != (hostname, port):
        return [checks.Warning(
            f"The default Wagtail site is {site.root_url} but SITE_URL is {settings.SITE_URL}: "
            "feeds, the sitemap and the API would link to the site's address.",
            hint="Run `python manage.py migrate`: it sets the default site from SITE_URL.",
            id="website.W001",
        )]
    return []
