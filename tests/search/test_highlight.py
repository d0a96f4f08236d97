"""The highlighter's places are the words the analysis splits a text into, decided one by one."""

import pytest

from search.analysis import WORD_RE
from search.highlight import Matcher, has_match, highlight_or_none
from search.query import parse_text

TEXTS = [
    "Recycling recycled recyclers: recycle_bin and re-cycling, RECYCLING.",
    "Кръгова икономика и кръговата икономика; икономически кръг.",
    "Κυκλική οικονομία, οικονομίας και ΟΙΚΟΝΟΜΙΑ — ἀνακύκλωση.",
    "enterprize enterprise enterprises entreprise 2024 a_b ab",
    "caf\u0065\u0301 café cafe",
]
QUERIES = ["recycling", "кръгова икономика", "οικονομία", "enterprise", "cafe", '"recycle bin"']


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("text", TEXTS)
def test_spans_are_the_matching_words_of_the_text(query, text):
    """Every run of word characters that matches, in order, and nothing else: the compiled
    pattern of matching words finds exactly what testing each word of the text finds."""
    matcher = Matcher(parse_text(query))
    expected = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)
                if Matcher(parse_text(query)).matches(m.group())]
    assert matcher.spans(text) == expected
    assert has_match(text, matcher) == bool(expected)
    assert (highlight_or_none(text, matcher) is None) == (not expected)


def test_a_word_that_begins_with_another_is_marked_whole():
    matcher = Matcher(parse_text("recycle recycling"))
    snippet = highlight_or_none("We recycle; recycling helps.", matcher)
    assert snippet == "We <mark>recycle</mark>; <mark>recycling</mark> helps."
