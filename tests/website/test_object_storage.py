"""Uploads on object storage (``MEDIA_S3_BUCKET``): a real S3 API on a loopback port.

The S3 server is moto in server mode (``moto[server]``, a test dependency),
started for each test as its own process and spoken to over HTTP by boto3, as
a real bucket would be; only Amazon itself is missing. The storage settings are
the ones ``website.settings.base`` builds from the environment. Moto does not
check credentials or ACLs on requests, so that objects are private is read from
their ACLs rather than tried with an anonymous request.
"""

import json
import os
import socket
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

import boto3
import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from network.choices import Status
from network.signal_handlers import APPROVED_MEMBERS_GROUP
from tests.network.factories import make_member, make_user

ROOT = Path(__file__).resolve().parents[2]
MOTO_SERVER = Path(sys.executable).with_name("moto_server")
BUCKET = "competence-hub-media"
CONTENT = b"Budget 2026: confidential figures"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"

pytestmark = [pytest.mark.s3, pytest.mark.django_db]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def bucket(settings, tmp_path):
    """A running S3 server with an empty bucket, and the site's uploads on it."""
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-central-1",
                          aws_access_key_id="test", aws_secret_access_key="test")
    deadline = time.monotonic() + 20
    while True:
        try:
            client.list_buckets()
            break
        except Exception:  # noqa: BLE001 - not listening yet
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise
            time.sleep(0.1)
    client.create_bucket(Bucket=BUCKET,
                         CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    env = {"MEDIA_S3_BUCKET": BUCKET, "MEDIA_S3_ENDPOINT_URL": endpoint,
           "MEDIA_S3_REGION": "eu-central-1", "MEDIA_S3_ACCESS_KEY_ID": "test",
           "MEDIA_S3_SECRET_ACCESS_KEY": "test"}
    built = production_settings(env)
    settings.STORAGES = {**settings.STORAGES, "default": built["STORAGES"]["default"]}
    settings.MEDIA_ROOT = str(tmp_path / "not-used")  # nothing may land on the disk
    yield client, endpoint, built
    server.terminate()
    server.wait(timeout=10)


def production_settings(env):
    """STORAGES and the pages' CSP as website.settings.base builds them (a fresh interpreter)."""
    code = ("import json, website.settings.base as s; print(json.dumps({'STORAGES': s.STORAGES,"
            " 'img_src': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))")
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **env},
                           check=True, capture_output=True, text=True)
    return json.loads(found.stdout)


def keys(client):
    listing = client.list_objects_v2(Bucket=BUCKET)
    return sorted(entry["Key"] for entry in listing.get("Contents", []))


def is_public(client, key):
    grants = client.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    return any(grant["Grantee"].get("URI") == ALL_USERS for grant in grants)


def png():
    buffer = BytesIO()
    PillowImage.new("RGB", (640, 480), "green").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="field.png")


def superuser():
    user = make_user()
    user.is_superuser = user.is_staff = True
    user.save()
    return user


@pytest.fixture
def editor(client):
    client.force_login(superuser())
    return client


def test_the_settings_put_uploads_on_the_bucket(bucket):
    _client, endpoint, built = bucket
    storage = built["STORAGES"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["default_acl"] == "private"
    assert endpoint in built["img_src"]  # pages may show images from the bucket, nothing else


def test_image_uploads_renditions_and_deletion_go_to_the_bucket(
        bucket, editor, tmp_path, django_capture_on_commit_callbacks):
    client, endpoint, _built = bucket
    response = editor.post(reverse("wagtailimages:add_multiple"), {"files[]": png()})
    assert response.status_code == 200, response.content
    image = get_image_model().objects.get()
    assert keys(client) == [image.file.name] and image.file.name.startswith("original_images/")

    rendition = image.get_rendition("fill-120x80")
    assert rendition.file.name in keys(client)
    assert rendition.url.startswith(f"{endpoint}/{BUCKET}/images/")
    assert "Signature=" in rendition.url or "X-Amz-Signature=" in rendition.url
    assert not any(is_public(client, key) for key in keys(client))
    assert not list(tmp_path.rglob("*.png"))  # nothing on this machine's disk

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert response.status_code == 302
    assert keys(client) == []  # the original and its renditions


@pytest.fixture
def private_document(bucket):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=APPROVED_MEMBERS_GROUP)])
    return private


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_private_document_is_in_the_bucket_and_served_only_through_the_document_view(
        bucket, editor, private_document, django_capture_on_commit_callbacks):
    client, endpoint, _built = bucket
    response = editor.post(reverse("wagtaildocs:add"), {
        "title": "Budget", "collection": private_document.pk,
        "file": ContentFile(CONTENT, name="budget.txt")})
    assert response.status_code == 302, response.content
    document = get_document_model().objects.get()
    assert keys(client) == [document.file.name] and document.file.name.startswith("documents/")
    stored = client.get_object(Bucket=BUCKET, Key=document.file.name)["Body"].read()
    assert stored == CONTENT
    assert not is_public(client, document.file.name)
    assert document.url == f"/documents/{document.pk}/{document.filename}"
    editor.logout()

    anonymous = editor.get(document.url)
    assert anonymous.status_code == 302 and endpoint not in anonymous["Location"]
    assert CONTENT not in body(anonymous)
    editor.force_login(make_member(status=Status.PENDING).user)
    refused = editor.get(document.url)
    assert refused.status_code == 302 and endpoint not in refused["Location"]

    editor.force_login(make_member(status=Status.APPROVED).user)
    allowed = editor.get(document.url)
    assert allowed.status_code == 200 and "Location" not in allowed
    assert body(allowed) == CONTENT  # streamed from the bucket by the view, not a redirect

    editor.force_login(superuser())
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert response.status_code == 302
    assert keys(client) == []
