"""The query object both engines answer and the result shape they return.

``SearchQuery.from_params`` turns request parameters into a query, clamping
what can be clamped and raising ``QueryError`` (a message for a 400) for the
rest. Notes and errors are in the active language (the page's, or the API
request's ``Accept-Language``). ``parse_text`` splits the user's words and quoted phrases; every other
character is just text, so no input can reach an engine's own query syntax.
Synonyms (``search.synonyms``) expand loose words into alternatives here, in
the one parse every engine reads: ``SearchQuery.synonyms`` carries the groups.
"""

import dataclasses
import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_QUERY_CHARS = 500
MAX_TERMS = 32
MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20
MAX_RESULT_WINDOW = 10_000
MAX_FILTER_VALUES = 20
SORTS = ("relevance", "newest", "deadline")
# Values listed per facet, most frequent first.
FACET_SIZE = 100

# Facet name in the API -> field of SearchDocument.
FACET_FIELDS = {
    "kind": "kind",
    "theme": "themes",
    "pillar": "pillars",
    "region": "regions",
    "country": "countries",
    "language": "language",
    "status": "status",
    "year": "year",
    "certificate": "credentials",
}
# Filters that are not shown as facets but section pages may use.
EXTRA_FILTER_FIELDS = {
    "tag": "tags",
    "level": "level",
    "format": "format",
    "member_type": "member_type",
}
FILTER_FIELDS = {**FACET_FIELDS, **EXTRA_FILTER_FIELDS}
FACETS = tuple(FACET_FIELDS)

VALUE_RE = re.compile(r"^[\w.:-]{1,100}$", re.UNICODE)
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
PHRASE_RE = re.compile(r'"([^"]*)"')


class QueryError(ValueError):
    """A parameter that cannot be clamped; the message is shown to the user."""


@dataclasses.dataclass(frozen=True)
class ParsedText:
    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    # Synonym clauses: each is satisfied by any one of its word sequences (the first is
    # the user's own words); a sequence of several words is matched as a phrase.
    alternatives: tuple[tuple[tuple[str, ...], ...], ...] = ()

    @property
    def empty(self):
        return not self.words and not self.phrases and not self.alternatives

    @property
    def all_words(self):
        """Every word the query may match, synonyms included (for highlighting)."""
        found = list(self.words) + [w for phrase in self.phrases for w in phrase]
        return found + [w for clause in self.alternatives for term in clause for w in term]

    @property
    def own_words(self):
        """The words the user typed, in loose words, phrases and synonym clauses."""
        found = list(self.words) + [w for phrase in self.phrases for w in phrase]
        return found + [w for clause in self.alternatives for w in clause[0]]


def clean_text(text):
    """Control characters, NUL bytes and direction marks become spaces."""
    return " ".join(CONTROL_RE.sub(" ", text or "").split())


def parse_text(text, synonyms=()):
    """Quoted phrases and loose words (at most MAX_TERMS words in all), loose words that are
    a synonym term expanded into alternatives."""
    from search.analysis import words as split_words
    from search.synonyms import expand

    phrases = []
    for match in PHRASE_RE.finditer(text):
        phrase = tuple(split_words(match.group(1)))
        if len(phrase) > 1:
            phrases.append(phrase)
        elif phrase:
            text = text.replace(match.group(0), f" {phrase[0]} ", 1)
    loose = PHRASE_RE.sub(" ", text)
    found = split_words(loose)
    budget = MAX_TERMS
    limited_phrases = []
    for phrase in phrases:
        if budget <= 0:
            break
        limited_phrases.append(phrase[:budget])
        budget -= len(phrase)
    words, alternatives = expand(found[: max(budget, 0)], synonyms)
    return ParsedText(words=tuple(words), phrases=tuple(limited_phrases),
                      alternatives=tuple(alternatives))


