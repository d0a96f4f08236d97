"""The Elasticsearch engine (ELASTICSEARCH_URL set): same query object, same result shape.

Request bodies are built by pure functions (``search_body``, ``suggest_body``,
``related_body``, ``index_body``) so they can be checked without a server.
Text goes through ``multi_match`` with ``fuzziness: AUTO`` on the accent-folded
main fields and the per-language sub-fields (bulgarian, english, greek
analyzers); quoted phrases become ``type: phrase``; a synonym clause is a ``bool`` of
``should`` alternatives, one of which must match; raw ``query_string`` is
never used, so no input reaches Lucene syntax. Facets are terms aggregations,
each ignoring its own selection; freshness is a gentle ``function_score``.
Writes go to an alias; a rebuild fills a new index and moves the alias.

Bulk writes report each item: a rejected item (429 ``es_rejected_execution_exception``,
a read-only ``cluster_block_exception``, a version conflict...) is returned to
the outbox, which keeps exactly that update pending; a delete answered 404 is
done (the document is already gone). Health is the breaker's business
(``breaker.py``): failures raise ``EngineError``, and a request the cluster
refused on its merits (a 4xx) raises ``RequestRejected``, which leaves the
breaker closed.
"""

import logging
import time
from contextlib import contextmanager

from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers
from elasticsearch_dsl import Index

from search.documents import HubDocument, SearchDocument
from search.highlight import Matcher, highlight
from search.query import FACET_FIELDS, FACET_SIZE, FILTER_FIELDS, FacetValue, Hit, SearchResponse

from .base import EngineError, RequestRejected, SearchEngine

logger = logging.getLogger(__name__)

LANGS = ("bg", "en", "el")
TEXT_FIELDS = {"title": 3.0, "organisation": 2.0, "tag_text": 2.0, "summary": 1.5, "body": 1.0}
# 4xx answers that say the cluster is in trouble rather than that the request was wrong.
TROUBLE_STATUSES = {408, 429}
# The breaker's ping before it lets requests through again: a cluster that is up answers it
# in milliseconds, and one that is still silent costs the probing visitor no more than this.
PROBE_TIMEOUT = 0.5


def text_fields():
    fields = []
    for name, boost in TEXT_FIELDS.items():
        for sub in ("", *(f".{code}" for code in LANGS)):
            fields.append(f"{name}{sub}^{boost:g}")
    return fields


def filter_clauses(filters):
    clauses = []
    for name, values in sorted(filters.items()):
        field = FILTER_FIELDS[name]
        if field == "year":
            values = [int(v) for v in values if str(v).isdigit()]
        clauses.append({"terms": {field: list(values)}})
    return clauses


def words_clause(words):
    return {
        "multi_match": {
            "query": " ".join(words),
            "fields": text_fields(),
            "type": "best_fields",
            "operator": "and",
            "fuzziness": "AUTO",
            "prefix_length": 1,
        }
    }


def phrase_clause(phrase):
    return {"multi_match": {"query": " ".join(phrase), "fields": text_fields(), "type": "phrase"}}


def text_query(parsed):
    must = []
    if parsed.words:
        must.append(words_clause(parsed.words))
    for phrase in parsed.phrases:
        must.append(phrase_clause(phrase))
    # A synonym clause: any one of its terms, a term of several words as a phrase.
    for clause in parsed.alternatives:
        should = [words_clause(term) if len(term) == 1 else phrase_clause(term)
                  for term in clause]
        must.append({"bool": {"should": should, "minimum_should_match": 1}})
    return {"bool": {"must": must}} if must else {"match_all": {}}


