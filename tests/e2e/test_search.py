"""A visitor searches: types, picks a suggestion, then narrows by a facet and sees counts change."""

import pytest
from playwright.sync_api import expect

from tests.factories import build_site_tree, make_page
from tests.search.conftest import search_index  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("search_index")
def test_suggestion_then_facet(page, live_server):
    homes = build_site_tree()
    make_page(homes["en"], title="Recycling textiles", slug="recycling-textiles",
              intro="Recycling turns old clothes into new fibre.")
    make_page(homes["en"], title="Recycling packaging", slug="recycling-packaging",
              intro="Plastics sorted by hand.")
    make_page(homes["bg"], title="Recycling in Bulgaria", slug="recycling-bg",
              intro="Рециклиране в България.")
    # Transactions commit here, so the outbox task already ran (immediate backend).

    page.goto(f"{live_server.url}/en/search/")
    page.locator("#search-q").press_sequentially("recycling tex", delay=30)
    suggestion = page.locator("#search-suggestions li a", has_text="Recycling textiles")
    expect(suggestion).to_be_visible()
    suggestion.click()
    page.wait_for_url("**/recycling-textiles/")
    assert "Recycling turns old clothes into new fibre." in page.content()

    page.goto(f"{live_server.url}/en/search/?q=recycling")
    kind_count = page.locator(".facet[data-facet=kind] .facet-count").first
    expect(kind_count).to_have_text("3")
    expect(page.locator(".result")).to_have_count(3)
    expect(page.locator(".result .snippet mark").first).to_be_visible()

    page.locator(".facet[data-facet=language] input[value=bg]").check()
    # Ticking a box changes nothing by itself (WCAG 3.2.2); the button applies it.
    page.locator("button.apply-filters").click()
    page.wait_for_url("**language=bg**")
    expect(kind_count).to_have_text("1")
    expect(page.locator(".result")).to_have_count(1)
    expect(page.locator(".result h2")).to_have_text("Recycling in Bulgaria")
    # The language facet keeps its own counts so another language can be added.
    expect(page.locator(".facet[data-facet=language] .facet-count[data-value=en]")).to_have_text("2")
