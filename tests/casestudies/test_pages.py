"""Case-study and tool pages: detail, related content, index filters and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from casestudies.models import CaseStudyPage, ToolPage
from tests.importing.builders import case_study, import_records, policy, tool
from website.curated.related import bump_content_version

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_detail_shows_facts_impact_checklist_and_badges(sections, client):
    import_records(case_study(challenge="Textile waste.", solution="Sorting hub."))
    html = get(client, "/en/case-studies/cs-1/")
    assert "<h1>Textile reuse hub</h1>" in html
    assert "About 120 tonnes of textiles kept out of landfill." in html  # the narrative
    assert "<dt>tonnes of waste diverted</dt><dd>120\u00a0t</dd>" in html  # and the figures
    assert "Stage:" in html and "Pilot" in html  # a text badge, not colour alone
    assert "new-to-context (en)" in html and "meets-social-need (en)" in html
    assert html.count('class="met"') == 1 and html.count('class="not-met"') == 1
    assert "Challenge" in html and "Sorting hub." in html
    assert "Circular economy" in html and "reuse" in html


def test_related_content_puts_explicit_links_first_and_only_live_public(sections, client):
    import_records(
        case_study(related=["policy:pol-1"], tags=["shared-tag"]),
        tool(id="t-theme", themes=["circular-economy"], title="Shares a theme"),
        tool(id="t-draft", themes=["circular-economy"], title="Draft tool"),
        tool(id="t-private", themes=["circular-economy"], title="Private tool"),
        policy(themes=["labour-market"], title="Explicitly linked policy"),
    )
    ToolPage.objects.get(import_id="t-draft").unpublish()
    private = ToolPage.objects.get(import_id="t-private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = get(client, "/en/case-studies/cs-1/")
    related = html[html.index('id="related-heading"'):]
    assert related.index("Explicitly linked policy") < related.index("Shares a theme")
    assert "Draft tool" not in related and "Private tool" not in related
    # The link shows from the other side too.
    assert "Textile reuse hub" in get(client, "/en/policies/pol-1/")


def test_index_filters_or_within_and_across_facets(
        sections, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the search index syncs on commit
        import_records(
            case_study(id="a", title="Alpha", themes=["circular-economy"], pillars=["textiles"]),
            case_study(id="b", title="Bravo", themes=["labour-market"], pillars=["textiles"]),
            case_study(id="c", title="Charlie", themes=["labour-market"], pillars=["agri"]),
            case_study(id="d", title="Delta", themes=["circular-economy", "labour-market"],
                       pillars=["agri"], stage="idea", year=2019),
        )
    html = get(client, "/en/case-studies/?theme=circular-economy&theme=labour-market"
                       "&pillar=agri&sort=title")
    assert "Charlie" in html and "Delta" in html
    assert "Alpha" not in html and "Bravo" not in html
    assert html.index("Charlie") < html.index("Delta")
    assert "Delta" not in get(client, "/en/case-studies/?stage=pilot")
    html = get(client, "/en/case-studies/?year=2019&year=not-a-year")
    assert "Delta" in html and "Alpha" not in html
    html = get(client, "/en/case-studies/?q=bravo")
    assert "Bravo" in html and "Alpha" not in html
    assert 'name="theme" value="circular-economy" checked' in get(
        client, "/en/case-studies/?theme=circular-economy")


def test_index_paginates_and_hides_drafts_and_private_pages(sections, client):
    import_records(*[tool(id=f"t{n:02}", title=f"Tool number {n:02}") for n in range(22)])
    ToolPage.objects.get(import_id="t00").unpublish()
    first = get(client, "/en/tools/?sort=title")  # twenty to a page
    assert "21 tools" in first and "Tool number 20" in first and "Tool number 21" not in first
    assert "Tool number 00" not in first
    assert "Tool number 21" in get(client, "/en/tools/?sort=title&page=2")
    get(client, "/en/tools/?page=999")  # out of range falls back, never a 500


def test_cached_listing_follows_publishing_and_privacy_at_once(sections, client):
    """Counts and ids of a listing are cached, but any publish, unpublish or privacy change
    starts a new generation: nobody sees a stale list."""
    import_records(tool(id="t-a", title="Tool Alpha"))
    url = "/en/tools/?sort=title"
    assert "1 tool" in get(client, url)
    import_records(tool(id="t-b", title="Tool Bravo"))
    html = get(client, url)
    assert "2 tools" in html and "Tool Bravo" in html
    ToolPage.objects.get(import_id="t-a").unpublish()
    html = get(client, url)
    assert "1 tool" in html and "Tool Alpha" not in html
    PageViewRestriction.objects.create(
        page=ToolPage.objects.get(import_id="t-b"), restriction_type="login")
    html = get(client, url)
    assert "Tool Bravo" not in html and "Nothing has been published here yet." in html


@pytest.mark.parametrize("url", ["/en/case-studies/?theme=circular-economy&pillar=textiles",
                                 "/en/case-studies/cs-5/"])
def test_query_count_does_not_grow_with_the_number_of_items(sections, client, url):
    def count(n_items):
        import_records(*[case_study(id=f"cs-{n}", title=f"Case {n}") for n in range(n_items)])
        get(client, url)  # fills process-wide caches (content types, site root paths)
        bump_content_version()  # ...but our related-content and facet caches start cold
        with CaptureQueriesContext(connection) as cold:
            get(client, url)
        with CaptureQueriesContext(connection) as warm:
            get(client, url)
        return len(cold), len(warm)

    small = count(6)
    large = count(30)
    assert small == large
    # The ceiling. The first view after a publish also rebuilds the shared
    # caches (chrome, related content, facet options): more queries, but as constant.
    assert large[1] <= 10


def test_feeds_list_only_live_public_items_in_the_language(sections, client):
    import_records(
        case_study(), case_study(id="cs-draft", title="Draft case"),
        case_study(id="cs-bg", language="bg", title="Български случай"),
        tool(), tool(id="t-private", title="Private tool"),
    )
    CaseStudyPage.objects.get(import_id="cs-draft").unpublish()
    PageViewRestriction.objects.create(
        page=ToolPage.objects.get(import_id="t-private"), restriction_type="login")
    rss = get(client, "/en/feeds/case-studies/rss/")
    assert "Textile reuse hub" in rss and "Draft case" not in rss
    assert "Български случай" not in rss
    assert "Български случай" in get(client, "/bg/feeds/case-studies/atom/")
    tools = get(client, "/en/feeds/tools/atom/")
    assert "SROI guide" in tools and "Private tool" not in tools


def test_api_lists_only_live_public_pages_of_the_type(sections, client):
    import_records(case_study(), case_study(id="cs-draft", title="Draft case"), tool())
    CaseStudyPage.objects.get(import_id="cs-draft").unpublish()
    data = client.get("/api/v2/case-studies/?fields=themes,year").json()
    assert [item["title"] for item in data["items"]] == ["Textile reuse hub"]
    assert data["items"][0]["themes"] == ["circular-economy"]
    assert client.get("/api/v2/case-studies/?type=casestudies.ToolPage").status_code == 400
    detail = client.get(f"/api/v2/case-studies/{CaseStudyPage.objects.get(import_id='cs-1').pk}/")
    assert detail.json()["impact_indicators"][0]["unit"] == "t"
    draft_pk = CaseStudyPage.objects.get(import_id="cs-draft").pk
    # Not found (Django's locale middleware then redirects to a page path that 404s too).
    assert client.get(f"/api/v2/case-studies/{draft_pk}/").status_code in (302, 404)


def test_cached_listing_reads_the_database_once_unless_told_not_to_cache():
    from django.contrib.contenttypes.models import ContentType

    from website.curated.listing import CachedListing

    builds = []
    expected = list(ContentType.objects.order_by("pk").values_list("pk", flat=True)[:2])

    def build():
        builds.append(1)
        return ContentType.objects.order_by("pk")

    def listing(key, **options):
        return CachedListing(build, key, fetch=list, **options)

    total = ContentType.objects.count()
    for _ in range(2):
        cached = listing("test:listing:cached")
        assert (cached.count(), cached[0:2]) == (total, expected)
    assert len(builds) == 1  # the second listing came from the cache
    for _ in range(2):
        uncached = listing("test:listing:text", timeout=0)
        assert (uncached.count(), uncached[0:2]) == (total, expected)
    assert len(builds) == 3
