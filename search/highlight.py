"""Highlights on the original text: matched words in <mark>, everything else escaped.

A word matches when its stem is one of the query's stems, or (for words of
five letters or more) when it is one edit away from a query word, so what the
engine found by typo tolerance is also what the reader sees marked.
"""

from django.utils.html import escape

from search.analysis import fuzzy_allowed, normalise, stem, word_spans

SNIPPET_CHARS = 220
# Matches further into a long body are not looked for (the snippet shows the first ones).
SCAN_CHARS = 5000


class Matcher:
    def __init__(self, parsed):
        query_words = parsed.all_words
        self.stems = {stem(w) for w in query_words}
        self.fuzzy = [normalise(w) for w in query_words if fuzzy_allowed(w)]
        # One-deletion variants of the typo-tolerant query words: a word is within one
        # edit (or one swap) when it, or one of its own deletions, is among them.
        self.fuzzy_lengths = {len(q) + d for q in self.fuzzy for d in (-1, 0, 1)}
        self.fuzzy_variants = {v for q in self.fuzzy for v in _deletions(q)}

        self._seen = {}

    def __bool__(self):
        return bool(self.stems)

    def matches(self, word):
        # Documents repeat their words; each distinct word is decided once per query.
        seen = self._seen.get(word)
        if seen is None:
            seen = self._seen[word] = self._matches(word)
        return seen

    def _matches(self, word):
        term = stem(word)
        if term in self.stems:
            return True
        # The same weaker stem variants the engine accepts (see EmbeddedEngine._term_clause).
        for q in self.stems:
            if len(q) >= 5 and (
                term.startswith(q)
                or (len(term) >= 5 and q.startswith(term) and len(q) - len(term) <= 2)
            ):
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
    spans = [(s, e, w) for s, e, w in word_spans(text) if matcher.matches(w)]
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
    return any(matcher.matches(word) for _s, _e, word in word_spans(text or ""))


def _cut(text, start, size):
    if len(text) <= size:
        return escape(text)
    boundary = text.rfind(" ", start, start + size)
    end = boundary if boundary > size // 2 else start + size
    return escape(text[start:end]) + " …"
