"""The Elasticsearch engine without a server.

Only the HTTP transport is replaced (an elastic_transport node that records
requests and returns canned JSON); the client, elasticsearch-dsl and our
engine run for real, so these are the exact bodies a cluster would receive.
"""

import datetime as dt
import json

import pytest
from django.utils import timezone
from elastic_transport import ApiResponseMeta, BaseNode, ConnectionError, HttpHeaders
from elastic_transport._node._base import NodeApiResponse

from search.documents import HubDocument
from search.engines.base import EngineError, RequestRejected
from search.engines.breaker import CLOSED, OPEN
from search.engines.elastic import ElasticsearchEngine, index_body, search_body, suggest_body
from search.models import OutboxEntry
from search.query import SearchQuery
from search.sync import document_removed, process_outbox
from tests.search.conftest import CORPUS, make_doc


class RecordingNode(BaseNode):
    """Answers from ``replies`` (a list of (status, dict)) and records every request."""

    requests = []
    replies = []
    down = False

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        if RecordingNode.down:
            raise ConnectionError("connection refused")
        RecordingNode.requests.append(
            {
                "method": method,
                "target": target,
                "body": self._decode(body),
                "timeout": request_timeout,
            }
        )
        status, payload = RecordingNode.replies.pop(0) if RecordingNode.replies else (200, {})
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            duration=0.0,
            node=self.config,
            headers=HttpHeaders(
                {"x-elastic-product": "Elasticsearch", "content-type": "application/json"}
            ),
        )
        return NodeApiResponse(meta, json.dumps(payload).encode())

    @staticmethod
    def _decode(body):
        if not body:
            return None
        text = body.decode()
        if "\n" in text.strip():  # bulk: newline-delimited JSON
            return [json.loads(line) for line in text.splitlines() if line]
        return json.loads(text)


@pytest.fixture
def es():
    RecordingNode.requests = []
    RecordingNode.replies = []
    RecordingNode.down = False
    return ElasticsearchEngine("http://es.invalid:9200", "hub", timeout=2, node_class=RecordingNode)


def bulk_reply(*items):
    """A bulk answer as a cluster gives it: HTTP 200, and each item with its own status."""
    failed = any(not 200 <= next(iter(i.values()))["status"] < 300 for i in items)
    return (200, {"took": 3, "errors": failed, "items": list(items)})


def item(op, doc_id, status, error=None, result=None):
    body = {"_index": "hub-1", "_id": doc_id, "status": status}
    if error:
        body["error"] = {"type": error, "reason": f"{error} for {doc_id}"}
    if result:
        body["result"] = result
    return {op: body}


REJECTED = "es_rejected_execution_exception"  # 429: the write queue is full
READ_ONLY = "cluster_block_exception"  # the index is read-only (disk flood stage)
CONFLICT = "version_conflict_engine_exception"


def search_reply(hits=(), total=0, aggs=None):
    return (
        200,
        {"hits": {"total": {"value": total}, "hits": list(hits)}, "aggregations": aggs or {}},
    )


class TestMapping:
    def test_language_subfields_use_the_builtin_analyzers(self):
        props = index_body()["mappings"]["properties"]
        for field in ("title", "summary", "body", "organisation", "tag_text"):
            assert props[field]["analyzer"] == "folded"
            assert {code: sub["analyzer"] for code, sub in props[field]["fields"].items()} == {
                "bg": "bulgarian",
                "en": "english",
                "el": "greek",
            }

    def test_facets_are_keywords_dates_are_dates_and_suggest_is_search_as_you_type(self):
        props = index_body()["mappings"]["properties"]
        for field in (
            "kind",
            "language",
            "themes",
            "pillars",
            "regions",
            "countries",
            "tags",
            "status",
        ):
            assert props[field] == {"type": "keyword"}
        assert {props[f]["type"] for f in ("published", "deadline", "starts")} == {"date"}
        assert props["title_suggest"]["type"] == "search_as_you_type"

    def test_accent_folding_analyzer(self):
        analyzer = index_body()["settings"]["analysis"]["analyzer"]["folded"]
        assert analyzer["filter"] == ["lowercase", "asciifolding"]


