"""Synonym groups applied by query expansion, the same for every engine.

Editors keep groups of terms per language (``SynonymGroup``). Before a query
reaches an engine, ``search.api`` attaches the groups of the query's language
(``groups_for``); ``parse_text`` then replaces each run of the user's loose
words that is one of the terms (compared by stem, so "икономиката" matches
"икономика") with an alternative clause: any one of the group's terms,
phrases kept as phrases. Expanding the query rather than the index means a
change takes effect from the next search, on the embedded engine and on
Elasticsearch alike, without a rebuild.
"""

import re

from search.analysis import stem
from search.analysis import words as split_words

MAX_TERMS_PER_GROUP = 20
MAX_TERM_CHARS = 100
MAX_TERM_WORDS = 6
SEPARATORS = re.compile(r"[,\n;]+")


def split_terms(text, limit=MAX_TERMS_PER_GROUP):
    """The distinct terms of a group as editors wrote them (case-insensitively distinct)."""
    found, seen = [], set()
    for raw in SEPARATORS.split(text or ""):
        term = " ".join(raw.split())[:MAX_TERM_CHARS]
        key = term.casefold()
        if term and key not in seen:
            seen.add(key)
            found.append(term)
    return found if limit is None else found[:limit]


def groups_for(languages):
    """The groups of these languages as tuples of word tuples, e.g. ``((("circular",
    "economy"), ("кръгова", "икономика")),)``: plain data the query object carries."""
    from search.models import SynonymGroup

    groups = []
    for terms in SynonymGroup.objects.filter(language__in=list(languages)).values_list(
            "terms", flat=True):
        group = tuple(
            tuple(found) for found in (split_words(term)[:MAX_TERM_WORDS]
                                       for term in split_terms(terms)) if found)
        if len(group) > 1:
            groups.append(group)
    return tuple(groups)


def expand(found, groups):
    """``found`` words split into (the words left, the alternative clauses).

    Each alternative clause is a tuple of word sequences; the first is the
    user's own words, the others the group's other terms. The longest term
    wins where two overlap; a term in several groups gets all of their terms.
    """
    if not groups or not found:
        return list(found), []
    alternatives = {}
    for group in groups:
        for term in group:
            key = tuple(map(stem, term))
            alternatives.setdefault(key, []).extend(group)
    lengths = sorted({len(key) for key in alternatives}, reverse=True)
    stems = [stem(word) for word in found]
    left, clauses, position = [], [], 0
    while position < len(found):
        for length in lengths:
            key = tuple(stems[position:position + length])
            if len(key) == length and key in alternatives:
                own = tuple(found[position:position + length])
                clause = [own]
                for term in alternatives[key]:
                    if tuple(map(stem, term)) != key and term not in clause:
                        clause.append(term)
                clauses.append(tuple(clause))
                position += length
                break
        else:
            left.append(found[position])
            position += 1
    return left, clauses
