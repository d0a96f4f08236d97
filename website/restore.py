"""Put a backup (``website.backup``) back: into an empty site, or over one with ``force``.

The order keeps a failure harmless: the whole archive is checked and unpacked
into a staging folder first (a corrupt archive stops there, before anything
changes), then the database is replaced (SQLite's backup API writes the
snapshot into the live file, which other connections see at once; PostgreSQL's
``pg_restore --clean``), and only then is the media folder swapped in, the
previous one kept beside it. The cache is cleared, since it holds pages of
the content that was there before.
"""

import datetime as dt
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from website.backup import BackupError, media_files, postgres_env, postgres_tool, verify_archive


def site_content():
    """What the site holds already (empty list: an empty site, safe to restore into)."""
    found = []
    if media_files():
        found.append(f"files in {settings.MEDIA_ROOT}")
    tables = set(connection.introspection.table_names())
    if "auth_user" not in tables:
        return found
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    if get_user_model().objects.exists():
        found.append("user accounts")
    # Depth 1 is the tree's root and depth 2 the home page(s) a fresh migrate makes.
    if Page.objects.filter(depth__gt=2).exists():
        found.append("pages")
    if get_image_model().objects.exists() or get_document_model().objects.exists():
        found.append("images or documents")
    return found


def check_compatible(manifest):
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"The archive holds a {vendor} database; this site uses "
                          f"{connection.vendor}.")
    known = MigrationLoader(connection, ignore_no_migrations=True).graph.nodes
    unknown = [head for head in manifest["migrations"]
               if tuple(head.split(".", 1)) not in known]
    if unknown:
        raise BackupError(f"The archive comes from newer code (migration {unknown[0]} is "
                          "unknown here): deploy that version first.")


def restore_database(manifest, staging):
    snapshot = Path(staging) / manifest["database"]["file"]
    if connection.vendor == "sqlite":
        connection.close()
        source = sqlite3.connect(snapshot)
        target = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        return
    connection.close()
    result = subprocess.run(  # noqa: S603 - our arguments, no shell
        [postgres_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", f"--dbname={connection.settings_dict['NAME']}",
         str(snapshot)],
        env=postgres_env(), capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"pg_restore failed: {' '.join(result.stderr.split())[:300]}")


def swap_media(staging):
    """The archive's media folder in place of the current one; returns where the old one went."""
    media = Path(settings.MEDIA_ROOT)
    restored = Path(staging) / "media"
    restored.mkdir(exist_ok=True)
    kept = None
    if media.exists():
        if any(media.iterdir()):
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            kept = media.with_name(f"{media.name}.before-restore-{stamp}")
            media.rename(kept)
        else:
            media.rmdir()
    media.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(restored, media)
    return kept


def restore(path, force=False):
    """Restore the archive at ``path``; returns (manifest, where the old media went or None)."""
    if not Path(path).is_file():
        raise BackupError(f"{path}: no such file.")
    present = site_content()
    if present and not force:
        raise BackupError(f"This site is not empty ({', '.join(present)}): restore into an empty "
                          "site, or pass --force to replace everything.")
    media_parent = Path(settings.MEDIA_ROOT).parent
    media_parent.mkdir(parents=True, exist_ok=True)
    # Beside the media folder, so that moving it into place is a rename on one disk.
    staging = media_parent / f".restore-{dt.datetime.now():%Y%m%d%H%M%S%f}"
    staging.mkdir()
    try:
        manifest = verify_archive(path, extract_to=staging)
        check_compatible(manifest)
        restore_database(manifest, staging)
        kept = swap_media(staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    cache.clear()
    return manifest, kept