class TestRequestBodies:
    def test_text_uses_multi_match_with_fuzziness_never_query_string(self):
        body = search_body(SearchQuery(text='recycle "old clothes" NEAR( *'))
        dumped = json.dumps(body)
        assert "query_string" not in dumped.replace("simple_query_string", "")
        must = body["query"]["function_score"]["query"]["bool"]["must"]
        assert must[0]["multi_match"]["query"] == "recycle NEAR"
        assert must[0]["multi_match"]["fuzziness"] == "AUTO"
        assert must[0]["multi_match"]["operator"] == "and"
        assert "title.bg^3" in must[0]["multi_match"]["fields"]
        assert "organisation^2" in must[0]["multi_match"]["fields"]
        # Tags are words too: a query for "photovoice" finds what is tagged with it.
        assert {"tag_text^2", "tag_text.en^2", "tag_text.bg^2"} <= set(
            must[0]["multi_match"]["fields"])
        assert must[1]["multi_match"] == {
            "query": "old clothes",
            "fields": must[0]["multi_match"]["fields"],
            "type": "phrase",
        }

    def test_freshness_is_a_function_score(self):
        fs = search_body(SearchQuery(text="x"))["query"]["function_score"]
        assert fs["functions"][0]["gauss"]["published"]["origin"] == "now"

    def test_facet_aggregations_ignore_their_own_selection(self):
        body = search_body(
            SearchQuery(text="x", filters={"kind": ("case", "call"), "language": ("en",)})
        )
        assert body["post_filter"] == {
            "bool": {
                "filter": [{"terms": {"kind": ["case", "call"]}}, {"terms": {"language": ["en"]}}]
            }
        }
        assert body["aggs"]["kind"]["filter"] == {
            "bool": {"filter": [{"terms": {"language": ["en"]}}]}
        }
        assert body["aggs"]["theme"]["aggs"]["values"]["terms"] == {"field": "themes", "size": 100}

    def test_sort_pagination_and_highlight(self):
        body = search_body(SearchQuery(text="x", sort="deadline", page=3, page_size=10))
        assert (body["from"], body["size"]) == (20, 10)
        assert body["sort"][0] == {"deadline": {"order": "asc", "missing": "_last"}}
        assert body["highlight"]["pre_tags"] == ["<mark>"]
        assert body["highlight"]["encoder"] == "html"

    def test_suggest_body(self):
        body = suggest_body("recyc", language="en", limit=8)
        assert body["size"] == 8
        assert body["query"]["bool"]["must"][0]["multi_match"]["type"] == "bool_prefix"
        assert body["query"]["bool"]["filter"] == [{"term": {"language": "en"}}]


class TestClient:
    def test_search_sends_the_body_with_a_short_timeout_and_shapes_the_answer(self, es):
        RecordingNode.replies = [
            search_reply(
                hits=[
                    {
                        "_id": "case:2",
                        "_score": 3.5,
                        "_source": {
                            "kind": "case",
                            "language": "en",
                            "title": "Recycling",
                            "url": "/en/r/",
                            "summary": "We recycle <b>",
                            "published": "2025-01-10",
                        },
                        "highlight": {"summary.en": ["We <mark>recycle</mark> &lt;b&gt;"]},
                    }
                ],
                total=1,
                aggs={
                    "kind": {
                        "doc_count": 1,
                        "values": {"buckets": [{"key": "case", "doc_count": 1}]},
                    }
                },
            )
        ]
        response = es.search(SearchQuery(text="recycle"))
        request = RecordingNode.requests[0]
        assert (request["method"], request["target"]) == ("POST", "/hub/_search")
        assert request["body"] == search_body(SearchQuery(text="recycle"))
        assert request["timeout"] == 2
        hit = response.results[0]
        assert (hit.id, hit.score, hit.highlight) == (
            "case:2",
            3.5,
            "We <mark>recycle</mark> &lt;b&gt;",
        )
        assert [(v.value, v.count) for v in response.facets["kind"]] == [("case", 1)]

    def test_bulk_index_writes_to_the_alias(self, es):
        RecordingNode.replies = [(200, {}), (200, {"errors": False, "items": []})]
        es.index_documents(CORPUS[:2])
        head, bulk = RecordingNode.requests
        assert head["target"] == "/_alias/hub"
        assert bulk["target"].startswith("/_bulk")
        assert bulk["body"][0] == {"index": {"_index": "hub", "_id": "case:1"}}
        assert bulk["body"][1] == HubDocument.from_search_document(CORPUS[0]).to_dict()
        assert bulk["body"][1]["title_suggest"] == CORPUS[0].title

    def test_tags_are_sent_as_text_beside_the_keywords(self, es):
        RecordingNode.replies = [(200, {}), (200, {"errors": False, "items": []})]
        es.index_documents([make_doc("case_study:cs-1", tags=["photovoice", "social-enterprise"])])
        source = RecordingNode.requests[-1]["body"][1]
        assert source["tags"] == ["photovoice", "social-enterprise"]
        assert source["tag_text"] == "photovoice social enterprise"

    def test_rebuild_creates_an_index_and_moves_the_alias(self, es):
        RecordingNode.replies = [
            (200, {"acknowledged": True}),  # create
            (200, {"errors": False, "items": []}),  # bulk
            (200, {}),  # refresh
            (200, {}),  # alias exists
            (200, {"hub-1": {"aliases": {"hub": {}}}}),  # get alias
            (200, {"acknowledged": True}),  # update aliases
            (200, {"acknowledged": True}),  # delete old
        ]
        assert es.rebuild(iter(CORPUS)) == len(CORPUS)
        create = RecordingNode.requests[0]
        assert create["method"] == "PUT" and create["target"].startswith("/hub-")
        assert create["body"]["mappings"] == index_body()["mappings"]
        new_index = create["target"].strip("/")
        actions = RecordingNode.requests[5]["body"]["actions"]
        assert actions == [
            {"remove": {"index": "hub-1", "alias": "hub"}},
            {"add": {"index": new_index, "alias": "hub"}},
        ]
        assert RecordingNode.requests[6]["target"].startswith("/hub-1")

    def test_a_refused_request_is_not_an_outage(self, es):
        RecordingNode.replies = [(400, {"error": {"type": "parsing_exception"}, "status": 400})]
        with pytest.raises(RequestRejected):
            es.breaker.call(es.search, SearchQuery(text="x"))
        assert es.breaker.state == CLOSED
        RecordingNode.replies = [(429, {"error": {"type": REJECTED}, "status": 429})]
        with pytest.raises(EngineError):
            es.breaker.call(es.search, SearchQuery(text="x"))
        assert es.breaker.state == OPEN

    def test_a_dead_cluster_raises_engine_error_and_reports_unhealthy(self, es):
        RecordingNode.down = True
        with pytest.raises(EngineError):
            es.search(SearchQuery(text="x"))
        assert es.healthy() is False
        with pytest.raises(EngineError):
            es.index_documents(CORPUS[:1])