@dataclasses.dataclass
class SearchQuery:
    text: str = ""
    filters: dict = dataclasses.field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    notes: list = dataclasses.field(default_factory=list)
    # Ask for facet counts (the section pages and the API do; related content does not).
    facets: bool = True
    highlight: bool = True
    # Synonym groups of the query's language (``search.synonyms.groups_for``); set by
    # ``search.api`` before an engine sees the query.
    synonyms: tuple = ()

    def __post_init__(self):
        self.text = clean_text(self.text)
        if len(self.text) > MAX_QUERY_CHARS:
            self.text = self.text[:MAX_QUERY_CHARS]
            self.notes.append(
                _("Your search was cut to its first %(count)d characters.")
                % {"count": MAX_QUERY_CHARS}
            )
        self.filters = {
            name: tuple(str(v) for v in values) for name, values in self.filters.items() if values
        }
        for name in self.filters:
            if name not in FILTER_FIELDS:
                raise QueryError(_("Unknown filter “%(name)s”.") % {"name": name})
        if self.sort not in SORTS:
            raise QueryError(_("Unknown sort “%(sort)s”; use one of %(sorts)s.") % {
                "sort": self.sort[:40], "sorts": ", ".join(SORTS)})
        self.page_size = min(max(int(self.page_size), 1), MAX_PAGE_SIZE)
        self.page = min(max(int(self.page), 1), MAX_RESULT_WINDOW // self.page_size)

    @property
    def parsed(self):
        return parse_text(self.text, self.synonyms)

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    def without(self, facet):
        """The filters minus one facet: counts for that facet ignore its own selection."""
        return {name: values for name, values in self.filters.items() if name != facet}

    @classmethod
    def from_params(cls, params, allowed_values=None, aliases=None):
        """Build from a QueryDict (or a dict of lists); ``allowed_values`` checks closed sets.

        ``aliases`` maps a filter's former values to today's (``{"kind": {"b2b": ("offer",
        "need")}}``): old links keep working, and only today's values go on.
        """
        allowed_values = allowed_values or {}
        aliases = aliases or {}

        def get_list(name):
            if hasattr(params, "getlist"):
                return params.getlist(name)
            value = params.get(name, [])
            return value if isinstance(value, list | tuple) else [value]

        def get_one(name, default=""):
            values = get_list(name)
            return values[-1] if values else default

        filters = {}
        for name in FILTER_FIELDS:
            values = []
            for raw in get_list(name):
                given = [clean_text(value) for value in str(raw).split(",")]
                for value in _resolved(given, aliases.get(name, {})):
                    if not value:
                        continue
                    if not VALUE_RE.match(value):
                        raise QueryError(_("%(name)s: “%(value)s” is not a valid value.") % {
                            "name": name, "value": value[:40]})
                    if name in allowed_values and value not in allowed_values[name]:
                        raise QueryError(
                            _("%(name)s: unknown value “%(value)s”; known values: %(known)s.")
                            % {"name": name, "value": value,
                               "known": ", ".join(sorted(allowed_values[name]))})
                    if name == "year" and not value.isdigit():
                        raise QueryError(_("year: “%(value)s” is not a year.") % {"value": value})
                    if value not in values:
                        values.append(value)
            if len(values) > MAX_FILTER_VALUES:
                raise QueryError(ngettext(
                    "%(name)s: at most %(count)d value.", "%(name)s: at most %(count)d values.",
                    MAX_FILTER_VALUES) % {"name": name, "count": MAX_FILTER_VALUES})
            if values:
                filters[name] = tuple(values)
        sort = clean_text(get_one("sort")) or "relevance"
        page = _integer(get_one("page"), "page", 1)
        page_size = _integer(get_one("page_size"), "page_size", DEFAULT_PAGE_SIZE)
        return cls(
            text=str(get_one("q")), filters=filters, sort=sort, page=page, page_size=page_size
        )


def _resolved(values, aliases):
    """``values`` with each former spelling replaced by the values it stands for now."""
    for value in values:
        yield from aliases.get(value, (value,))


def _integer(raw, name, default):
    raw = clean_text(str(raw))
    if not raw:
        return default
    try:
        # Clamped by SearchQuery; huge numbers are cut before int() sees them.
        return int(raw[:12])
    except ValueError:
        raise QueryError(_("%(name)s must be a whole number, not “%(value)s”.") % {
            "name": name, "value": raw[:20]}) from None


@dataclasses.dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""
    selected: bool = False

    def to_dict(self):
        return {"value": self.value, "label": self.label or self.value, "count": self.count}


@dataclasses.dataclass
class Hit:
    id: str
    kind: str
    title: str
    url: str
    language: str
    summary: str
    highlight: str
    score: float
    published: object = None
    deadline: object = None
    starts: object = None
    status: str = ""
    organisation: str = ""

    @classmethod
    def from_document(cls, doc, highlight, score=0.0):
        """The hit for one SearchDocument: every engine and the fallback show the same fields."""
        return cls(
            id=doc.id,
            kind=doc.kind,
            title=doc.title,
            url=doc.url,
            language=doc.language,
            summary=doc.summary,
            highlight=highlight,
            score=float(score),
            published=doc.published,
            deadline=doc.deadline,
            starts=doc.starts,
            status=doc.status,
            organisation=doc.organisation,
        )

    def to_dict(self):
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "url": self.url,
            "language": self.language,
            "summary": self.summary,
            "highlight": self.highlight,
            "score": round(float(self.score), 4),
            "published": self.published.isoformat() if self.published else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
        }


@dataclasses.dataclass
class SearchResponse:
    query: SearchQuery
    total: int
    results: list
    facets: dict
    suggestion: str = ""
    notes: list = dataclasses.field(default_factory=list)
    # True when answered by the database fallback ("search is temporarily limited").
    limited: bool = False

    @property
    def pages(self):
        return max(1, -(-min(self.total, MAX_RESULT_WINDOW) // self.query.page_size))

    def to_dict(self):
        return {
            "query": self.query.text,
            "total": self.total,
            "page": self.query.page,
            "page_size": self.query.page_size,
            "results": [hit.to_dict() for hit in self.results],
            "facets": {
                name: [value.to_dict() for value in values] for name, values in self.facets.items()
            },
            "suggestion": self.suggestion or None,
            "notes": self.notes,
            "limited": self.limited,
        }
