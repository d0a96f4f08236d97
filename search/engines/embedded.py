"""The embedded engine: a tantivy index under SEARCH_INDEX_DIR, no server.

Text is analysed in Python (``search.analysis``) and handed to tantivy as
space-separated terms with its whitespace tokenizer, so index and query use
exactly the same normalisation and stemming. ``SEARCH_INDEX_DIR/current`` is
a symlink to the live index folder; a rebuild writes a new folder and
replaces the link atomically, and readers notice on their next search. A link
to a folder that is gone is an error (the breaker sends searches to the
database fallback), never silently a new empty index.
"""

import datetime as dt
import json
import os
import shutil
import threading
import time
from pathlib import Path

import tantivy
from tantivy import Occur, Order, Query

from search.analysis import (
    edit_distance,
    exact_terms,
    fuzzy_allowed,
    normalise,
    script_of,
    stem,
    stemmed_terms,
)
from search.analysis import words as split_words
from search.documents import SearchDocument
from search.highlight import Matcher, highlight, highlight_or_none
from search.locks import file_lock
from search.query import FACET_FIELDS, FACET_SIZE, FILTER_FIELDS, FacetValue, Hit, SearchResponse

from .base import EngineError, SearchEngine, batches

# Raised with every change of the fields: an older index is refused until a rebuild
# (3: the certificate facet; 4: tags are searched as text, ``tags_t``).
SCHEMA_VERSION = 4
KEYWORDS = (
    "kind",
    "language",
    "themes",
    "pillars",
    "regions",
    "countries",
    "tags",
    "credentials",
    "status",
    "level",
    "format",
    "member_type",
)
BOOSTS = {"title_t": 3.0, "org_t": 2.0, "tags_t": 2.0, "summary_t": 1.5, "body_t": 1.0}
FUZZY_BOOST = 0.6
VARIANT_BOOST = 0.4
STEM_VARIANT_FIELDS = ("title_t", "summary_t", "body_t")
NO_DEADLINE = 2**62
REBUILD_CHUNK = 200
REBUILD_HEAP = 200_000_000
STORED_BODY_CHARS = 20_000
FACETED = frozenset(FACET_FIELDS.values())


def build_schema():
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in KEYWORDS:
        # Columns only where facets count; the other keywords are filters only.
        fast = name in FACETED
        sb.add_text_field(name, stored=False, fast=fast, tokenizer_name="raw", index_option="basic")
    for name in BOOSTS:
        sb.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    # Unstemmed, normalised words: typo tolerance (constant score) and "did you mean"
    # (document frequency) need no frequencies; suggestions need no positions.
    sb.add_text_field("words", tokenizer_name="whitespace", index_option="basic")
    sb.add_text_field("title_words", tokenizer_name="whitespace", index_option="freq")
    sb.add_integer_field("year", fast=True, indexed=True)
    # Sort keys only: columns, no terms.
    sb.add_integer_field("published_ts", fast=True, indexed=False)
    sb.add_integer_field("deadline_ts", fast=True, indexed=False)
    # The stored copy: the body as UTF-8 on its own (JSON-escaping costs per character,
    # and bodies run to STORED_BODY_CHARS), everything else as JSON.
    sb.add_bytes_field("data", stored=True)
    sb.add_bytes_field("stored_body", stored=True)
    return sb.build()


def _timestamp(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return int(value.timestamp())
    return int(dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC).timestamp())


# One encoder for every blob (json.dumps with options builds one per call); our
# dicts hold no cycles, so the circular-reference bookkeeping is skipped.
_BLOB_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
TEXT_FIELDS = (
    ("title_t", "title"),
    ("org_t", "organisation"),
    ("tags_t", "tag_text"),
    ("summary_t", "summary"),
    ("body_t", "body"),
)


def _keywords(d):
    """Keyword field -> its non-empty values as strings (fields without any left out)."""
    fields = {}
    for name in KEYWORDS:
        value = getattr(d, name)
        if isinstance(value, list):
            values = [str(v) for v in value if v]
            if values:
                fields[name] = values
        elif value:
            fields[name] = str(value)
    return fields


def _stored(d):
    """The stored copy a hit is rebuilt from (the body cut: highlighting needs no more)."""
    data = d.to_dict()
    body = data.pop("body")[:STORED_BODY_CHARS]
    return _BLOB_ENCODER.encode(data).encode(), body.encode()


