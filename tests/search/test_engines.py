"""One suite for every engine: the same query object gives the same answers.

Runs against the embedded engine always and against Elasticsearch when
ELASTICSEARCH_URL is set (skipped with the reason otherwise).
"""

import pytest

from search.query import SearchQuery
from tests.search.conftest import CORPUS, make_doc


def ids(response):
    return [hit.id for hit in response.results]


def find(engine, text="", **kwargs):
    filters = {k: tuple(v) for k, v in kwargs.pop("filters", {}).items()}
    return engine.search(SearchQuery(text=text, filters=filters, **kwargs))


class TestTextMatching:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("отпадък", "case:1"),
            ("отпадъците", "case:1"),
            ("икономиката", "case:1"),
            ("κυκλική οικονομία", "call:3"),
            ("κυκλικής οικονομίας", "call:3"),
            ("recycle", "case:2"),
            ("recycling", "case:2"),
            ("RECYCLED", "case:2"),
        ],
    )
    def test_inflected_forms_in_three_languages(self, loaded_engine, text, expected):
        assert expected in ids(find(loaded_engine, text))

    def test_accents_do_not_matter(self, loaded_engine):
        assert "call:3" in ids(find(loaded_engine, "κυκλικη οικονομια"))

    @pytest.mark.parametrize(
        ("typo", "expected"),
        [("recyclign", "case:2"), ("cooperativ", "member:6"), ("ресрус", "case:1")],
    )
    def test_one_typo_in_a_long_word(self, loaded_engine, typo, expected):
        assert expected in ids(find(loaded_engine, typo))

    def test_short_words_get_no_typo_tolerance(self, loaded_engine):
        assert ids(find(loaded_engine, "fnd")) == []

    def test_quoted_phrase_matches_as_a_phrase(self, loaded_engine):
        assert ids(find(loaded_engine, '"old clothes"')) == ["case:2"]
        assert ids(find(loaded_engine, '"clothes old"')) == []

    def test_all_words_must_match(self, loaded_engine):
        assert ids(find(loaded_engine, "recycle canvas")) == []

    def test_title_and_organisation_weigh_more_than_body(self, loaded_engine):
        # "packaging": title of page:7, organisation of member:6, body of tool:5.
        found = ids(find(loaded_engine, "packaging"))
        assert set(found) == {"page:7", "member:6", "tool:5"}
        assert found[-1] == "tool:5"


class TestResultShape:
    def test_hit_fields(self, loaded_engine):
        hit = find(loaded_engine, "recycle").results[0]
        assert (hit.id, hit.kind, hit.language, hit.url) == ("case:2", "case", "en", "/en/case-2/")
        assert hit.title == "Recycling old clothes into fibre"
        assert hit.score > 0

    def test_highlight_marks_original_words_and_escapes_the_rest(self, loaded_engine):
        hit = find(loaded_engine, "recycle").results[0]
        assert "<mark>recycle</mark>" in hit.highlight
        assert "&lt;b&gt;safely&lt;/b&gt; &amp; cheaply" in hit.highlight
        assert "<b>" not in hit.highlight

    def test_highlight_of_an_inflected_greek_form(self, loaded_engine):
        hit = find(loaded_engine, "κυκλική").results[0]
        assert "<mark>κυκλικής</mark>" in hit.highlight

    def test_total_counts_every_match_not_only_the_page(self, loaded_engine):
        response = find(loaded_engine, "", page_size=2)
        assert response.total == len(CORPUS)
        assert len(response.results) == 2

    def test_pages_do_not_overlap(self, loaded_engine):
        first = ids(find(loaded_engine, "", page_size=3, page=1))
        second = ids(find(loaded_engine, "", page_size=3, page=2))
        assert not set(first) & set(second)


