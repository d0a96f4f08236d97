import datetime as dt
import os
import uuid

import pytest

from search.documents import SearchDocument

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


def make_doc(id, **fields):
    """A SearchDocument with sensible defaults; keyword arguments override."""
    kind = id.split(":", 1)[0]
    fields.setdefault("kind", kind)
    fields.setdefault("language", "en")
    fields.setdefault("title", f"Document {id}")
    fields.setdefault("url", f"/{fields['language']}/{id.replace(':', '-')}/")
    return SearchDocument(id=id, **fields)


CORPUS = [
    make_doc(
        "case:1",
        language="bg",
        title="Отпадъците като ресурс",
        summary="Как кръговата икономика превръща отпадъка в суровина.",
        body="Текстилни отпадъци от шивашки цехове в Южен централен регион.",
        themes=["circular-economy"],
        pillars=["textiles"],
        regions=["south-central"],
        countries=["BG"],
        published=dt.date(2024, 3, 1),
        organisation="Зелена Енергия",
    ),
    make_doc(
        "case:2",
        title="Recycling old clothes into fibre",
        summary="How small firms recycle textile waste <b>safely</b> & cheaply.",
        body="Sorting, shredding and spinning recycled fibre.",
        themes=["circular-economy"],
        pillars=["textiles"],
        countries=["BG"],
        published=dt.date(2025, 1, 10),
    ),
    make_doc(
        "call:3",
        language="el",
        title="Πρόσκληση για την κυκλική οικονομία",
        summary="Χρηματοδότηση για κυκλικής οικονομίας έργα στην Ελλάδα.",
        themes=["circular-economy"],
        countries=["GR"],
        status="open",
        published=dt.date(2025, 6, 1),
        deadline=dt.datetime(2026, 9, 30, 17, 0, tzinfo=dt.UTC),
    ),
    make_doc(
        "call:4",
        title="Social innovation fund for inclusion",
        summary="Grants for social enterprises working on labour market access.",
        themes=["labour-market"],
        status="closed",
        published=dt.date(2023, 5, 5),
        deadline=dt.datetime(2023, 12, 1, tzinfo=dt.UTC),
    ),
    make_doc(
        "tool:5",
        title="Canvas for circular design",
        summary="A worksheet",
        body="Use the canvas in a workshop about packaging design.",
        pillars=["plastics"],
        published=dt.date(2022, 1, 1),
        organisation="Design Lab",
    ),
    make_doc(
        "member:6",
        title="Greenfields cooperative",
        summary="An agricultural cooperative sharing compost know-how.",
        organisation="Packaging Union",
        pillars=["agri"],
        published=dt.date(2024, 8, 8),
    ),
    make_doc(
        "page:7",
        title="About packaging",
        summary="Packaging appears here only in the title and summary.",
        published=dt.date(2021, 1, 1),
    ),
]


def engine_params():
    return [
        pytest.param("embedded", id="embedded"),
        pytest.param("elasticsearch", id="elasticsearch", marks=pytest.mark.elasticsearch),
    ]


@pytest.fixture(params=engine_params())
def engine(request, tmp_path):
    """Every engine available here, empty; the Elasticsearch one needs ELASTICSEARCH_URL."""
    if request.param == "embedded":
        from search.engines.embedded import EmbeddedEngine

        yield EmbeddedEngine(tmp_path / "search")
        return
    if not ES_URL:
        pytest.skip(
            "ELASTICSEARCH_URL is not set: the Elasticsearch run of the engine suite needs a server"
        )
    from search.engines.elastic import ElasticsearchEngine

    engine = ElasticsearchEngine(ES_URL, f"test-hub-{uuid.uuid4().hex[:8]}", timeout=10)
    yield engine
    engine.client.indices.delete(index=f"{engine.alias}-*", ignore_unavailable=True)


@pytest.fixture
def loaded_engine(engine):
    engine.index_documents(CORPUS)
    return engine


@pytest.fixture
def search_index(settings, tmp_path):
    """The site's configured engine, embedded, in a fresh folder for this test."""
    from search.engines import get_engine, reset_engines

    settings.SEARCH_INDEX_DIR = tmp_path / "site-search"
    settings.ELASTICSEARCH_URL = ""
    reset_engines()
    yield get_engine()
    reset_engines()