def search_body(query):
    parsed = query.parsed
    body = {
        "from": query.offset,
        "size": query.page_size,
        "track_total_hits": True,
        "query": {
            "function_score": {
                "query": text_query(parsed),
                # Newer items rank a little higher; relevance still dominates.
                "functions": [
                    {
                        "gauss": {"published": {"origin": "now", "scale": "730d", "decay": 0.7}},
                        "weight": 1,
                    }
                ],
                "score_mode": "sum",
                "boost_mode": "multiply",
                "min_score": 0,
            }
        },
        "post_filter": {"bool": {"filter": filter_clauses(query.filters)}},
        "_source": {"excludes": ["body", "title_suggest", "tag_text"]},
    }
    if query.sort == "newest" or (query.sort == "relevance" and parsed.empty):
        body["sort"] = [{"published": {"order": "desc", "missing": "_last"}}, "_score"]
    elif query.sort == "deadline":
        body["sort"] = [{"deadline": {"order": "asc", "missing": "_last"}}, "_score"]
    if query.highlight and not parsed.empty:
        body["highlight"] = {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "fields": {
                "summary*": {"number_of_fragments": 0},
                "body*": {"fragment_size": 200, "number_of_fragments": 1},
            },
        }
    if query.facets:
        body["aggs"] = {
            name: {
                "filter": {"bool": {"filter": filter_clauses(query.without(name))}},
                "aggs": {"values": {"terms": {"field": field, "size": FACET_SIZE}}},
            }
            for name, field in FACET_FIELDS.items()
        }
    if not parsed.empty and parsed.words:
        body["suggest"] = {
            "did_you_mean": {
                "text": " ".join(parsed.words),
                "phrase": {
                    "field": "title",
                    "size": 1,
                    "gram_size": 1,
                    "direct_generator": [{"field": "title", "suggest_mode": "always"}],
                },
            }
        }
    return body


def suggest_body(prefix, language=None, limit=8):
    filters = [{"term": {"language": language}}] if language else []
    return {
        "size": limit,
        "_source": ["title", "url", "kind"],
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": prefix,
                            "type": "bool_prefix",
                            "fields": [
                                "title_suggest",
                                "title_suggest._2gram",
                                "title_suggest._3gram",
                            ],
                        }
                    }
                ],
                "filter": filters,
            }
        },
    }


def related_body(index, doc_id, language, limit=6):
    return {
        "size": limit,
        "_source": {"excludes": ["body", "title_suggest", "tag_text"]},
        "query": {
            "bool": {
                "must": [
                    {
                        "more_like_this": {
                            "fields": ["title", "summary", "body", "themes", "pillars", "tags"],
                            "like": [{"_index": index, "_id": doc_id}],
                            "min_term_freq": 1,
                            "min_doc_freq": 1,
                            "max_query_terms": 30,
                        }
                    }
                ],
                "filter": [{"term": {"language": language}}],
            }
        },
    }


def index_body():
    """Settings and mappings of a new index (the analyzers come from HubDocument)."""
    index = Index("template")
    index.document(HubDocument)
    index.settings(number_of_shards=1, number_of_replicas=0)
    return index.to_dict()


def item_failures(items):
    """``{doc id: error}`` of the bulk result items that did not succeed.

    ``items`` are the per-item results ``helpers.bulk(..., raise_on_error=False)``
    returns for the items that were not 2xx. A delete answered 404 (no such
    document, or no index at all) succeeded: the document is not there.
    """
    failures = {}
    for item in items:
        ((op_type, result),) = item.items()
        status = result.get("status", 500)
        if op_type == "delete" and status == 404:
            continue
        error = result.get("error") or result.get("result") or "unknown error"
        if isinstance(error, dict):
            error = f"{error.get('type', 'error')}: {error.get('reason', '')}"
        failures[result.get("_id", "")] = f"{status} {error}"[:500]
    return failures


