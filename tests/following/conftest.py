import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth's rate limits and the search breaker live in the cache.
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
