"""Documents in a private collection: only through Wagtail's document view, only to those allowed.

``WAGTAILDOCS_SERVE_METHOD = "serve_view"``: links point at /documents/<id>/<name>,
whose view checks the collection's privacy; the file under /media/documents/ is
never served by the site (in development Django serves /media/, but not that
folder, however the path is written).
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from network.choices import Status
from network.signal_handlers import APPROVED_MEMBERS_GROUP
from tests.network.factories import make_member, make_user

pytestmark = pytest.mark.django_db

CONTENT = b"Budget 2026: confidential figures"


@pytest.fixture
def private_document(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    root = Collection.get_first_root_node()
    private = root.add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=APPROVED_MEMBERS_GROUP)])
    document = get_document_model().objects.create(
        title="Budget", collection=private, file=ContentFile(CONTENT, name="private-budget.txt"))
    return document


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_links_go_through_the_document_view(private_document):
    assert private_document.url == (
        f"/documents/{private_document.pk}/{private_document.filename}")


def test_only_permitted_users_get_the_file(client, private_document):
    url = private_document.url
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and CONTENT not in body(anonymous)

    client.force_login(make_member(status=Status.PENDING).user)
    refused = client.get(url)
    assert refused.status_code == 302 and CONTENT not in body(refused)
    client.force_login(make_user())
    assert CONTENT not in body(client.get(url))

    client.force_login(make_member(status=Status.APPROVED).user)
    allowed = client.get(url)
    assert allowed.status_code == 200
    assert body(allowed) == CONTENT
    assert "private" in allowed["Cache-Control"] and "no-store" in allowed["Cache-Control"]


@pytest.mark.parametrize("debug", [False, True])
def test_the_file_is_never_served_from_media(client, private_document, settings, debug):
    settings.DEBUG = debug
    name = private_document.file.name  # documents/private-budget.txt
    for url in (f"/media/{name}", f"/media/images/../{name}", f"/media//{name}",
                f"/media/./{name}", f"/media/{name.replace('documents', 'DOCUMENTS')}"):
        response = client.get(url, follow=True)
        assert CONTENT not in body(response), url
        assert response.status_code == 404, url


def test_other_uploads_are_served_from_media_in_development(client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "members").mkdir(parents=True)
    (tmp_path / "media" / "members" / "logo.txt").write_bytes(b"logo")
    settings.DEBUG = True
    assert body(client.get("/media/members/logo.txt")) == b"logo"
    settings.DEBUG = False
    assert client.get("/media/members/logo.txt", follow=True).status_code == 404
