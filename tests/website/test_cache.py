"""A cache that cannot be read or written never fails a page (``website.cache``).

Real failing storage, nothing mocked: a cache folder whose parent is a regular
file (it can never be created), a full tmpfs (mounted when the tests run as
root, skipped otherwise), and a Redis address where nothing listens.
"""

import logging
import os
import subprocess
import uuid

import pytest
from django.core.cache import cache

from casestudies.models import CaseStudyPage
from tests.factories import make_page
from website import sweeps
from website.models import StandardPage

pytestmark = pytest.mark.django_db

PAGES = ["/en/", "/en/about/", "/en/case-studies/", "/en/case-studies/pilot/",
         "/en/search/?q=pilot", "/en/accounts/login/", "/en/accounts/signup/",
         "/en/accounts/password/reset/"]


@pytest.fixture
def content(db):
    from tests.importing.builders import build_sections

    homes, sections = build_sections()
    make_page(homes["en"], StandardPage, title="About", slug="about", intro="Who we are")
    make_page(sections["casestudies"]["en"], CaseStudyPage, title="Pilot", slug="pilot",
              summary="Textile waste into insulation")


def use_cache(settings, backend, location, **options):
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": str(location),
                                   "TIMEOUT": 300, "OPTIONS": options}}


@pytest.fixture
def unwritable_file_cache(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a regular file where the cache folder's parent should be")
    use_cache(settings, "website.cache.FailSafeFileBasedCache", blocker / "cache")


@pytest.fixture
def full_disk(settings, tmp_path):
    """A 64 KiB tmpfs, filled up, as the cache folder (and its parent)."""
    mount_point = tmp_path / "full"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs needs root (the regular-file variant covers this portably)")
    try:
        (mount_point / "cache").mkdir()
        filler = os.open(mount_point / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(filler, b"x" * 4096)
        except OSError:
            pass
        finally:
            os.close(filler)
        use_cache(settings, "website.cache.FailSafeFileBasedCache", mount_point / "cache")
        yield mount_point / "cache"
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


@pytest.fixture
def redis_down(settings):
    # Port 1 on the loopback: nothing listens, the connection is refused at once.
    use_cache(settings, "website.cache.FailSafeRedisCache", "redis://127.0.0.1:1/0",
              socket_connect_timeout=0.5, socket_timeout=0.5)


def assert_pages_render(client):
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url


def test_pages_render_when_the_cache_folder_cannot_be_created(client, content,
                                                               unwritable_file_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="website.cache"):
        assert_pages_render(client)
    assert "answered as a miss" in caplog.text


def test_pages_render_on_a_full_disk(client, content, full_disk, caplog):
    with caplog.at_level(logging.WARNING, logger="website.cache"):
        assert_pages_render(client)
    assert "No space left on device" in caplog.text
    assert not list(full_disk.glob("*.djcache"))


def test_pages_render_when_redis_is_down(client, content, redis_down):
    assert_pages_render(client)


def test_a_login_attempt_is_answered_when_the_cache_is_down(client, content,
                                                            unwritable_file_cache):
    response = client.post("/en/accounts/login/",
                           {"login": "nobody@example.org", "password": "wrong-password"})
    assert response.status_code == 200
    assert "form" in response.content.decode()


@pytest.mark.parametrize("broken", ["unwritable_file_cache", "redis_down"])
def test_every_operation_is_a_miss(request, broken):
    request.getfixturevalue(broken)
    key = f"k-{uuid.uuid4()}"
    assert cache.set(key, 1) is None
    assert cache.get(key) is None
    assert cache.get(key, "default") == "default"
    assert cache.add(key, 1) is True  # the key was missing, as far as anyone can tell
    assert cache.get_or_set(key, 5) == 5
    assert cache.get_many([key]) == {}
    cache.set_many({key: 1})
    assert cache.get(key) is None
    assert cache.has_key(key) is False
    assert cache.touch(key) is False
    assert cache.delete(key) is False
    with pytest.raises(ValueError):
        cache.incr(key)
    with pytest.raises(ValueError):
        cache.decr(key)
    cache.delete_many([key])
    cache.clear()


def test_redis_is_left_alone_for_a_moment_after_an_error(redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="website.cache"):
        for _ in range(5):
            cache.get("anything")
    assert caplog.text.count("answered as a miss") == 1


def test_sweeps_wait_while_the_cache_cannot_hold_their_lock(unwritable_file_cache):
    ran = []
    assert sweeps.exclusively("test-lock", lambda: ran.append(1)) is None
    assert ran == []


def test_sweeps_run_when_the_cache_works(tmp_path, settings):
    use_cache(settings, "website.cache.FailSafeFileBasedCache", tmp_path / "cache")
    assert sweeps.exclusively("test-lock", lambda: "done") == "done"
    assert cache.get("test-lock") is None  # released


def test_a_page_renders_when_its_image_rendition_cannot_be_written(client, content, settings,
                                                                   tmp_path, caplog):
    """Renditions are written on the first GET that shows an image at a size."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = str(tmp_path / "media")
    buffer = BytesIO()
    PillowImage.new("RGB", (1200, 800), "green").save(buffer, "PNG")
    picture = get_image_model().objects.create(
        title="Green field", file=ImageFile(buffer, name="green.png"))
    (tmp_path / "media" / "images").write_text("a file where the renditions folder should be")
    page = CaseStudyPage.objects.get(slug="pilot")
    page.image = picture
    page.save_revision().publish()

    with caplog.at_level(logging.WARNING, logger="website.templatetags.website_images"):
        response = client.get("/en/case-studies/pilot/")
    assert response.status_code == 200
    assert "Textile waste into insulation" in response.content.decode()
    assert "image left out" in caplog.text
