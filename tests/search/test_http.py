"""The JSON API and the search page over HTTP: shape, clamping, hostile input, fallback."""

import re

import pytest
from django.urls import reverse

from search.sync import process_outbox
from tests.factories import make_page

pytestmark = pytest.mark.django_db

API = "/api/search/"
SUGGEST = "/api/search/suggest/"


@pytest.fixture
def content(search_index, site_tree):
    pages = [
        make_page(
            site_tree["en"],
            title="Recycling textiles",
            intro="Old clothes become <new> fibre & yarn.",
        ),
        make_page(site_tree["en"], title="Recycled packaging", intro="Plastics sorted by hand."),
        make_page(
            site_tree["bg"], title="Отпадъците като ресурс", intro="Кръговата икономика в България."
        ),
        make_page(site_tree["el"], title="Κυκλική οικονομία", intro="Ανακύκλωση στην Ελλάδα."),
    ]
    process_outbox()
    return pages


def test_api_shape(client, content):
    data = client.get(API, {"q": "recycle"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert set(data) >= {"query", "total", "page", "page_size", "results", "facets", "suggestion"}
    assert (data["query"], data["total"], data["page"], data["page_size"]) == ("recycle", 2, 1, 20)
    assert set(data["results"][0]) >= {
        "id",
        "kind",
        "title",
        "url",
        "language",
        "summary",
        "highlight",
        "score",
    }
    assert set(data["facets"]) >= {
        "kind",
        "theme",
        "pillar",
        "region",
        "country",
        "language",
        "status",
    }
    assert data["facets"]["kind"] == [{"value": "page", "label": "Page", "count": 2}]
    highlight = next(r for r in data["results"] if r["title"] == "Recycling textiles")["highlight"]
    assert highlight == "Old clothes become &lt;new&gt; fibre &amp; yarn."


def test_highlight_and_repeat_parameters_for_or(client, content):
    data = client.get(API, {"q": "икономиката", "language": ["bg", "el"]}).json()
    assert [r["title"] for r in data["results"]] == ["Отпадъците като ресурс"]
    assert "<mark>Кръговата</mark>" not in data["results"][0]["highlight"]
    assert "<mark>икономика</mark>" in data["results"][0]["highlight"]
    counts = {v["value"]: v["count"] for v in data["facets"]["language"]}
    assert counts == {"bg": 1, "el": 0}  # a selected value stays listed, to be unticked


def test_did_you_mean(client, content):
    data = client.get(API, {"q": "textilez recyclinng"}).json()
    assert data["total"] >= 1 or data["suggestion"]


def test_suggest(client, content):
    data = client.get(SUGGEST, {"q": "recyc"}).json()
    assert {s["title"] for s in data["suggestions"]} == {"Recycling textiles", "Recycled packaging"}
    assert set(data["suggestions"][0]) == {"title", "url", "kind", "label"}
    # The kind's name for people, in the request's language, beside the import type value.
    greek = client.get(SUGGEST, {"q": "recyc"}, HTTP_ACCEPT_LANGUAGE="el").json()["suggestions"]
    assert {(s["kind"], s["label"]) for s in greek} == {("page", "Σελίδα")}
    assert client.get(SUGGEST, {"q": "recyc", "language": "bg"}).json() == {"suggestions": []}
    assert client.get(SUGGEST, {"q": "recyc", "language": "xx"}).status_code == 400


HOSTILE = [
    '"',
    '"unclosed',
    "NEAR(",
    "*",
    "^",
    "AND OR",
    "a\x00b",
    "\x00",
    "x" * 10_000,
    "кръг κύκλος circle",
    "\u200fשלום\u200e\u202e",
    "title:recycle",
    "((()))",
    "~",
    "\\",
    "%",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "🙂" * 50,
    "\ud7ff",
    " ",
]


def test_hostile_text_is_answered(client, content):
    for q in HOSTILE:
        response = client.get(API, {"q": q})
        assert response.status_code == 200, (q, response.content[:200])
        assert len(response.json()["query"]) <= 500
        for params in ({"q": q}, {"q": q, "page": "-1", "page_size": str(10**9)}):
            page = client.get("/en/search/", params)
            assert page.status_code == 200, q
            assert b"<script>alert(1)</script>" not in page.content
        assert client.get(SUGGEST, {"q": q}).status_code == 200, q


def test_long_queries_are_cut_with_a_note(client, content):
    data = client.get(API, {"q": "recycle " * 200}).json()
    assert len(data["query"]) == 500
    assert any("500" in note for note in data["notes"])


@pytest.mark.parametrize(
    ("params", "expected_page", "expected_size"),
    [
        ({"page": "-1"}, 1, 20),
        ({"page": "0"}, 1, 20),
        ({"page_size": str(10**9)}, 1, 50),
        ({"page_size": "-5"}, 1, 1),
        ({"page": str(10**12), "page_size": "50"}, 200, 50),
    ],
)
def test_out_of_range_numbers_are_clamped(client, content, params, expected_page, expected_size):
    data = client.get(API, params).json()
    assert (data["page"], data["page_size"]) == (expected_page, expected_size)


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page_size": "1e3"},
        {"sort": "random"},
        {"kind": "no-such-kind"},
        {"language": "xx"},
        {"theme": "bad value!"},
        {"year": "last"},
    ],
)
def test_bad_parameters_get_400_with_a_message(client, content, params):
    response = client.get(API, params)
    assert response.status_code == 400
    assert response.json()["error"]
    assert client.get("/en/search/", params).status_code == 400


