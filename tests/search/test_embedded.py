"""The embedded engine's own storage: an index of an older layout until it is rebuilt."""

import os

import pytest

from search.engines.base import EngineError
from search.engines.embedded import SCHEMA_VERSION, EmbeddedEngine
from search.query import SearchQuery
from tests.search.conftest import CORPUS


@pytest.fixture
def outdated(tmp_path):
    """A live index whose folder says it was written for the previous layout."""
    engine = EmbeddedEngine(tmp_path / "search")
    engine.index_documents(CORPUS)
    old = engine.base_dir / f"index-v{SCHEMA_VERSION - 1}-1"
    (engine.base_dir / os.readlink(engine.current_link)).rename(old)
    os.remove(engine.current_link)
    os.symlink(old.name, engine.current_link)
    return EmbeddedEngine(tmp_path / "search")


def test_an_outdated_index_is_reported_not_read(outdated):
    assert outdated.healthy() is False
    with pytest.raises(EngineError, match="rebuild_search_index"):
        outdated.search(SearchQuery(text="recycle"))


def test_a_rebuild_replaces_an_outdated_index(outdated):
    assert outdated.rebuild(iter(CORPUS)) == len(CORPUS)
    assert outdated.healthy() is True
    assert [h.id for h in outdated.search(SearchQuery(text="recycle")).results] == ["case:2"]