class TestFacets:
    def counts(self, response, facet):
        return {v.value: v.count for v in response.facets[facet]}

    def test_counts_reflect_the_results(self, loaded_engine):
        response = find(loaded_engine, "packaging")
        assert self.counts(response, "kind") == {"page": 1, "member": 1, "tool": 1}

    def test_or_inside_a_facet_and_across_facets(self, loaded_engine):
        both = find(loaded_engine, filters={"kind": ["case", "call"]})
        assert set(ids(both)) == {"case:1", "case:2", "call:3", "call:4"}
        narrowed = find(loaded_engine, filters={"kind": ["case", "call"], "language": ["en"]})
        assert set(ids(narrowed)) == {"case:2", "call:4"}

    def test_a_facet_ignores_its_own_selection(self, loaded_engine):
        response = find(loaded_engine, filters={"kind": ["case"]})
        assert self.counts(response, "kind")["call"] == 2
        assert self.counts(response, "language") == {"bg": 1, "en": 1}

    def test_status_theme_country_and_year(self, loaded_engine):
        assert ids(find(loaded_engine, filters={"status": ["open"]})) == ["call:3"]
        assert set(ids(find(loaded_engine, filters={"theme": ["labour-market"]}))) == {"call:4"}
        assert set(ids(find(loaded_engine, filters={"country": ["GR"]}))) == {"call:3"}
        assert set(ids(find(loaded_engine, filters={"year": ["2025"]}))) == {"case:2", "call:3"}

    def test_unknown_value_matches_nothing(self, loaded_engine):
        assert find(loaded_engine, filters={"theme": ["no-such-theme"]}).total == 0


class TestSorting:
    def test_newest_first(self, loaded_engine):
        assert ids(find(loaded_engine, "", sort="newest"))[:2] == ["call:3", "case:2"]

    def test_deadline_soonest_first_and_missing_last(self, loaded_engine):
        found = ids(find(loaded_engine, "", sort="deadline"))
        assert found[:2] == ["call:4", "call:3"]


class TestSuggestionsAndRelated:
    def test_suggest_by_title_prefix(self, loaded_engine):
        titles = [s["title"] for s in loaded_engine.suggest("recyc")]
        assert titles == ["Recycling old clothes into fibre"]

    def test_suggest_in_cyrillic_and_by_language(self, loaded_engine):
        assert [s["kind"] for s in loaded_engine.suggest("отпад", language="bg")] == ["case"]
        assert loaded_engine.suggest("отпад", language="en") == []

    def test_suggest_shape_and_limit(self, engine):
        engine.index_documents([make_doc(f"case:{i}", title=f"Solar panel {i}") for i in range(12)])
        suggestions = engine.suggest("sola")
        assert len(suggestions) == 8
        assert set(suggestions[0]) == {"id", "title", "url", "kind"}

    def test_did_you_mean_on_a_typo_with_no_results(self, loaded_engine):
        response = find(loaded_engine, "koperative compst")
        assert response.total == 0
        assert response.suggestion == "cooperative compost"

    def test_related_across_kinds_in_the_same_language(self, loaded_engine):
        loaded_engine.index_documents(
            [
                make_doc("tool:8", title="Fibre sorting guide", themes=["circular-economy"]),
                make_doc("event:9", title="Clothes swap", pillars=["textiles"]),
            ]
        )
        related = [hit.id for hit in loaded_engine.related("case:2")]
        assert set(related) == {"tool:8", "event:9"}
        assert "case:1" not in related  # the Bulgarian case study shares themes, not language


class TestWriting:
    def test_replace_and_delete(self, loaded_engine):
        loaded_engine.index_documents([make_doc("case:2", title="Renamed entirely")])
        assert ids(find(loaded_engine, "recycle")) == []
        assert ids(find(loaded_engine, "renamed")) == ["case:2"]
        loaded_engine.delete_documents(["case:2"])
        assert ids(find(loaded_engine, "renamed")) == []
        assert loaded_engine.count() == len(CORPUS) - 1

    def test_rebuild_swaps_in_a_fresh_index(self, loaded_engine):
        count = loaded_engine.rebuild(iter([make_doc("case:99", title="Only one left")]))
        assert count == 1
        assert loaded_engine.count() == 1
        assert ids(find(loaded_engine, "only")) == ["case:99"]


class TestHostileText:
    @pytest.mark.parametrize(
        "text",
        [
            '"',
            '""',
            "NEAR(",
            "*",
            "^",
            "AND OR",
            "a\x00b",
            "x" * 10_000,
            "кръг κύκλος circle",
            "\u200fשלום\u200e",
            "title:foo",
            "(((",
            "-",
            "~1",
            "\\",
            "'; DROP TABLE",
            "🙂",
        ],
    )
    def test_any_text_is_answered(self, loaded_engine, text):
        response = find(loaded_engine, text)
        assert response.total >= 0
