"""backup and restore: a round trip of real content, and archives that are refused.

The commands run in real processes (as an operator runs them), the backup on
this test's database, the restore into a second, empty site: another SQLite
file, or another database on the same PostgreSQL server (skipped when
pg_restore is not installed). DATABASE_URL stays in their environment so that
on PostgreSQL they reach the test server.
"""

import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from website.backup import BackupError, postgres_tool

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)


def site_settings(tmp_path, name, database, media):
    module = tmp_path / f"{name}.py"
    module.write_text(
        "from pathlib import Path\n"
        "from website.settings.test import *  # noqa: F403\n"
        f"DATABASES['default']['NAME'] = {database!r}  # noqa: F405\n"
        f"MEDIA_ROOT = Path({str(media)!r})\n"
        f"SEARCH_INDEX_DIR = Path({str(tmp_path / (name + '-search'))!r})\n"
    )
    return name


def manage(tmp_path, settings_module, *args):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=settings_module,
               PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=600)


@pytest.fixture
def empty_database(tmp_path):
    """The name of a second, empty database for the restored site."""
    if connection.vendor == "sqlite":
        yield str(tmp_path / "restored.sqlite3")
        return
    try:
        postgres_tool("pg_restore")
    except BackupError:
        pytest.skip("pg_restore is not installed")
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def back_up(tmp_path, settings):
    """This site with one upload more, its export, and its backup archive."""
    upload = Path(settings.MEDIA_ROOT) / "documents" / "report.pdf"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(b"%PDF-1.4 demo report\n" * 100)
    export = tmp_path / "before.jsonl"
    call_command("export_content", "-o", str(export), stderr=io.StringIO())
    source = site_settings(tmp_path, "source_site", connection.settings_dict["NAME"],
                           settings.MEDIA_ROOT)
    archive = tmp_path / "site.tar.gz"
    done = manage(tmp_path, source, "backup", str(archive))
    assert done.returncode == 0, done.stderr
    assert "checksums verified" in done.stdout
    return {"archive": archive, "export": export, "upload": upload}


def test_backup_restore_round_trip_gives_the_same_export(demo_content, tmp_path, settings,
                                                         empty_database):
    backed_up = back_up(tmp_path, settings)
    with tarfile.open(backed_up["archive"]) as archive:
        names = archive.getnames()
        manifest = json.load(archive.extractfile("manifest.json"))
    assert names[0] == "manifest.json"
    assert manifest["database"]["vendor"] == connection.vendor
    assert any(head.startswith("website.") for head in manifest["migrations"])
    files = {entry["path"]: entry for entry in manifest["files"]}
    assert files["media/documents/report.pdf"]["sha256"] == hashlib.sha256(
        backed_up["upload"].read_bytes()).hexdigest()
    assert set(names[1:]) == set(files)

    media = tmp_path / "restored-media"
    target = site_settings(tmp_path, "restored_site", empty_database, media)
    assert manage(tmp_path, target, "migrate", "--noinput").returncode == 0  # a fresh install
    done = manage(tmp_path, target, "restore", str(backed_up["archive"]))
    assert done.returncode == 0, done.stderr
    assert "rebuild_search_index" in done.stdout
    assert (media / "documents" / "report.pdf").read_bytes() == backed_up["upload"].read_bytes()
    after = tmp_path / "after.jsonl"
    assert manage(tmp_path, target, "export_content", "-o", str(after)).returncode == 0
    before_text = backed_up["export"].read_text(encoding="utf-8")
    assert before_text.count("\n") > 10  # the demo content, not two empty files
    assert after.read_text(encoding="utf-8") == before_text

    # The restored site has content now: a second restore is refused and changes nothing.
    again = manage(tmp_path, target, "restore", str(backed_up["archive"]))
    assert again.returncode == 1
    assert "not empty" in again.stderr and "--force" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1


def corrupt(archive, tmp_path, how):
    broken = tmp_path / f"{how}.tar.gz"
    data = archive.read_bytes()
    if how == "truncated":
        broken.write_bytes(data[: len(data) // 2])
    elif how == "altered":
        with tarfile.open(archive) as source, tarfile.open(broken, "w:gz") as target:
            for member in source:
                content = source.extractfile(member).read()
                if member.name == "media/documents/report.pdf":
                    content = content.replace(b"demo", b"evil")
                target.addfile(member, io.BytesIO(content))
    elif how == "not-a-backup":
        broken.write_bytes(gzip.compress(b"hello"))
    return broken


def test_a_damaged_archive_is_refused_before_anything_changes(tmp_path, settings,
                                                              empty_database):
    backed_up = back_up(tmp_path, settings)
    media = tmp_path / "restored-media"
    # Not even migrated: the emptiest site there is.
    target = site_settings(tmp_path, "restored_site", empty_database, media)
    for how, message in [
        ("truncated", "corrupt or incomplete"),
        ("altered", "checksum mismatch for 'media/documents/report.pdf'"),
        ("not-a-backup", "corrupt or incomplete"),
    ]:
        broken = corrupt(backed_up["archive"], tmp_path, how)
        done = manage(tmp_path, target, "restore", str(broken))
        assert done.returncode == 1, (how, done.stdout)
        assert message in done.stderr, (how, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1
        assert not media.exists() or not any(media.rglob("*"))
        assert not list(media.parent.glob(".restore-*"))  # the staging folder went too
    missing = manage(tmp_path, target, "restore", str(tmp_path / "nothing.tar.gz"))
    assert missing.returncode == 1 and "no such file" in missing.stderr
    # Nothing changed: the real archive still goes into the empty site after those refusals.
    assert manage(tmp_path, target, "restore", str(backed_up["archive"])).returncode == 0
    assert (media / "documents" / "report.pdf").exists()
