"""The database fallback: filters and facets as the engines give them, bounded, never raising."""

import pytest

from search import fallback, registry
from search.engines.base import EngineError
from search.engines.embedded import EmbeddedEngine
from search.query import FACET_FIELDS, SearchQuery
from search.registry import DocumentSource, PageSource
from tests.factories import make_page
from tests.search.conftest import CORPUS, make_doc

API = "/api/search/"


class ListSource(DocumentSource):
    """A source whose "queryset" is a list of ready documents (empty-text queries only)."""

    model = object  # not Indexed: the fallback slices the list

    def __init__(self, kind, docs):
        self.kind = kind
        self.docs = docs

    def get_queryset(self):
        return self.docs

    def to_document(self, doc):
        return doc


def corpus_sources(docs=CORPUS):
    kinds = sorted({doc.kind for doc in docs})
    return [ListSource(kind, [doc for doc in docs if doc.kind == kind]) for kind in kinds]


@pytest.fixture
def corpus_fallback(monkeypatch, db):
    monkeypatch.setattr(fallback, "get_sources", corpus_sources)


@pytest.fixture(scope="module")
def corpus_engine(tmp_path_factory):
    engine = EmbeddedEngine(tmp_path_factory.mktemp("fallback-engine"))
    engine.index_documents(CORPUS)
    return engine


def query(**filters):
    return SearchQuery(filters={name: tuple(values) for name, values in filters.items()})


def facet_counts(response):
    return {
        name: {value.value: value.count for value in response.facets.get(name, [])}
        for name in FACET_FIELDS
    }


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"kind": ["case", "call"]},
        {"kind": ["case", "call"], "language": ["en"]},
        {"theme": ["circular-economy"]},
        {"theme": ["circular-economy"], "country": ["BG", "GR"]},
        {"pillar": ["textiles", "agri"], "kind": ["case", "member"]},
        {"status": ["open", "closed"], "year": ["2023"]},
        {"year": ["2025", "2024"], "language": ["bg", "en"]},
        {"region": ["south-central"]},
        {"theme": ["no-such-theme"]},
    ],
)
def test_filters_and_facet_counts_match_the_embedded_engine(
    corpus_fallback, corpus_engine, filters
):
    """OR inside a facet, AND across facets, each facet counted without its own selection."""
    limited = fallback.fallback_search(query(**filters))
    full = corpus_engine.search(query(**filters))
    assert limited.limited is True
    assert [hit.id for hit in limited.results] == [hit.id for hit in full.results]
    assert limited.total == full.total
    assert facet_counts(limited) == facet_counts(full)


def test_a_facet_ignores_its_own_selection(corpus_fallback):
    response = fallback.fallback_search(query(kind=["case"]))
    counts = facet_counts(response)
    assert counts["kind"] == {"case": 2, "call": 2, "tool": 1, "member": 1, "page": 1}
    assert counts["language"] == {"bg": 1, "en": 1}
    assert {v.value for v in response.facets["kind"] if v.selected} == {"case"}


def test_years_compare_as_numbers(corpus_fallback):
    assert [h.id for h in fallback.fallback_search(query(year=["02025"])).results] == [
        "call:3",
        "case:2",
    ]


def test_sorting_by_deadline(corpus_fallback, corpus_engine):
    by_deadline = SearchQuery(sort="deadline")
    assert [h.id for h in fallback.fallback_search(by_deadline).results][:2] == [
        h.id for h in corpus_engine.search(by_deadline).results
    ][:2]


def test_no_facets_when_not_asked(corpus_fallback):
    unfaceted = query(kind=["case"])
    unfaceted.facets = False
    assert fallback.fallback_search(unfaceted).facets == {}


def test_bounded_per_source(monkeypatch, db):
    many = [make_doc(f"case:{i}", themes=["waste"]) for i in range(fallback.PER_SOURCE + 50)]
    monkeypatch.setattr(fallback, "get_sources", lambda: corpus_sources(many))
    response = fallback.fallback_search(query(theme=["waste"]))
    assert response.total == fallback.PER_SOURCE
    assert facet_counts(response)["theme"] == {"waste": fallback.PER_SOURCE}


def test_each_source_prepares_its_matches_in_one_batch(monkeypatch, db):
    batches = []

    class Recording(ListSource):
        def prepare(self, objects):
            batches.append([doc.id for doc in objects])

    cases = [doc for doc in CORPUS if doc.kind == "case"]
    monkeypatch.setattr(fallback, "get_sources", lambda: [Recording("case", cases)])
    fallback.fallback_search(query())
    assert batches == [["case:1", "case:2"]]


class BrokenSource(ListSource):
    def get_queryset(self):
        raise RuntimeError("database is gone too")


class BrokenDocumentSource(ListSource):
    def to_document(self, doc):
        if doc.id == "call:3":
            raise ValueError("broken row")
        return doc


def test_a_failing_source_or_document_leaves_the_rest(monkeypatch, db):
    sources = [
        BrokenSource("case", CORPUS),
        BrokenDocumentSource("call", [d for d in CORPUS if d.kind == "call"]),
    ]
    monkeypatch.setattr(fallback, "get_sources", lambda: sources)
    response = fallback.fallback_search(query())
    assert [h.id for h in response.results] == ["call:4"]
    assert facet_counts(response)["status"] == {"closed": 1}


