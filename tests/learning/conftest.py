import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def index(db):
    from tests.learning.builders import build_index

    return build_index()


@pytest.fixture
def learner_client(client, db):
    """A signed-in client and its member (the learner)."""
    from tests.network.factories import make_member

    member = make_member(name="Мария Иванова")
    client.force_login(member.user)
    client.learner = member
    return client