def test_unknown_but_wellformed_facet_value_gives_no_results(client, content):
    data = client.get(API, {"theme": "not-a-theme"}).json()
    assert data["total"] == 0
    assert data["facets"]["theme"] == [{"value": "not-a-theme", "label": "not-a-theme", "count": 0}]


def test_page_without_javascript(client, content):
    response = client.get(
        reverse("search:search"), {"q": "recycle", "kind": "page"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Recycling textiles" in html
    assert 'name="kind" value="page" checked' in html
    assert 'src="/static/search/search.js"' in html
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    # Structured data (JSON-LD) names the canonical SITE_URL, as schema.org asks; the
    # links a visitor follows stay on the host they came by.
    main = re.sub(r'<script type="application/ld\+json">.*?</script>', "", main, flags=re.S)
    assert "http://" not in main.replace("http://testserver", "")


def test_zero_results_show_recent_items(client, content):
    html = client.get("/en/search/", {"q": "zzzzqqq"}).content.decode()
    assert "Recently added" in html or "Наскоро" in html


def test_elasticsearch_down_falls_back_to_the_database(client, content, settings, site_tree):
    from search.engines import reset_engines
    from search.models import OutboxEntry

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    reset_engines()
    try:
        # Publishing still works: the update waits in the outbox.
        page = make_page(site_tree["en"], title="Recycling during an outage")
        assert process_outbox() == (0, 0, 1)
        assert OutboxEntry.objects.filter(doc_id=f"page:page-{page.pk}", attempts=1).exists()
        data = client.get(API, {"q": "recycling"}).json()
        assert data["limited"] is True
        assert "Recycling textiles" in [r["title"] for r in data["results"]]
        html = client.get("/en/search/", {"q": "recycling"}).content.decode()
        assert "temporarily limited" in html
    finally:
        reset_engines()


def test_taxonomy_facets_are_labelled_in_the_interface_language(client, search_index, site_tree):
    from django.core.cache import cache
    from wagtail.models import Locale

    from website.models import ThematicPriority

    cache.clear()
    source = ThematicPriority.objects.create(
        name="Кръгова икономика", slug="circular", locale=Locale.objects.get(language_code="bg"))
    english = source.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name = "Circular economy"
    english.save()
    data = client.get(API, {"theme": "circular"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["facets"]["theme"] == [{"value": "circular", "label": "Circular economy", "count": 0}]
    data = client.get(API, {"theme": "circular"}, HTTP_ACCEPT_LANGUAGE="el").json()
    assert data["facets"]["theme"][0]["label"] == "Кръгова икономика"