@contextmanager
def translated_errors(what):
    """Client errors as ``EngineError`` (or ``RequestRejected`` for a plain 4xx); 404 passes."""
    try:
        yield
    except NotFoundError:
        raise
    except ApiError as exc:
        status = exc.status_code
        if 400 <= status < 500 and status not in TROUBLE_STATUSES:
            raise RequestRejected(f"Elasticsearch refused {what}: {exc}") from exc
        raise EngineError(f"Elasticsearch {what} failed: {exc}") from exc
    except EngineError:
        raise
    except Exception as exc:  # transport errors: refused, timed out, reset...
        raise EngineError(f"Elasticsearch {what} failed: {type(exc).__name__}: {exc}") from exc


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, url, alias, timeout=2.0, **client_options):
        super().__init__()
        self.alias = alias
        self.timeout = timeout
        self.client = Elasticsearch(
            url, request_timeout=timeout, retry_on_timeout=False, max_retries=0, **client_options
        )

    def healthy(self, timeout=None):
        client = self.client if timeout is None else self.client.options(request_timeout=timeout)
        try:
            return bool(client.ping())
        except Exception:  # noqa: BLE001 - any transport problem means "down"
            return False

    def probe(self):
        return self.healthy(timeout=min(PROBE_TIMEOUT, self.timeout))

    def _call(self, method, **kwargs):
        with translated_errors(method):
            return getattr(self.client, method)(**kwargs)

    # Writing -----------------------------------------------------------------

    def _new_index_name(self):
        return f"{self.alias}-{time.time_ns()}"

    def ensure_index(self):
        with translated_errors("ensure_index"):
            if self.client.indices.exists_alias(name=self.alias):
                return
            name = self._new_index_name()
            self.client.indices.create(index=name, **index_body())
            self.client.indices.put_alias(index=name, name=self.alias)

    def _actions(self, documents, index):
        for doc in documents:
            es_doc = HubDocument.from_search_document(doc)
            yield {"_op_type": "index", "_index": index, "_id": doc.id, "_source": es_doc.to_dict()}

    def _bulk(self, what, actions):
        """Send ``actions``; ``{doc id: error}`` of the items the cluster did not confirm."""
        with translated_errors(what):
            _ok, errors = helpers.bulk(
                self.client, actions, refresh="wait_for", raise_on_error=False
            )
        return item_failures(errors)

    def index_documents(self, documents):
        documents = list(documents)
        if not documents:
            return {}
        self.ensure_index()
        return self._bulk("bulk index", self._actions(documents, self.alias))

    def delete_documents(self, doc_ids):
        doc_ids = list(doc_ids)
        if not doc_ids:
            return {}
        actions = (
            {"_op_type": "delete", "_index": self.alias, "_id": doc_id} for doc_id in doc_ids
        )
        return self._bulk("bulk delete", actions)

    def rebuild_lock(self):
        from search.locks import lease

        return lease(f"search-rebuild:{self.alias}", f"A rebuild of the index {self.alias!r}")

    def rebuild(self, documents, progress=None):
        name = self._new_index_name()
        with translated_errors("rebuild"):
            self.client.indices.create(index=name, **index_body())
        count = 0

        def counted():
            nonlocal count
            for action in self._actions(documents, name):
                count += 1
                if progress:
                    progress(1)
                yield action

        try:
            with translated_errors("rebuild"):
                _ok, errors = helpers.bulk(
                    self.client, counted(), chunk_size=1000, raise_on_error=False
                )
                failures = item_failures(errors)
                if failures:
                    first = next(iter(failures.items()))
                    raise EngineError(
                        f"Elasticsearch rejected {len(failures)} of {count} documents "
                        f"(first: {first[0]}: {first[1]}); the live index is unchanged."
                    )
                self.client.indices.refresh(index=name)
                old = []
                if self.client.indices.exists_alias(name=self.alias):
                    old = list(self.client.indices.get_alias(name=self.alias).keys())
                actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
                actions.append({"add": {"index": name, "alias": self.alias}})
                self.client.indices.update_aliases(actions=actions)
        except BaseException:
            # The half-built index goes; the alias still names the old one.
            try:
                self.client.indices.delete(index=name, ignore_unavailable=True)
            except Exception:  # noqa: BLE001 - the original error matters more
                logger.warning("search: could not remove the unfinished index %s", name)
            raise
        for index in old:
            try:
                self.client.indices.delete(index=index, ignore_unavailable=True)
            except Exception:  # noqa: BLE001 - the new index is live; an old one lingers
                logger.warning("search: could not remove the old index %s", index)
        return count

    def count(self):
        try:
            return self._call("count", index=self.alias)["count"]
        except NotFoundError:
            return 0

    # Reading -----------------------------------------------------------------

    def search(self, query):
        try:
            raw = self._call("search", index=self.alias, **search_body(query))
        except NotFoundError:
            return SearchResponse(
                query=query, total=0, results=[], facets={}, notes=list(query.notes)
            )
        matcher = Matcher(query.parsed) if query.highlight else None
        sorted_by_field = "sort" in search_body(query)
        hits = [self._hit(item, matcher, sorted_by_field) for item in raw["hits"]["hits"]]
        facets = {}
        for name in FACET_FIELDS:
            selected = set(query.filters.get(name, ()))
            buckets = raw.get("aggregations", {}).get(name, {}).get("values", {}).get("buckets", [])
            facets[name] = (
                [
                    FacetValue(
                        str(b["key"]), int(b["doc_count"]), selected=str(b["key"]) in selected
                    )
                    for b in buckets
                ]
                if query.facets
                else []
            )
        suggestion = ""
        if raw["hits"]["total"]["value"] == 0:
            options = raw.get("suggest", {}).get("did_you_mean", [{}])[0].get("options", [])
            suggestion = options[0]["text"] if options else ""
        return SearchResponse(
            query=query,
            total=raw["hits"]["total"]["value"],
            results=hits,
            facets=facets if query.facets else {},
            suggestion=suggestion,
            notes=list(query.notes),
        )

    @staticmethod
    def _hit(item, matcher, sorted_by_field=False):
        source = dict(item["_source"])
        source["id"] = item["_id"]
        source.setdefault("body", "")
        source.pop("title_suggest", None)
        doc = SearchDocument.from_dict(source)
        fragments = item.get("highlight", {})
        marked = next((v[0] for k, v in sorted(fragments.items()) if k.startswith("summary")), None)
        marked = marked or next(
            (v[0] for k, v in sorted(fragments.items()) if k.startswith("body")), None
        )
        snippet = marked or highlight(doc.summary, matcher)
        return Hit.from_document(
            doc, snippet, 0.0 if sorted_by_field else item.get("_score") or 0.0
        )

    def search_ids(self, query, limit=1000):
        body = {
            "size": limit,
            "_source": ["object_pk"],
            "query": search_body(query)["query"],
            "post_filter": {"bool": {"filter": filter_clauses(query.filters)}},
        }
        try:
            raw = self._call("search", index=self.alias, **body)
        except NotFoundError:
            return []
        return [(item["_id"], item["_source"].get("object_pk", "")) for item in raw["hits"]["hits"]]

    def suggest(self, prefix, language=None, limit=8):
        if not prefix.strip():
            return []
        try:
            raw = self._call("search", index=self.alias, **suggest_body(prefix, language, limit))
        except NotFoundError:
            return []
        return [
            {
                "id": h["_id"],
                "title": h["_source"]["title"],
                "url": h["_source"]["url"],
                "kind": h["_source"]["kind"],
            }
            for h in raw["hits"]["hits"]
        ]

    def related(self, doc_id, limit=6):
        try:
            doc = self._call("get", index=self.alias, id=doc_id, source_includes=["language"])
        except NotFoundError:
            return []
        body = related_body(self.alias, doc_id, doc["_source"]["language"], limit)
        raw = self._call("search", index=self.alias, **body)
        return [self._hit(item, None) for item in raw["hits"]["hits"]]
