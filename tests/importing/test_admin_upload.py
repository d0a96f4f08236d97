"""The admin import screen: bad files get a report (never a 500), and the checked
upload waits in the database for its uploader, whichever app server confirms it."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from casestudies.models import ToolPage
from tests.importing.builders import jsonl, tool
from website.models import PendingImport

pytestmark = pytest.mark.django_db
URL = "/admin/content-import/"


def editor(name="editor"):
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_superuser(name, f"{name}@example.org", "pw-12345-x")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def upload(client, content, name="content.jsonl"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content)})


def token_of(response):
    return response.context["confirm_form"].initial["token"]


@pytest.mark.parametrize("content", [
    b"[" * 100_000 + b"]" * 100_000 + b"\n",
    b'{"a":' * 100_000 + b"1" + b"}" * 100_000 + b"\n",
    jsonl(tool(title=["a", "list"])),
    jsonl(tool(title="NUL \x00 inside")),
    b'{"type": "tool", "id": "t", "id": "u", "language": "en", "title": "T"}\n',
], ids=["deep-list", "deep-object", "list-title", "nul", "duplicate-key"])
def test_bad_files_get_a_report_not_a_500(sections, content):
    client = editor()
    response = upload(client, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="import-problems"' in html
    assert "nothing was imported" in html
    assert not ToolPage.objects.exists()
    assert not PendingImport.objects.exists()


def test_a_nul_in_a_csv_file_gets_a_report(sections):
    response = upload(editor(), b"type,id,language,title,tool_type\ntool,t,en,A\x00B,guide\n",
                      "tools.csv")
    assert response.status_code == 200
    assert "control character" in response.content.decode()
    assert not ToolPage.objects.exists()


def test_another_client_of_the_same_user_confirms_without_any_local_file(
        sections, settings, tmp_path):
    """No file under VAR_DIR: the checked upload lives in the database."""
    blocked = tmp_path / "var"
    blocked.write_text("a file, so no imports/ folder can be made under it")
    settings.VAR_DIR = blocked
    first = editor()
    response = upload(first, jsonl(tool(), tool(id="tool-2")))
    token = token_of(response)
    second = Client()
    second.force_login(first.user)
    response = second.post(URL, {"token": token}, follow=True)
    assert "2 created" in response.content.decode()
    assert ToolPage.objects.count() == 2
    assert not PendingImport.objects.exists()  # deleted on confirmation
    again = second.post(URL, {"token": token}, follow=True)
    assert "expired" in again.content.decode()
    assert ToolPage.objects.count() == 2


def test_another_users_token_is_refused(sections):
    owner, intruder = editor("owner"), editor("intruder")
    token = token_of(upload(owner, jsonl(tool())))
    response = intruder.post(URL, {"token": token}, follow=True)
    assert "expired" in response.content.decode()
    assert not ToolPage.objects.exists()
    assert PendingImport.objects.filter(token=token).exists()  # still the owner's to confirm
    owner.post(URL, {"token": token})
    assert ToolPage.objects.count() == 1


def test_an_expired_upload_is_refused_and_swept(sections, settings):
    client = editor()
    token = token_of(upload(client, jsonl(tool())))
    PendingImport.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    response = client.post(URL, {"token": token}, follow=True)
    assert "expired" in response.content.decode()
    assert not ToolPage.objects.exists()
    upload(client, jsonl(tool(id="other")))  # a new upload clears the expired ones
    assert list(PendingImport.objects.values_list("file_name", flat=True)) == ["content.jsonl"]
    assert not PendingImport.objects.filter(token=token).exists()