def test_never_raises(monkeypatch):
    def explode():
        raise RuntimeError("registry exploded")

    monkeypatch.setattr(fallback, "get_sources", explode)
    response = fallback.fallback_search(query(theme=["waste"]))
    assert (response.total, response.results, response.limited) == (0, [], True)


# Over HTTP, with the configured engine failing --------------------------------------

TAXONOMY = {
    "Textile reuse hub": {
        "themes": ["circular-economy"],
        "pillars": ["textiles"],
        "status": "open",
    },
    "Packaging return scheme": {
        "themes": ["circular-economy", "waste"],
        "pillars": ["plastics-packaging"],
        "status": "closed",
    },
    "Jobs for young people": {
        "themes": ["labour-market"],
        "pillars": ["agri"],
        "status": "open",
    },
}


class TaggedPageSource(PageSource):
    """Standard pages with the taxonomy above, as a content app's source would give them."""

    kind = "tagged-page"
    label = "Tagged page"

    def __init__(self):
        from website.models import StandardPage

        self.model = StandardPage

    def to_document(self, page):
        return self.page_document(page, **TAXONOMY.get(page.title, {}))


@pytest.fixture
def engine_down(search_index, site_tree, monkeypatch):
    """Tagged pages in the database, and a configured engine whose every search fails."""
    for title in TAXONOMY:
        make_page(site_tree["en"], title=title, intro=f"{title}: a project in the region.")

    def failing(query):
        raise EngineError("engine is down")

    monkeypatch.setattr(search_index, "search", failing)
    # Registered for this test only (the registry has no way out: sources live as long as apps).
    monkeypatch.setitem(registry._sources, TaggedPageSource.kind, TaggedPageSource())
    yield


def api_counts(data, facet):
    return {value["value"]: value["count"] for value in data["facets"][facet]}


@pytest.mark.django_db
def test_theme_filter_and_facets_while_the_engine_is_down(client, engine_down):
    data = client.get(API, {"theme": "circular-economy"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["limited"] is True
    assert {r["title"] for r in data["results"]} == {"Textile reuse hub", "Packaging return scheme"}
    assert data["total"] == 2
    assert {r["kind"] for r in data["results"]} == {"tagged-page"}
    # The theme facet ignores its own selection; the others count the two results.
    assert api_counts(data, "theme") == {"circular-economy": 2, "waste": 1, "labour-market": 1}
    assert api_counts(data, "pillar") == {"textiles": 1, "plastics-packaging": 1}
    assert api_counts(data, "status") == {"open": 1, "closed": 1}
    assert api_counts(data, "kind") == {"tagged-page": 2}
    assert api_counts(data, "language") == {"en": 2}
    assert sum(api_counts(data, "year").values()) == 2


@pytest.mark.django_db
def test_filters_combine_with_text_while_the_engine_is_down(client, engine_down):
    params = {"q": "project", "theme": "circular-economy", "pillar": "textiles,agri"}
    data = client.get(API, params, HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["limited"] is True
    assert [r["title"] for r in data["results"]] == ["Textile reuse hub"]
    # A ticked value with no match stays listed, to be unticked.
    assert api_counts(data, "pillar") == {"textiles": 1, "plastics-packaging": 1, "agri": 0}
    assert api_counts(data, "theme") == {"circular-economy": 1, "labour-market": 1}
    html = client.get("/en/search/", params).content.decode()
    assert "temporarily limited" in html
    assert "Textile reuse hub" in html


@pytest.mark.django_db
def test_page_documents_are_cached_yet_never_outlive_a_change(engine_down, site_tree):
    """The fallback's cost does not grow with the matching pages, and stays exact."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import PageViewRestriction

    from website.models import StandardPage

    def titles():
        return {hit.title for hit in fallback.fallback_search(SearchQuery(text="project")).results}

    def queries():
        titles()  # builds and caches what is new
        with CaptureQueriesContext(connection) as captured:
            found = titles()
        return len(captured), found

    few, found = queries()
    assert "Textile reuse hub" in found
    for n in range(8):
        make_page(site_tree["en"], title=f"Another project {n}")
    many, found = queries()
    assert "Another project 7" in found
    assert many == few

    StandardPage.objects.get(title="Textile reuse hub").unpublish()
    assert "Textile reuse hub" not in titles()
    hidden = StandardPage.objects.get(title="Another project 3")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert "Another project 3" not in titles()


@pytest.mark.django_db
def test_cached_member_documents_follow_edits_and_moderation(search_index):
    """Members are cached too: every recorded change (edit, rejection) starts afresh."""
    from network.choices import Status
    from tests.network.factories import make_member

    def titles(text):
        return {hit.title for hit in fallback.fallback_search(SearchQuery(text=text)).results}

    member = make_member(name="Compost Cooperative")
    assert titles("compost") == {"Compost Cooperative"}
    member.name = "Compost Collective"
    member.save()
    assert titles("compost") == {"Compost Collective"}
    member.status = Status.REJECTED
    member.save()
    assert titles("compost") == set()
