"""Highlights on the original text: matched words in <mark>, everything else escaped.

A word matches when its stem is one of the query's stems, or (for words of
five letters or more) when it is one edit away from a query word, so what the
engine found by typo tolerance is also what the reader sees marked.

Only the results shown are highlighted, and each text is read twice in C: its
distinct words are collected (``analysis.words``) and decided once each, and only
when some match is a pattern of exactly those words run over the text for
their places, instead of building and testing a span for every word.
"""

import re

from django.utils.html import escape

from search.analysis import fuzzy_allowed, normalise, stem, words

SNIPPET_CHARS = 220
# Matches further into a long body are not looked for (the snippet shows the first ones).
SCAN_CHARS = 5000


class Matcher:
    def __init__(self, parsed):
        query_words = parsed.all_words
        self.stems = {stem(w) for w in query_words}
        # The engine's weaker stem variants (see EmbeddedEngine._term_clause), precomputed: a
        # word's stem may extend a long query stem, or be one cut by at most two letters.
        long_stems = [q for q in self.stems if len(q) >= 5]
        self.long_stems = tuple(long_stems)
        self.cut_stems = {q[:n] for q in long_stems for n in (len(q) - 2, len(q) - 1) if n >= 5}
        self.fuzzy = [normalise(w) for w in query_words if fuzzy_allowed(w)]
        # One-deletion variants of the typo-tolerant query words: a word is within one
        # edit (or one swap) when it, or one of its own deletions, is among them.
        self.fuzzy_lengths = {len(q) + d for q in self.fuzzy for d in (-1, 0, 1)}
        self.fuzzy_variants = {v for q in self.fuzzy for v in _deletions(q)}

        self._seen = {}
        self._patterns = {}

    def __bool__(self):
        return bool(self.stems)

    def matches(self, word):
        # Documents repeat their words; each distinct word is decided once per query.
        seen = self._seen.get(word)
        if seen is None:
            seen = self._seen[word] = self._matches(word)
        return seen

    def spans(self, text):
        """(start, end, word) of every matching word of ``text``: the same places as
        ``WORD_RE``'s runs, as a match is a whole run of word characters."""
        found = sorted(w for w in set(words(text)) if self.matches(w))
        if not found:
            return []
        key = tuple(found)
        pattern = self._patterns.get(key)
        if pattern is None:
            # Longest first, so no word is cut short by one it begins with.
            longest_first = sorted(found, key=len, reverse=True)
            alternatives = "|".join(map(re.escape, longest_first))
            pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
            if len(self._patterns) < 1000:
                self._patterns[key] = pattern
        return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]

    def _matches(self, word):
        term = stem(word)
        if term in self.stems or term in self.cut_stems or term.startswith(self.long_stems):
            return True
        if len(word) < 5 or not self.fuzzy:
            return False
        norm = normalise(word)
        if len(norm) not in self.fuzzy_lengths:
            return False
        return not self.fuzzy_variants.isdisjoint(_deletions(norm))


def _deletions(word):
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _window(hits, size):
    """The first match of the ``size``-character window holding the most matches."""
    best_start, best_count, j = hits[0], 0, 0
    for i, start in enumerate(hits):
        j = max(j, i)
        while j + 1 < len(hits) and hits[j + 1] - start < size:
            j += 1
        if j - i + 1 > best_count:
            best_start, best_count = start, j - i + 1
    return best_start


def highlight(text, matcher, size=SNIPPET_CHARS):
    """An escaped snippet of ``text`` (about ``size`` characters) with matches marked."""
    return highlight_or_none(text, matcher, size) or _cut(text or "", 0, size)


def highlight_or_none(text, matcher, size=SNIPPET_CHARS):
    """Like ``highlight``, but None when nothing in ``text`` matches."""
    text = (text or "")[:SCAN_CHARS]
    if not matcher or not text:
        return None
    spans = matcher.spans(text)
    if not spans:
        return None
    first = _window([s for s, _e, _w in spans], size)
    # Start a little before the first match, at a word boundary.
    start = max(0, first - 40)
    if start:
        boundary = text.rfind(" ", 0, start + 1)
        start = boundary + 1 if boundary > first - 80 else start
    end = min(len(text), start + size)
    if end < len(text):
        boundary = text.rfind(" ", start, end)
        end = boundary if boundary > start + size // 2 else end
    out = ["… " if start else ""]
    cursor = start
    for word_start, word_end, word in spans:
        if word_start < start or word_end > end:
            continue
        out.append(escape(text[cursor:word_start]))
        out.append(f"<mark>{escape(word)}</mark>")
        cursor = word_end
    out.append(escape(text[cursor:end]))
    if end < len(text):
        out.append(" …")
    return "".join(out)


def has_match(text, matcher):
    return any(map(matcher.matches, set(words(text or ""))))


def _cut(text, start, size):
    if len(text) <= size:
        return escape(text)
    boundary = text.rfind(" ", start, start + size)
    end = boundary if boundary > size // 2 else start + size
    return escape(text[start:end]) + " …"
