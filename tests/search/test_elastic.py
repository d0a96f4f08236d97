"""The Elasticsearch engine without a server.

Only the HTTP transport is replaced (an elastic_transport node that records
requests and returns canned JSON); the client, elasticsearch-dsl and our
engine run for real, so these are the exact bodies a cluster would receive.
"""

import json

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, ConnectionError, HttpHeaders
from elastic_transport._node._base import NodeApiResponse

from search.documents import HubDocument
from search.engines.base import EngineError
from search.engines.elastic import ElasticsearchEngine, index_body, search_body, suggest_body
from search.query import SearchQuery
from tests.search.conftest import CORPUS


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


def search_reply(hits=(), total=0, aggs=None):
    return (
        200,
        {"hits": {"total": {"value": total}, "hits": list(hits)}, "aggregations": aggs or {}},
    )


class TestMapping:
    def test_language_subfields_use_the_builtin_analyzers(self):
        props = index_body()["mappings"]["properties"]
        for field in ("title", "summary", "body", "organisation"):
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

    def test_a_dead_cluster_raises_engine_error_and_reports_unhealthy(self, es):
        RecordingNode.down = True
        with pytest.raises(EngineError):
            es.search(SearchQuery(text="x"))
        assert es.healthy() is False
        with pytest.raises(EngineError):
            es.index_documents(CORPUS[:1])