def _load(stored, body=True):
    """The document dict back from a stored tantivy document (see ``_stored``)."""
    data = json.loads(stored["data"][0])
    data["body"] = stored["stored_body"][0].decode() if body else ""
    return data


def prepare(d):
    """Every value tantivy gets for one document, as a dict for ``Document.from_dict``.

    One call into tantivy per document rather than one per value (a rebuild's
    Python time is the limit), and plain values, so it could run in another
    process. Each text is split once; its words are looked up in the stem and
    normalised-form caches (``search.analysis``), both mapped in C.
    """
    fields = {"id": d.id, **_keywords(d)}
    every = []
    for field, attribute in TEXT_FIELDS:
        found = split_words(getattr(d, attribute))
        fields[field] = stemmed_terms(found)
        every += found
        if field == "title_t":
            fields["title_words"] = exact_terms(found)
    fields["words"] = exact_terms(every)
    deadline = _timestamp(d.deadline)
    fields["published_ts"] = _timestamp(d.published) or 0
    fields["deadline_ts"] = deadline if deadline is not None else NO_DEADLINE
    if d.year:
        fields["year"] = int(d.year)
    fields["data"], fields["stored_body"] = _stored(d)
    return fields


def to_tantivy(schema_doc, schema):
    return tantivy.Document.from_dict(prepare(schema_doc), schema)


def _outdated(folder_name):
    """An index folder written for another SCHEMA_VERSION (its fields differ)."""
    return not folder_name.startswith(f"index-v{SCHEMA_VERSION}-")


def _created_ns(folder_name):
    """When an index folder was made (the time_ns in its name; 0 if the name has none)."""
    stamp = folder_name.rsplit("-", 1)[-1]
    return int(stamp) if stamp.isdigit() else 0


