"""One archive holds the whole site: a database snapshot, the media folder and a manifest.

``manage.py backup`` and ``manage.py restore`` (website/management/commands)
use this module. The archive is a tar.gz:

- ``manifest.json``: format, the code's version, when it was made, the
  database vendor, the applied migration heads, and every other member with
  its size and sha256;
- ``database/db.sqlite3`` (SQLite's online backup API: a consistent copy
  while the site keeps writing) or ``database/db.dump`` (``pg_dump`` custom
  format, one transaction snapshot);
- ``media/...``: uploads (images, renditions, documents, members' logos).

A restore checks every member against the manifest before it touches
anything, so a truncated or altered archive changes nothing. The search index
is not in the archive: it is rebuilt from the restored database.
"""

import datetime as dt
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tomllib
import zlib
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Why a backup or restore cannot go on, in one line for the operator."""


def code_version():
    with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as stream:
        return tomllib.load(stream)["project"]["version"]


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def postgres_tool(name):
    """``pg_dump`` or ``pg_restore`` from PATH, else the newest under /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if not candidates:
        raise BackupError(f"{name} is not installed (apt install postgresql-client).")
    return candidates[-1]


def postgres_env():
    """Connection settings as libpq's environment, so no password shows in a process list."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                      ("PASSWORD", "PGPASSWORD"), ("NAME", "PGDATABASE")):
        if db.get(key):
            env[name] = str(db[key])
    return env


def migration_heads():
    loader = MigrationLoader(connection)
    return sorted(f"{app}.{name}" for app, name in loader.graph.leaf_nodes()
                  if (app, name) in loader.applied_migrations)


# Backup --------------------------------------------------------------------------------


def snapshot_database(folder):
    """A consistent copy of the database in ``folder``; returns its path."""
    if connection.vendor == "sqlite":
        target = folder / "db.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return target
    if connection.vendor == "postgresql":
        target = folder / "db.dump"
        result = subprocess.run(  # noqa: S603 - our arguments, no shell
            [postgres_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
             f"--file={target}"],
            env=postgres_env(), capture_output=True, text=True)
        if result.returncode:
            raise BackupError(f"pg_dump failed: {' '.join(result.stderr.split())[:300]}")
        return target
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def media_files():
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def write_backup(output):
    """Write the archive to ``output`` (atomically: a failed run leaves no archive)."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.parent / f".{output.name}.parts"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    partial = output.parent / f".{output.name}.partial"
    try:
        database = snapshot_database(staging)
        members = [(f"database/{database.name}", database)]
        root = Path(settings.MEDIA_ROOT)
        members += [(f"media/{path.relative_to(root).as_posix()}", path) for path in media_files()]
        entries = [{"path": name, "size": path.stat().st_size, "sha256": sha256_of(path)}
                   for name, path in members]
        manifest = {
            "format": FORMAT,
            "version": code_version(),
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": {"vendor": connection.vendor, "file": members[0][0]},
            "migrations": migration_heads(),
            "files": entries,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(staging / MANIFEST, arcname=MANIFEST)
            for entry, (name, path) in zip(entries, members, strict=True):
                info = archive.gettarinfo(path, arcname=name)
                info.size = entry["size"]  # as hashed, even if the file grew since
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                with open(path, "rb") as stream:
                    archive.addfile(info, stream)
        verify_archive(partial, extract_to=None)  # a file that changed while read fails here
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


# Reading an archive ----------------------------------------------------------------------


def _safe_name(name):
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def verify_archive(path, extract_to=None):
    """The manifest of a complete, unaltered archive; each file extracted under ``extract_to``.

    Every member must be a regular file named in the manifest with its size and
    sha256, and every file in the manifest must be there. Raises ``BackupError``
    otherwise; nothing outside ``extract_to`` is written.
    """
    try:
        with tarfile.open(path, "r:gz") as archive:
            first = archive.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise BackupError(f"{path} is not a backup archive: it does not begin with {MANIFEST}.")
            try:
                manifest = json.load(archive.extractfile(first))
                expected = {entry["path"]: entry for entry in manifest["files"]}
                manifest["database"]["vendor"]
            except (ValueError, KeyError, TypeError) as exc:
                raise BackupError(f"{path}: the manifest is unreadable ({exc}).") from exc
            if manifest.get("format") != FORMAT:
                raise BackupError(f"{path}: archive format {manifest.get('format')!r}, "
                                  f"this version reads {FORMAT}.")
            seen = set()
            for member in archive:
                if member is first:
                    continue
                entry = expected.get(member.name)
                if entry is None or member.name in seen or not member.isfile() \
                        or not _safe_name(member.name):
                    raise BackupError(f"{path}: unexpected member {member.name!r}.")
                seen.add(member.name)
                _check_member(archive, member, entry, extract_to)
    except (OSError, EOFError, tarfile.TarError, zlib.error) as exc:
        raise BackupError(f"{path} is corrupt or incomplete: {' '.join(str(exc).split())}") from exc
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"{path} is incomplete: {len(missing)} file(s) missing, "
                          f"first {missing[0]!r}.")
    return manifest


def _check_member(archive, member, entry, extract_to):
    digest = hashlib.sha256()
    size = 0
    target = None
    if extract_to is not None:
        target = Path(extract_to) / member.name
        target.parent.mkdir(parents=True, exist_ok=True)
    source = archive.extractfile(member)
    with open(target or os.devnull, "wb") as sink:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            sink.write(chunk)
    if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
        raise BackupError(f"checksum mismatch for {member.name!r}: the archive was altered "
                          "or damaged.")

