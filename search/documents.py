"""The one document shape every searchable thing is turned into.

``SearchDocument`` is the plain record both engines index; content apps build
it in their own ``documents.py`` (see ``search.registry``). ``HubDocument`` is
the same schema written with elasticsearch-dsl, used for the Elasticsearch
mapping: per-language sub-fields with the built-in analyzers, an accent-folded
main field, keywords for facets and a search-as-you-type field for suggestions.
"""

import dataclasses
import datetime as dt

from elasticsearch_dsl import (
    Date,
    Document,
    Integer,
    Keyword,
    SearchAsYouType,
    Text,
    analyzer,
)

# Accent- and case-insensitive text for the main field (language sub-fields stem).
folded = analyzer("folded", tokenizer="standard", filter=["lowercase", "asciifolding"])

LANGUAGE_ANALYZERS = {"bg": "bulgarian", "en": "english", "el": "greek"}


def _multilingual():
    return Text(
        analyzer=folded,
        fields={code: Text(analyzer=name) for code, name in LANGUAGE_ANALYZERS.items()},
    )


@dataclasses.dataclass
class SearchDocument:
    """One indexed item; ``id`` is ``<kind>:<external id or pk>``."""

    id: str
    kind: str
    language: str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    themes: list[str] = dataclasses.field(default_factory=list)
    pillars: list[str] = dataclasses.field(default_factory=list)
    regions: list[str] = dataclasses.field(default_factory=list)
    countries: list[str] = dataclasses.field(default_factory=list)
    tags: list[str] = dataclasses.field(default_factory=list)
    # Credentials a member holds (a certificate's programme key): the "certificate" facet.
    credentials: list[str] = dataclasses.field(default_factory=list)
    organisation: str = ""
    published: dt.date | None = None
    deadline: dt.datetime | None = None
    starts: dt.datetime | None = None
    status: str = ""
    level: str = ""
    format: str = ""
    member_type: str = ""
    year: int | None = None
    # The database primary key, set by the sync machinery (section pages map hits to rows).
    object_pk: str = ""

    def __post_init__(self):
        if self.year is None and self.published is not None:
            self.year = self.published.year

    @property
    def tag_text(self):
        """The tags as words ("social-enterprise" -> "social enterprise"): a query for a
        tag's word finds what carries it, as the tag facet does."""
        return " ".join(tag.replace("-", " ").replace("_", " ") for tag in self.tags)

    def to_dict(self):
        # Not dataclasses.asdict: its deep copies dominate a rebuild's time.
        data = {name: getattr(self, name) for name in _FIELD_NAMES}
        for name in _LIST_FIELDS:
            data[name] = list(data[name])
        for name in ("published", "deadline", "starts"):
            if data[name] is not None:
                data[name] = data[name].isoformat()
        return data

    @classmethod
    def from_dict(cls, data):
        values = {f.name: data.get(f.name) for f in dataclasses.fields(cls) if f.name in data}
        if values.get("published"):
            values["published"] = dt.date.fromisoformat(values["published"][:10])
        for name in ("deadline", "starts"):
            if values.get(name):
                values[name] = dt.datetime.fromisoformat(values[name])
        return cls(**values)


_FIELD_NAMES = tuple(f.name for f in dataclasses.fields(SearchDocument))
_LIST_FIELDS = ("themes", "pillars", "regions", "countries", "tags", "credentials")


class HubDocument(Document):
    """Elasticsearch mapping of ``SearchDocument`` (the index name is set by the engine)."""

    kind = Keyword()
    language = Keyword()
    title = _multilingual()
    title_suggest = SearchAsYouType(analyzer=folded)
    summary = _multilingual()
    body = _multilingual()
    organisation = _multilingual()
    # The tags again, as text (``SearchDocument.tag_text``): searched like the title.
    tag_text = _multilingual()
    url = Keyword(index=False)
    themes = Keyword()
    pillars = Keyword()
    regions = Keyword()
    countries = Keyword()
    tags = Keyword()
    credentials = Keyword()
    published = Date()
    deadline = Date()
    starts = Date()
    status = Keyword()
    level = Keyword()
    format = Keyword()
    member_type = Keyword()
    year = Integer()
    object_pk = Keyword(index=False)

    @classmethod
    def from_search_document(cls, doc):
        data = doc.to_dict()
        data["title_suggest"] = doc.title
        data["tag_text"] = doc.tag_text
        doc_id = data.pop("id")
        return cls(meta={"id": doc_id}, **data)
