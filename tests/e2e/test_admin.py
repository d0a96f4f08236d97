"""An editor logs in to the admin, edits a page, publishes it and sees it live."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import build_site_tree, make_page
from website.models import StandardPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_logs_in_edits_and_publishes(page, live_server):
    homes = build_site_tree()
    about = make_page(homes["en"], StandardPage, title="About us", slug="about", intro="Old intro")
    get_user_model().objects.create_superuser("editor", "editor@example.org", "correct horse 42")

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse 42")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.get_by_role("heading", level=1).first.is_visible()

    page.goto(f"{live_server.url}/admin/pages/{about.pk}/edit/")
    page.locator("#id_intro").fill("The centre connects social innovators across Bulgaria.")
    page.locator("button[data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{homes['en'].pk}/")

    page.goto(f"{live_server.url}/en/about/")
    assert "The centre connects social innovators across Bulgaria." in page.content()
    assert page.locator("html").get_attribute("lang") == "en"


def test_wrong_password_is_refused(page, live_server):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "correct horse 42")
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Your username and password didn't match")).to_be_visible()