class EmbeddedEngine(SearchEngine):
    name = "embedded"

    def __init__(self, base_dir):
        super().__init__()
        self.base_dir = Path(base_dir)
        self.schema = build_schema()
        self._lock = threading.RLock()
        self._index = None
        self._target = None
        self._meta_mtime = None

    # Storage -----------------------------------------------------------------

    @property
    def current_link(self):
        return self.base_dir / "current"

    def _new_dir(self):
        self.base_dir.mkdir(parents=True, exist_ok=True)
        path = self.base_dir / f"index-v{SCHEMA_VERSION}-{time.time_ns()}"
        path.mkdir()
        return path

    def _swap_to(self, path):
        tmp = self.base_dir / f".current-{time.time_ns()}"
        os.symlink(path.name, tmp)
        os.replace(tmp, self.current_link)

    def _live_target(self):
        """The folder name ``current`` points at now, or None when there is no link."""
        try:
            return os.readlink(self.current_link)
        except FileNotFoundError:
            return None

    def _create_first_index(self):
        """An empty index when there is none yet; the link is created only if still absent."""
        path = self._new_dir()
        tantivy.Index(self.schema, path=str(path), reuse=False)
        try:
            os.symlink(path.name, self.current_link)
        except FileExistsError:  # another process was first
            shutil.rmtree(path, ignore_errors=True)

    def _open(self):
        """The live index, reopened when the link moved and reloaded when it changed."""
        with self._lock:
            if self._live_target() is None:
                self._create_first_index()
            target = self._live_target()
            if not (self.base_dir / target).is_dir():
                raise EngineError(
                    f"The search index folder {target} is missing: run "
                    "`manage.py rebuild_search_index`."
                )
            if _outdated(target):
                raise EngineError(
                    f"The search index {target} was built for an older index layout "
                    f"(now v{SCHEMA_VERSION}): run `manage.py rebuild_search_index`."
                )
            if self._index is None or target != self._target:
                self._index = tantivy.Index(
                    self.schema, path=str(self.base_dir / target), reuse=True
                )
                self._target = target
                self._meta_mtime = None
            meta = self.base_dir / target / "meta.json"
            try:
                mtime = meta.stat().st_mtime_ns
            except FileNotFoundError:
                mtime = None
            if mtime != self._meta_mtime:
                self._index.reload()
                self._meta_mtime = mtime
            return self._index

    def _searcher(self):
        return self._open().searcher()

    def healthy(self):
        """False while the live index is missing or has an older layout."""
        target = self._live_target()
        if target is None:  # no index yet: the first use creates an empty one
            return True
        return not _outdated(target) and (self.base_dir / target).is_dir()

    # Writing -----------------------------------------------------------------

    def _write(self, fn):
        try:
            with self._lock:
                index = self._open()
                writer = index.writer(heap_size=30_000_000, num_threads=1)
                try:
                    fn(writer)
                    writer.commit()
                    writer.wait_merging_threads()
                except BaseException:
                    writer.rollback()
                    raise
                index.reload()
                self._meta_mtime = None
        except ValueError as exc:  # tantivy reports lock and I/O problems as ValueError
            raise EngineError(str(exc)) from exc

    def index_documents(self, documents):
        documents = list(documents)

        def write(writer):
            for doc in documents:
                writer.delete_documents_by_term("id", doc.id)
                writer.add_document(to_tantivy(doc, self.schema))

        if documents:
            self._write(write)
        return {}  # one commit: every document is written, or the call raised

    def delete_documents(self, doc_ids):
        doc_ids = list(doc_ids)

        def write(writer):
            for doc_id in doc_ids:
                writer.delete_documents_by_term("id", doc_id)

        if doc_ids:
            self._write(write)
        return {}

    def rebuild_lock(self):
        return file_lock(self.base_dir / "rebuild.lock", f"A rebuild of the index in {self.base_dir}")

    def rebuild(self, documents, progress=None):
        # Python analysis in this thread while one tantivy thread indexes on the other
        # core: it keeps up, and a second one only adds CPU and a segment to search
        # (a process pool for the analysis was slower on two cores: pickling plus
        # competition).
        path = self._new_dir()
        index = tantivy.Index(self.schema, path=str(path), reuse=False)
        writer = index.writer(heap_size=REBUILD_HEAP, num_threads=1)
        count = 0
        try:
            for chunk in batches(documents, REBUILD_CHUNK):
                for doc in chunk:
                    writer.add_document(to_tantivy(doc, self.schema))
                count += len(chunk)
                if progress:
                    progress(len(chunk))
            writer.commit()
            writer.wait_merging_threads()
        except BaseException as exc:
            writer.rollback()
            shutil.rmtree(path, ignore_errors=True)
            if isinstance(exc, ValueError | OSError):  # tantivy's I/O errors
                raise EngineError(f"Writing the new index failed: {exc}") from exc
            raise
        with self._lock:
            previous = self._live_target()
            self._swap_to(path)
            self._index = None
        self._remove_stale(keep={path.name, previous}, before=_created_ns(path.name))
        return count

    def _remove_stale(self, keep, before):
        """Remove index folders made before ``before`` (ns), except ``keep`` and the live one.

        The previous index stays one more round, for readers in other processes
        that have not yet seen the link move. The link is read again right
        before each removal, so a folder is never removed while ``current``
        names it, whatever another rebuild swapped in meanwhile; folders made
        after this rebuild began belong to a newer one and are left alone.
        """
        for stale in sorted(self.base_dir.glob("index-*")):
            if stale.name in keep or _created_ns(stale.name) >= before:
                continue
            if stale.name == self._live_target():
                continue
            shutil.rmtree(stale, ignore_errors=True)

    def count(self):
        return self._searcher().num_docs

    # Reading -----------------------------------------------------------------

    def _term_clause(self, word):
        term = stem(word)
        clauses = [
            (Occur.Should, Query.boost_query(Query.term_query(self.schema, field, term), boost))
            for field, boost in BOOSTS.items()
        ]
        if fuzzy_allowed(word):
            fuzzy = Query.fuzzy_term_query(self.schema, "words", normalise(word), 1, True, False)
            clauses.append((Occur.Should, Query.boost_query(fuzzy, FUZZY_BOOST)))
        if len(term) >= 5 and script_of(word) != "latin":
            # bulstem and Snowball greek leave some inflections apart (икономика -> иконом, икономиката ->
            # икономик): longer stems starting with this one, and this one cut by up to two
            # letters, count as weaker matches.
            variants = [
                Query.fuzzy_term_query(self.schema, field, term, 0, True, True)
                for field in STEM_VARIANT_FIELDS
            ]
            for cut in (1, 2):
                if len(term) - cut >= 5:
                    variants += [
                        Query.term_query(self.schema, field, term[:-cut])
                        for field in STEM_VARIANT_FIELDS
                    ]
            weak = Query.boost_query(
                Query.boolean_query([(Occur.Should, q) for q in variants]), VARIANT_BOOST
            )
            clauses.append((Occur.Should, weak))
        return Query.boolean_query(clauses)

    def _phrase_clause(self, phrase):
        terms = [stem(w) for w in phrase]
        return Query.boolean_query(
            [
                (
                    Occur.Should,
                    Query.boost_query(Query.phrase_query(self.schema, field, terms), boost),
                )
                for field, boost in BOOSTS.items()
            ]
        )

    def _text_clauses(self, parsed):
        clauses = [(Occur.Must, self._term_clause(w)) for w in parsed.words]
        clauses += [(Occur.Must, self._phrase_clause(p)) for p in parsed.phrases]
        for alternatives in parsed.alternatives:  # synonyms: any one of the terms
            should = [(Occur.Should, self._term_clause(term[0]) if len(term) == 1
                       else self._phrase_clause(term)) for term in alternatives]
            clauses.append((Occur.Must, Query.boolean_query(should)))
        return clauses

    def _filter_clauses(self, filters):
        clauses = []
        for name, values in filters.items():
            field = FILTER_FIELDS[name]
            if field == "year":
                values = [int(v) for v in values if str(v).isdigit()]
            clauses.append((Occur.Must, Query.term_set_query(self.schema, field, list(values))))
        return clauses

    def _query(self, text_clauses, filters):
        clauses = text_clauses + self._filter_clauses(filters)
        if not clauses:
            return Query.all_query()
        if not text_clauses:
            clauses.append((Occur.Must, Query.all_query()))
        return Query.boolean_query(clauses)

    def _facets(self, searcher, query, text_clauses):
        if not query.facets:
            return {}
        # OR inside a facet, AND across facets: a facet's counts ignore its own selection.
        groups = {}
        for facet in FACET_FIELDS:
            key = facet if facet in query.filters else None
            groups.setdefault(key, []).append(facet)
        facets = {}
        for key, names in groups.items():
            filters = query.without(key) if key else query.filters
            aggs = {
                name: {"terms": {"field": FACET_FIELDS[name], "size": FACET_SIZE}} for name in names
            }
            result = searcher.aggregate(self._query(text_clauses, filters), aggs)
            for name in names:
                selected = set(query.filters.get(name, ()))
                facets[name] = [
                    FacetValue(
                        value=str(bucket["key"]).removesuffix(".0"),
                        count=int(bucket["doc_count"]),
                        selected=str(bucket["key"]).removesuffix(".0") in selected,
                    )
                    for bucket in result.get(name, {}).get("buckets", [])
                ]
        return facets

    def search(self, query):
        parsed = query.parsed
        searcher = self._searcher()
        text_clauses = self._text_clauses(parsed)
        tq = self._query(text_clauses, query.filters)
        kwargs = {}
        if query.sort == "newest" or (query.sort == "relevance" and parsed.empty):
            kwargs = {"order_by_field": "published_ts", "order": Order.Desc}
        elif query.sort == "deadline":
            kwargs = {"order_by_field": "deadline_ts", "order": Order.Asc}
        result = searcher.search(tq, query.page_size, count=True, offset=query.offset, **kwargs)
        matcher = Matcher(parsed) if query.highlight else None
        hits = []
        for score, address in result.hits:
            data = _load(searcher.doc(address))
            hits.append(self._hit(data, score if not kwargs else 0.0, matcher))
        response = SearchResponse(
            query=query,
            total=result.count,
            results=hits,
            facets=self._facets(searcher, query, text_clauses),
            notes=list(query.notes),
        )
        if result.count == 0 and parsed.words:
            response.suggestion = self.did_you_mean(parsed, searcher)
        return response

    def search_ids(self, query, limit=1000):
        searcher = self._searcher()
        tq = self._query(self._text_clauses(query.parsed), query.filters)
        result = searcher.search(tq, limit, count=False)
        out = []
        for _score, address in result.hits:
            data = _load(searcher.doc(address), body=False)
            out.append((data["id"], data.get("object_pk", "")))
        return out

    @staticmethod
    def _hit(data, score, matcher):
        doc = SearchDocument.from_dict(data)
        snippet = None
        if matcher:
            snippet = highlight_or_none(doc.summary, matcher) or highlight_or_none(
                doc.body, matcher
            )
        if snippet is None:
            snippet = highlight(doc.summary or doc.body, None)
        return Hit.from_document(doc, snippet, score)

    def did_you_mean(self, parsed, searcher=None):
        """The query with unknown words replaced by the closest indexed word, or ""."""
        searcher = searcher or self._searcher()
        changed = False
        out = []
        for word in parsed.words:
            norm = normalise(word)
            if len(norm) < 4 or searcher.doc_freq("words", norm) > 0:
                out.append(word)
                continue
            distance = 2 if len(norm) >= 6 else 1
            fuzzy = Query.fuzzy_term_query(self.schema, "words", norm, distance, True, False)
            best = None
            for _score, address in searcher.search(fuzzy, 5).hits:
                data = _load(searcher.doc(address))
                text = f"{data['title']} {data['organisation']} {data['summary']} {data['body'][:3000]}"
                for candidate in split_words(text):
                    cand_norm = normalise(candidate)
                    d = edit_distance(norm, cand_norm, distance)
                    if d <= distance and (best is None or d < best[0]):
                        best = (d, candidate.lower())
            if best:
                out.append(best[1])
                changed = True
            else:
                out.append(word)
        return " ".join(out) if changed else ""

    def suggest(self, prefix, language=None, limit=8):
        found = split_words(prefix)
        if not found:
            return []
        *head, last = [normalise(w) for w in found][-6:]
        clauses = [
            (Occur.Must, Query.term_query(self.schema, "title_words", word)) for word in head
        ]
        last_clauses = [
            (Occur.Should, Query.fuzzy_term_query(self.schema, "title_words", last, 0, True, True))
        ]
        if len(last) >= 5:
            fuzzy = Query.fuzzy_term_query(self.schema, "title_words", last, 1, True, True)
            last_clauses.append((Occur.Should, Query.boost_query(fuzzy, 0.5)))
        clauses.append((Occur.Must, Query.boolean_query(last_clauses)))
        if language:
            clauses.append((Occur.Must, Query.term_query(self.schema, "language", language)))
        searcher = self._searcher()
        result = searcher.search(Query.boolean_query(clauses), limit * 2, count=False)
        out, seen = [], set()
        for _score, address in result.hits:
            data = _load(searcher.doc(address), body=False)
            key = (data["title"], data["url"])
            if key in seen:
                continue
            seen.add(key)
            out.append(
                {"id": data["id"], "title": data["title"], "url": data["url"], "kind": data["kind"]}
            )
            if len(out) == limit:
                break
        return out

    def related(self, doc_id, limit=6):
        searcher = self._searcher()
        found = searcher.search(Query.term_query(self.schema, "id", doc_id), 1).hits
        if not found:
            return []
        data = _load(searcher.doc(found[0][1]))
        doc = SearchDocument.from_dict(data)
        should = []
        terms = {stem(w) for w in split_words(doc.title) if len(w) > 3}
        summary_terms = [stem(w) for w in split_words(doc.summary) if len(w) > 4][:25]
        for term in terms:
            should.append(
                (
                    Occur.Should,
                    Query.boost_query(Query.term_query(self.schema, "title_t", term), 2.0),
                )
            )
            should.append((Occur.Should, Query.term_query(self.schema, "body_t", term)))
        for term in set(summary_terms) - terms:
            should.append((Occur.Should, Query.term_query(self.schema, "summary_t", term)))
        for field, boost in (("themes", 3.0), ("pillars", 2.0), ("tags", 2.0), ("regions", 1.0)):
            values = getattr(doc, field)
            if values:
                tq = Query.term_set_query(self.schema, field, list(values))
                should.append((Occur.Should, Query.boost_query(tq, boost)))
        if not should:
            return []
        query = Query.boolean_query(
            [
                (Occur.Must, Query.boolean_query(should)),
                (Occur.Must, Query.term_query(self.schema, "language", doc.language)),
                (Occur.MustNot, Query.term_query(self.schema, "id", doc.id)),
            ]
        )
        result = searcher.search(query, limit)
        return [
            self._hit(_load(searcher.doc(address)), score, None) for score, address in result.hits
        ]
