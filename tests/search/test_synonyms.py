"""Editors' synonyms: expanded in the shared query, so both engines get them, without a rebuild.

The embedded engine runs on a real index. The Elasticsearch engine runs with only
its HTTP transport replaced (``RecordingNode`` from test_elastic: no server here),
so the bodies checked are the exact ones a cluster would receive.
"""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from search import api
from search.engines.elastic import ElasticsearchEngine, phrase_clause, search_body, words_clause
from search.engines.embedded import EmbeddedEngine
from search.models import SynonymGroup
from search.query import SearchQuery, parse_text
from search.synonyms import groups_for
from tests.search.conftest import CORPUS
from tests.search.test_elastic import RecordingNode, search_reply

CIRCULAR = "кръгова икономика, circular economy, κυκλική οικονομία"


def group(language="en", terms=CIRCULAR):
    return SynonymGroup.objects.create(language=language, terms=terms)


GROUPS = ((("кръгова", "икономика"), ("circular", "economy"), ("κυκλική", "οικονομία")),)


def test_loose_words_that_are_a_term_become_alternatives():
    parsed = parse_text("Circular Economy textiles", GROUPS)
    assert parsed.words == ("textiles",)
    assert parsed.alternatives == ((("Circular", "Economy"), ("кръгова", "икономика"),
                                    ("κυκλική", "οικονομία")),)
    # Quoted phrases are the user's exact words: not expanded.
    assert parse_text('"circular economy"', GROUPS).alternatives == ()
    assert parse_text("circular design", GROUPS).alternatives == ()


@pytest.mark.django_db
def test_groups_are_per_language_and_need_two_terms():
    group("bg")
    group("en", "reuse, second-hand")
    assert groups_for(["bg"]) == GROUPS
    assert groups_for(["el"]) == ()
    assert groups_for(["en"]) == ((("reuse",), ("second", "hand")),)
    lonely = SynonymGroup(language="en", terms="alone ,, ")
    with pytest.raises(ValidationError) as caught:
        lonely.full_clean()
    assert list(caught.value.message_dict) == ["terms"]


def test_embedded_engine_finds_the_synonyms_in_a_real_index(tmp_path):
    engine = EmbeddedEngine(tmp_path / "search")
    engine.index_documents(CORPUS)
    plain = engine.search(SearchQuery(text="circular economy"))
    assert "call:3" not in [hit.id for hit in plain.results]
    expanded = engine.search(SearchQuery(text="circular economy", synonyms=GROUPS))
    assert "call:3" in [hit.id for hit in expanded.results]  # "κυκλική οικονομία" in its title
    # Another word still has to match: synonyms widen one clause, not the whole query.
    narrowed = engine.search(SearchQuery(text="circular economy Ελλάδα", synonyms=GROUPS))
    assert [hit.id for hit in narrowed.results] == ["call:3"]


def test_elasticsearch_body_carries_the_alternatives():
    body = search_body(SearchQuery(text="circular economy fund", synonyms=GROUPS))
    must = body["query"]["function_score"]["query"]["bool"]["must"]
    assert must == [
        words_clause(("fund",)),
        {"bool": {"should": [phrase_clause(("circular", "economy")),
                             phrase_clause(("кръгова", "икономика")),
                             phrase_clause(("κυκλική", "οικονομία"))],
                  "minimum_should_match": 1}},
    ]
    single = search_body(SearchQuery(text="reuse", synonyms=((("reuse",), ("second", "hand")),)))
    assert single["query"]["function_score"]["query"]["bool"]["must"] == [
        {"bool": {"should": [words_clause(("reuse",)), phrase_clause(("second", "hand"))],
                  "minimum_should_match": 1}}]


@pytest.mark.django_db
def test_an_edit_counts_from_the_next_search_on_the_site_engine(search_index):
    search_index.index_documents(CORPUS)
    with translation.override("en"):
        assert "call:3" not in [h.id for h in api.search("circular economy").results]
        saved = group("en")
        assert "call:3" in [h.id for h in api.search("circular economy").results]
        saved.terms = "circular economy, green economy"
        saved.save()
        assert "call:3" not in [h.id for h in api.search("circular economy").results]


@pytest.mark.django_db
def test_the_site_sends_the_editors_synonyms_to_elasticsearch(monkeypatch):
    RecordingNode.requests, RecordingNode.replies, RecordingNode.down = [], [], False
    RecordingNode.replies = [search_reply()]
    engine = ElasticsearchEngine("http://es.invalid:9200", "hub", timeout=2,
                                 node_class=RecordingNode)
    monkeypatch.setattr(api, "get_engine", lambda: engine)
    group("bg")
    with translation.override("bg"):
        api.search("кръгова икономика")
    sent = RecordingNode.requests[0]["body"]
    must = sent["query"]["function_score"]["query"]["bool"]["must"]
    assert must == [{"bool": {"should": [phrase_clause(("кръгова", "икономика")),
                                         phrase_clause(("circular", "economy")),
                                         phrase_clause(("κυκλική", "οικονομία"))],
                              "minimum_should_match": 1}}]
