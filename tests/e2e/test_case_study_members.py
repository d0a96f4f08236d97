"""An editor links a member to a case study through the chooser modal and publishes it."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from casestudies.models import CaseStudyPage
from tests.importing.builders import build_sections, build_taxonomy, case_study, import_records
from tests.network.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_chooses_a_member_in_a_modal_and_the_page_shows_it(page, live_server):
    build_sections()
    build_taxonomy()
    import_records(case_study())
    study = CaseStudyPage.objects.get(import_id="cs-1")
    make_member(name="Rodopa Textile", city="Kardzhali")
    make_member(name="Sliven Wool", city="Sliven")
    get_user_model().objects.create_superuser("editor", "editor@example.org", "correct horse 42")

    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill("correct horse 42")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/pages/{study.pk}/edit/")
    page.locator("#id_featured_members-ADD").click()
    page.locator("#inline_child_featured_members-0 [data-chooser-action-choose]").click()
    modal = page.locator(".modal-dialog")
    expect(modal.get_by_text("Sliven Wool")).to_be_visible()
    modal.locator("#id_q").fill("Kardz")
    expect(modal.get_by_text("Sliven Wool")).to_be_hidden()
    modal.get_by_role("link", name="Rodopa Textile").click()
    expect(page.locator("#inline_child_featured_members-0")).to_contain_text("Rodopa Textile")
    page.locator("button[data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/*/")

    page.goto(f"{live_server.url}/en/case-studies/cs-1/")
    expect(page.locator("#members-heading")).to_have_text("Organisations in the network")
    expect(page.locator(".network-members")).to_contain_text("Rodopa Textile")
