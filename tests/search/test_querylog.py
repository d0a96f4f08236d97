"""The query log: what the search page and API record, its bounds, and the editors' report."""

import datetime as dt

import pytest
from django.utils import timezone

from search import querylog
from search.models import QueryLogEntry, SynonymGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(search_index, site_tree):
    return site_tree


def test_search_page_and_api_count_normalised_queries_per_language(client, site):
    client.get("/en/search/?q=Circular++Economy")
    client.get("/en/search/?q=circular%20economy&page=2")  # paging is the same search
    client.get("/api/search/?q=CIRCULAR%20economy", HTTP_ACCEPT_LANGUAGE="en")
    client.get("/bg/search/?q=circular%20economy")
    client.get("/en/search/?q=")  # no text: nothing to count
    rows = {(row.language, row.query): row for row in QueryLogEntry.objects.all()}
    assert set(rows) == {("en", "circular economy"), ("bg", "circular economy")}
    english = rows["en", "circular economy"]
    assert (english.searches, english.zero_results, english.last_results) == (2, 2, 0)
    assert english.day == timezone.localdate()
    assert not [f.name for f in QueryLogEntry._meta.fields
                if f.name in {"user", "ip", "session", "created_at"}]


def test_hostile_strings_are_cleaned_and_cut(client, site):
    hostile = "<script>alert(1)</script>\x00\u202e" + "x" * 600
    client.get("/en/search/", {"q": hostile})
    row = QueryLogEntry.objects.get()
    assert len(row.query) <= querylog.MAX_QUERY_CHARS
    assert "\x00" not in row.query and "\u202e" not in row.query
    assert row.query.startswith("<script>alert(1)</script>")


def test_growth_is_bounded_by_age_and_by_distinct_queries(monkeypatch, settings):
    today = timezone.localdate()
    old = today - dt.timedelta(days=settings.SEARCH_QUERY_LOG_DAYS + 1)
    QueryLogEntry.objects.create(day=old, language="en", query="ancient", searches=3)
    monkeypatch.setattr(querylog, "MAX_QUERIES_PER_DAY", 2)
    for text in ("one", "two", "three", "four", "one"):
        querylog.record(text, "en", results=1, today=today)
    assert not QueryLogEntry.objects.filter(query="ancient").exists()
    counts = dict(QueryLogEntry.objects.values_list("query", "searches"))
    assert counts == {"one": 2, "two": 1, querylog.OTHER: 2}


def test_report_lists_top_and_zero_result_queries(admin_client):
    today = timezone.localdate()
    for text, results in [("textiles", 4), ("textiles", 4), ("textiles", 0), ("compost", 0),
                          ("<b>bold</b>", 2)]:
        querylog.record(text, "en", results=results, today=today)
    querylog.record("текстил", "bg", results=0, today=today)
    top = querylog.top_queries("en", today, today)
    assert [(r["query"], r["searches"], r["zero_results"]) for r in top] == [
        ("textiles", 3, 1), ("<b>bold</b>", 1, 0), ("compost", 1, 1)]
    zero = querylog.top_queries("en", today, today, zero_only=True)
    assert [r["query"] for r in zero] == ["compost", "textiles"]
    response = admin_client.get("/admin/search/queries/?language=en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "textiles" in html and "compost" in html and "текстил" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold</b>" not in html
    assert "текстил" in admin_client.get("/admin/search/queries/?language=bg").content.decode()
    bad = admin_client.get("/admin/search/queries/?language=xx&start=yesterday")
    assert bad.status_code == 200 and bad.content.decode().count('class="error-message"') == 2


def test_report_needs_the_permission(client, django_user_model):
    user = django_user_model.objects.create_user("plain", "plain@example.org", "pw-long-enough")
    client.force_login(user)
    assert client.get("/admin/search/queries/").status_code in (302, 403)


def test_editors_manage_synonym_groups_in_the_admin(admin_client):
    assert admin_client.get("/admin/search/synonyms/").status_code == 200
    response = admin_client.post("/admin/search/synonyms/new/",
                                 {"language": "bg", "terms": "самотна"})
    assert response.status_code == 200 and not SynonymGroup.objects.exists()
    admin_client.post("/admin/search/synonyms/new/", {
        "language": "bg", "terms": "кръгова икономика\nкръгова; circular", "note": ""})
    assert SynonymGroup.objects.get().terms == "кръгова икономика, кръгова, circular"
