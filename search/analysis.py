"""Text analysis shared by the embedded engine, highlighting and "did you mean".

Every word goes through the same steps at index and at query time:
lower-case, NFD with the accents dropped (but the breve kept, so Bulgarian
"й" survives until the stemmer has seen it), stemming chosen by the word's
script (Cyrillic: bulstem, Greek: Snowball greek, anything else: Snowball
english), then every remaining combining mark dropped and the result
case-folded. Choosing the stemmer by script rather than by the document's
language means a Greek phrase quoted in a Bulgarian page is still found.
"""

import functools
import re
import unicodedata

import Stemmer
from bulstem.stem import BulStemmer

# Runs of letters and digits (the simplest pattern is also the fastest one).
WORD_RE = re.compile(r"\w+", re.UNICODE)
BREVE = "\u0306"
BG_VOWELS = frozenset("аъоуеияю")
EL_VOWELS = frozenset("αεηιουω")
MAX_WORD = 40


def _strip_marks(text, keep=""):
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c in keep)
    return unicodedata.normalize("NFC", kept)


@functools.lru_cache(maxsize=200_000)
def normalise(word):
    """Case and accents removed: the form used for exact and prefix matches."""
    return _strip_marks(word[:MAX_WORD].lower()).casefold()


@functools.cache
def _bulgarian():
    # left_context=2 keeps short stems readable; rules seen at least twice.
    return BulStemmer.from_file("stem-context-1", min_freq=2, left_context=2)


@functools.cache
def _snowball(language):
    return Stemmer.Stemmer(language)


def script_of(word):
    for char in word:
        if "\u0400" <= char <= "\u04ff":
            return "cyrillic"
        if "\u0370" <= char <= "\u03ff" or "\u1f00" <= char <= "\u1fff":
            return "greek"
        if char.isalpha():
            return "latin"
    return "other"


@functools.lru_cache(maxsize=200_000)
def stem(word):
    """The index term for one word (already split out of the text)."""
    word = word[:MAX_WORD]
    lowered = _strip_marks(word.lower(), keep=BREVE)
    script = script_of(lowered)
    if script == "cyrillic":
        stemmed = _bulgarian().stem(lowered)
        # bulstem leaves a trailing vowel on some forms (отпадък -> отпад, отпадъците -> отпадъ).
        while len(stemmed) > 3 and stemmed[-1] in BG_VOWELS:
            stemmed = stemmed[:-1]
    elif script == "greek":
        stemmed = _snowball("greek").stemWord(lowered)
        # Snowball keeps a vowel on some cases (οικονομία -> οικονομ, οικονομίας -> οικονομι).
        while len(stemmed) > 3 and stemmed[-1] in EL_VOWELS:
            stemmed = stemmed[:-1]
    elif script == "latin":
        stemmed = _snowball("english").stemWord(lowered)
    else:
        stemmed = lowered
    return _strip_marks(stemmed).casefold()


def words(text):
    """The words of a text (runs of letters and digits), in order, as they were written.

    The same list as ``WORD_RE.findall(text)`` at a fraction of the cost: most
    whitespace-separated pieces of prose are whole words already (``isalnum``),
    and only the others (punctuation, underscores, combining marks) go through
    the regular expression, which costs several times more per character.
    """
    if not text:
        return []
    pieces = text.split()
    if all(map(str.isalnum, pieces)):
        return pieces
    found = []
    for piece in pieces:
        if piece.isalnum():
            found.append(piece)
        else:
            found += WORD_RE.findall(piece)
    return found


def analyse(text):
    """Stemmed terms of a text, space-separated, ready for a whitespace tokenizer."""
    return " ".join(map(stem, words(text)))


def analyse_exact(text):
    """Normalised (unstemmed) terms, for prefixes and spelling suggestions."""
    return " ".join(map(normalise, words(text)))


class _FormCache(dict):
    """word as written -> one of its forms (stem or normalised), computed once and kept.

    A plain dict read costs a fraction of an ``lru_cache`` call, and ``map`` over
    its ``__getitem__`` runs a whole word list in C: a rebuild looks up every word
    of every field, and text is Zipfian, so nearly all of them are hits. Bounded
    (emptied when full) so a long-lived process cannot grow without end.
    """

    limit = 100_000

    def __init__(self, form):
        super().__init__()
        self.form = form

    def __missing__(self, word):
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.form(word)
        return value


_stems = _FormCache(stem)
_normals = _FormCache(normalise)


def stemmed_terms(found):
    """Stems of already split words, space-separated, every occurrence kept (positions count)."""
    return " ".join(map(_stems.__getitem__, found))


def exact_terms(found):
    """Normalised forms of already split words, space-separated, in order."""
    return " ".join(map(_normals.__getitem__, found))


def fuzzy_allowed(word):
    """One typo is forgiven in words of five letters or more."""
    return len(word) >= 5


def edit_distance(a, b, limit=3):
    """Damerau-Levenshtein distance (adjacent swaps cost one), stopping early past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2 = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and previous2 is not None:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
