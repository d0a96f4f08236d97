"""Normalisation and stemming: inflections in bg/en/el, accents, case, scripts."""

import pytest

from search.analysis import WORD_RE, analyse, edit_distance, normalise, stem, words


@pytest.mark.parametrize(
    ("forms"),
    [
        ("отпадък", "отпадъци", "отпадъците", "отпадъка"),
        ("кръгова", "кръговата"),
        ("иновация", "иновации", "иновациите"),
        ("recycle", "recycling", "recycled", "Recycles"),
        ("κυκλική", "κυκλικής", "ΚΥΚΛΙΚΗ", "κυκλικη"),
        ("οικονομία", "οικονομίας", "οικονομια"),
    ],
)
def test_inflected_forms_share_a_stem(forms):
    assert len({stem(form) for form in forms}) == 1


def test_accents_and_case_do_not_matter():
    assert analyse("Café CAFÉ cafe") == "cafe cafe cafe"
    assert normalise("Ἀθῆναι") == normalise("αθηναι")


def test_bulgarian_short_i_survives_until_stemming():
    # "й" is и + breve; the stemmer must see it, the index term drops it.
    assert stem("Майка") == stem("майка")
    assert stem("край") != "кра"


def test_words_split_on_punctuation_and_keep_mixed_scripts():
    assert words('"NEAR(a*b)^2 AND кръг/κύκλος"') == [
        "NEAR",
        "a",
        "b",
        "2",
        "AND",
        "кръг",
        "κύκλος",
    ]


def test_edit_distance_counts_swaps_as_one():
    assert edit_distance("recycling", "recyclign") == 1
    assert edit_distance("ресурс", "ресрус") == 1
    assert edit_distance("abc", "xyz", limit=1) == 2


def test_words_are_the_runs_of_letters_and_digits():
    # The fast path (whitespace pieces that are whole words) gives what the regex gives.
    samples = [
        "plain words only",
        "Кръгова икономика и οικονομία 2025",
        "snake_case, e.g. (this) — «that»; it's 3½ km²",
        "й decomposed: и\u0306 and a\u0301ccent",
        "tabs\tand\u00a0no-break\u3000spaces",
        "",
    ]
    for text in samples:
        assert words(text) == WORD_RE.findall(text), text
