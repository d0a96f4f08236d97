"""Member logos and editors' uploads: limits before decoding, and files that live with their row.

Real images (made with Pillow) go through the real forms into MEDIA_ROOT; the
tests then look at the files on disk.
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from PIL import Image

from network.models import Member
from tests.network.factories import make_member, make_user, submit

pytestmark = pytest.mark.django_db


def png(size, mode="1", noise=False):
    """A PNG of one colour (tiny on disk whatever its size) or of random pixels (incompressible)."""
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new(mode, size)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def huge_pixels():
    """12 000 × 12 000 pixels (144 megapixels) in a file of a few hundred kilobytes."""
    return png((12_000, 12_000))


def upload(content, name="logo.png"):
    return SimpleUploadedFile(name, content, content_type="image/png")


def stored_logos():
    folder = Path(settings.MEDIA_ROOT) / "members" / "logos"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def profile_data(**fields):
    data = {"member_type": "business", "name": "Textile Loop", "contact_preference": "site",
            "listed": "on"}
    data.update(fields)
    return data


@pytest.fixture
def clean_media():
    before = set(stored_logos())
    yield
    for name in set(stored_logos()) - before:
        (Path(settings.MEDIA_ROOT) / "members" / "logos" / name).unlink()


@pytest.fixture
def profile_client(client, clean_media):
    user = make_user()
    client.force_login(user)
    client.user = user
    return client


def post_profile(client, logo=None, language="en", **fields):
    data = profile_data(**fields)
    if logo is not None:
        data["logo"] = logo
    return submit(client, f"/{language}/network/profile/", data)


def test_small_logo_is_stored(profile_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_profile(profile_client, upload(png((200, 100), "RGB")))
    assert response.status_code == 302
    member = Member.objects.get(user=profile_client.user)
    assert member.logo.name.startswith("members/logos/")
    assert Path(member.logo.path).is_file()


def test_too_many_pixels_is_refused_with_the_limit_before_decoding(profile_client, huge_pixels):
    assert len(huge_pixels) < settings.MEMBER_UPLOAD_MAX_BYTES  # small on disk
    response = post_profile(profile_client, upload(huge_pixels))
    assert response.status_code == 200
    errors = response.context["form"].errors["logo"]
    assert "25 megapixels" in errors[0]
    assert not Member.objects.exists()
    assert stored_logos() == []


def test_pixel_limit_names_the_image_size(profile_client):
    response = post_profile(profile_client, upload(png((6000, 5000))))
    error = response.context["form"].errors["logo"][0]
    assert "6000 × 5000 pixels" in error and "25 megapixels" in error
    assert not Member.objects.exists()


def test_too_large_file_is_refused_with_its_size_and_the_limit(profile_client):
    content = png((1400, 1400), noise=True)
    assert len(content) > 5 * 1024 * 1024
    response = post_profile(profile_client, upload(content))
    error = response.context["form"].errors["logo"][0]
    size = f"{len(content) / (1024 * 1024):.1f}"
    assert f"The file is {size} MB" in error and "at most 5 MB" in error
    assert not Member.objects.exists()
    assert stored_logos() == []


def test_limit_errors_are_translated(profile_client, huge_pixels):
    response = post_profile(profile_client, upload(huge_pixels), language="bg")
    assert "мегапиксела" in response.context["form"].errors["logo"][0]
    response = post_profile(profile_client, upload(huge_pixels), language="el")
    assert "megapixel" in response.context["form"].errors["logo"][0]


def test_replaced_logo_is_deleted_after_commit(profile_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_profile(profile_client, upload(png((50, 50), "RGB"), "first.png"))
    first = Member.objects.get().logo.path
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_profile(profile_client, upload(png((60, 60), "RGB"), "second.png"))
        assert Path(first).is_file()  # nothing is deleted before the commit
    for callback in callbacks:
        callback()
    member = Member.objects.get()
    assert not Path(first).exists()
    assert Path(member.logo.path).is_file() and "second" in member.logo.name
    assert stored_logos() == [Path(member.logo.name).name]


def test_cleared_logo_is_deleted(profile_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_profile(profile_client, upload(png((50, 50), "RGB")))
    path = Member.objects.get().logo.path
    with django_capture_on_commit_callbacks(execute=True):
        post_profile(profile_client, **{"logo-clear": "on"})
    assert not Member.objects.get().logo
    assert not Path(path).exists()


def test_deleting_a_member_any_way_deletes_its_logo(clean_media, django_capture_on_commit_callbacks):
    paths = []
    for _n in range(3):
        member = make_member(logo=upload(png((40, 40), "RGB")))
        paths.append(Path(member.logo.path))
    assert all(path.is_file() for path in paths)
    first, second, third = Member.objects.order_by("pk")
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()  # the model
        Member.objects.filter(pk=second.pk).delete()  # a queryset
        third.user.delete()  # a cascade from the account
    assert not any(path.exists() for path in paths)


def test_a_logo_another_row_still_names_is_kept(clean_media, django_capture_on_commit_callbacks):
    first = make_member(logo=upload(png((40, 40), "RGB")))
    second = make_member()
    Member.objects.filter(pk=second.pk).update(logo=first.logo.name)
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert Path(Member.objects.get().logo.path).is_file()


def test_failed_save_leaves_no_file(clean_media, monkeypatch):
    member = make_member()

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(Member, "_do_update", broken)
    member.logo = upload(png((40, 40), "RGB"))
    with pytest.raises(DatabaseError):
        member.save()
    assert stored_logos() == []


def test_rolled_back_profile_save_leaves_no_file_and_keeps_the_old_one(
        profile_client, monkeypatch, django_capture_on_commit_callbacks):
    """The view saves the profile, then fails later in its transaction (here: indexing)."""
    with django_capture_on_commit_callbacks(execute=True):
        post_profile(profile_client, upload(png((50, 50), "RGB"), "first.png"))
    old = Member.objects.get().logo
    from network import indexing

    def broken(member):
        raise RuntimeError("search outbox unavailable")

    monkeypatch.setattr(indexing, "sync_member_tree", broken)
    profile_client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True):
        response = post_profile(profile_client, upload(png((60, 60), "RGB"), "second.png"),
                                name="Renamed")
    assert response.status_code == 500
    member = Member.objects.get()
    assert member.name == "Textile Loop" and member.logo.name == old.name
    assert stored_logos() == [Path(old.name).name]


def test_member_admin_applies_the_same_limits(client, huge_pixels, clean_media):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-12345-x")
    client.force_login(admin)
    member = make_member(name="Admin-edited")
    response = client.post(f"/admin/network/member/edit/{member.pk}/", {
        **profile_data(name="Admin-edited"), "status": "approved", "slug": member.slug,
        "logo": upload(huge_pixels),
    })
    assert response.status_code == 200
    assert "25 мегапиксела" in response.content.decode()  # the admin speaks Bulgarian here
    member.refresh_from_db()
    assert not member.logo
    assert stored_logos() == []


def test_editor_image_uploads_have_a_pixel_limit(client):
    """64 megapixels: under Wagtail's default limit (128), over the site's (40)."""
    from django.contrib.auth import get_user_model
    from wagtail.images import get_image_model

    admin = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-12345-x")
    client.force_login(admin)
    response = client.post("/admin/images/add/", {
        "title": "Huge", "file": upload(png((8000, 8000)), "huge.png"),
    })
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_editor_document_uploads_have_a_size_limit(client):
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model

    admin = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-12345-x")
    client.force_login(admin)
    big = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n" + os.urandom(21 * 1024 * 1024))
    response = client.post("/admin/documents/add/", {"title": "Big", "file": big})
    assert response.status_code == 200
    assert "too big" in response.content.decode()
    assert not get_document_model().objects.exists()


@pytest.mark.django_db(transaction=True)
def test_deleting_my_account_deletes_my_logo(client, clean_media):
    member = make_member(logo=upload(png((40, 40), "RGB")))
    path = Path(member.logo.path)
    client.force_login(member.user)
    response = client.post("/en/network/delete-account/", {"confirm": "on"})
    assert response.status_code == 302
    assert not Member.objects.exists()
    assert not path.exists()


def test_deleting_a_member_in_the_admin_deletes_its_logo(
        client, clean_media, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-12345-x")
    client.force_login(admin)
    member = make_member(logo=upload(png((40, 40), "RGB")))
    path = Path(member.logo.path)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/network/member/delete/{member.pk}/")
    assert response.status_code == 302
    assert not Member.objects.filter(pk=member.pk).exists()
    assert not path.exists()