class TestBulkItems:
    """``helpers.bulk(..., raise_on_error=False)`` answers per item: each one is checked."""

    def test_index_reports_exactly_the_rejected_items(self, es):
        RecordingNode.replies = [
            (200, {}),  # the alias exists
            bulk_reply(
                item("index", "case:1", 201, result="created"),
                item("index", "case:2", 429, REJECTED),
                item("index", "call:3", 409, CONFLICT),
            ),
        ]
        failures = es.index_documents(CORPUS[:3])
        assert set(failures) == {"case:2", "call:3"}
        assert REJECTED in failures["case:2"] and failures["case:2"].startswith("429")
        assert CONFLICT in failures["call:3"]

    def test_a_delete_answered_404_is_done_a_blocked_one_is_not(self, es):
        RecordingNode.replies = [
            bulk_reply(
                item("delete", "member:1", 404, result="not_found"),
                item("delete", "member:2", 429, READ_ONLY),
                item("delete", "member:3", 200, result="deleted"),
                item("delete", "member:4", 404, "index_not_found_exception"),
            )
        ]
        failures = es.delete_documents(["member:1", "member:2", "member:3", "member:4"])
        assert list(failures) == ["member:2"]
        assert READ_ONLY in failures["member:2"]
        assert es.breaker.state == CLOSED  # the cluster answered: a retry later, not an outage

    def test_a_rebuild_with_rejected_items_leaves_the_alias_alone(self, es):
        RecordingNode.replies = [
            (200, {"acknowledged": True}),  # create
            bulk_reply(item("index", "case:1", 201), item("index", "case:2", 429, REJECTED)),
            (200, {"acknowledged": True}),  # delete the unfinished index
        ]
        with pytest.raises(EngineError, match="rejected 1 of 2 documents"):
            es.rebuild(iter(CORPUS[:2]))
        methods = [(r["method"], r["target"].split("?")[0]) for r in RecordingNode.requests]
        new_index = methods[0][1]
        assert methods[-1] == ("DELETE", new_index)
        assert not any("_aliases" in target for _method, target in methods)


@pytest.mark.django_db
class TestOutbox:
    """The outbox drops the rows the cluster confirmed and keeps exactly the others."""

    def test_rejected_deletions_stay_pending_until_confirmed(self, es):
        for doc_id in ("member:1", "member:2", "member:3"):
            document_removed(doc_id)
        RecordingNode.replies = [
            bulk_reply(
                item("delete", "member:1", 404, result="not_found"),
                item("delete", "member:2", 429, READ_ONLY),
                item("delete", "member:3", 200, result="deleted"),
            )
        ]
        assert process_outbox(engine=es) == (0, 2, 1)
        row = OutboxEntry.objects.get()
        assert (row.doc_id, row.action, row.attempts) == ("member:2", "delete", 1)
        assert READ_ONLY in row.last_error
        assert row.next_attempt_at > timezone.now()

        later = timezone.now() + dt.timedelta(minutes=5)
        RecordingNode.replies = [bulk_reply(item("delete", "member:2", 200, result="deleted"))]
        assert process_outbox(engine=es, now=later) == (0, 1, 0)
        assert not OutboxEntry.objects.exists()
        assert RecordingNode.requests[-1]["body"] == {"delete": {"_index": "hub", "_id": "member:2"}}

    def test_rejected_index_items_stay_and_the_rest_go(self, es, search_index, site_tree):
        from tests.factories import make_page

        pages = [make_page(site_tree["en"], title=f"Page {n}") for n in range(3)]
        ids = [f"page:page-{page.pk}" for page in pages]
        RecordingNode.replies = [
            (200, {}),
            bulk_reply(
                item("index", ids[0], 201), item("index", ids[1], 429, REJECTED),
                item("index", ids[2], 409, CONFLICT),
            ),
        ]
        assert process_outbox(engine=es) == (1, 0, 2)
        rows = {row.doc_id: row for row in OutboxEntry.objects.all()}
        assert set(rows) == {ids[1], ids[2]}
        assert REJECTED in rows[ids[1]].last_error and CONFLICT in rows[ids[2]].last_error
        assert {row.action for row in rows.values()} == {"index"}
