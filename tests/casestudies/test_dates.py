"""One date per item: its own (the import's ``published``), else its first publication here.

The index card, the page, the RSS and Atom items, the search page and API and
API v2 all show the same day, although the item was imported (first published
on this site) today.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone

from casestudies.models import CaseStudyPage
from search.sync import process_outbox
from tests.importing.builders import case_study, import_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(sections):
    import_records(
        case_study(id="cs-dated", title="Dated practice", published="2025-03-12"),
        case_study(id="cs-undated", title="Undated practice", published=""),
    )
    process_outbox()
    return CaseStudyPage.objects.get(import_id="cs-dated")


def test_every_view_of_an_item_shows_its_own_date(client, imported):
    assert imported.first_published_at.date() != dt.date(2025, 3, 12)
    day = '<time datetime="2025-03-12">'

    index = client.get("/en/case-studies/").content.decode()
    card = index[index.index("Dated practice") - 300:index.index("Dated practice") + 600]
    assert day in card

    assert day in client.get(imported.url).content.decode()

    rss = client.get("/en/feeds/case-studies/rss/").content.decode()
    item = rss[rss.index("<title>Dated practice"):]
    assert re.search(r"<pubDate>Wed, 12 Mar 2025 00:00:00 \+0200</pubDate>", item[:1500])

    atom = client.get("/en/feeds/case-studies/atom/").content.decode()
    entry = atom[atom.index("<title>Dated practice"):]
    entry = entry[:entry.index("</entry>")]
    assert "<published>2025-03-12T00:00:00+02:00</published>" in entry
    assert "<updated>2025-03-12T00:00:00+02:00</updated>" in entry

    hits = client.get("/api/search/", {"q": "Dated practice"}, HTTP_ACCEPT_LANGUAGE="en").json()
    hit = next(r for r in hits["results"] if r["title"] == "Dated practice")
    assert hit["published"] == "2025-03-12"
    assert day in client.get("/en/search/", {"q": "Dated practice"}).content.decode()

    api = client.get(f"/api/v2/case-studies/{imported.pk}/").json()
    assert api["publication_date"] == "2025-03-12"


def test_an_item_without_its_own_date_shows_its_first_publication(client, imported):
    page = CaseStudyPage.objects.get(import_id="cs-undated")
    today = timezone.localdate(page.first_published_at)
    assert page.publication_date == today
    assert f'<time datetime="{today:%Y-%m-%d}">' in client.get(page.url).content.decode()
    hits = client.get("/api/search/", {"q": "Undated practice"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert {r["published"] for r in hits["results"] if r["title"] == "Undated practice"} == {
        today.isoformat()}


def test_newest_first_sorts_by_the_items_own_date(client, imported):
    html = client.get("/en/case-studies/", {"sort": "newest"}).content.decode()
    # Undated: first published today, so newer than the 2025 practice.
    assert html.index("Undated practice") < html.index("Dated practice")
    rss = client.get("/en/feeds/case-studies/rss/").content.decode()
    assert rss.index("Undated practice") < rss.index("Dated practice")
