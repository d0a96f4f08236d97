"""An editor imports a spreadsheet from the admin: upload, read the check, fix, confirm."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from casestudies.models import CaseStudyPage
from tests.importing.builders import build_sections, build_taxonomy, case_study, jsonl, tool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV_HEADER = "type,id,language,title,themes,tool_type,year\n"


def log_in(page, live_server):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "correct horse 42")
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse 42")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/admin/")


def upload(page, live_server, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    page.goto(f"{live_server.url}/admin/content-import/")
    page.get_by_label("File").set_input_files(str(path))
    page.get_by_role("button", name="Check file").click()


def test_editor_imports_a_file_after_fixing_a_bad_row(page, live_server, tmp_path):
    build_sections()
    build_taxonomy()
    log_in(page, live_server)

    bad = (CSV_HEADER + "tool,t-1,en,SROI guide,circular-economy,guide,\n"
           "case_study,cs-1,en,Textile hub,no-such-theme,,20x3\n").encode()
    upload(page, live_server, tmp_path, "tools.csv", bad)
    problems = page.get_by_test_id("import-problems")
    expect(problems).to_contain_text("no-such-theme")
    expect(problems).to_contain_text("20x3")
    expect(page.get_by_role("alert")).to_contain_text("nothing was imported")
    page.screenshot(path=str(tmp_path / "problems.png"), full_page=True)
    assert not CaseStudyPage.objects.exists()

    good = jsonl(case_study(), tool())
    upload(page, live_server, tmp_path, "curated.jsonl", good)
    expect(page.get_by_text("2 record(s) are valid")).to_be_visible()
    expect(page.locator(".import-report table")).to_contain_text("case_study")
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_text("2 created, 0 updated, 0 unchanged")).to_be_visible()
    assert CaseStudyPage.objects.get(import_id="cs-1").live

    page.goto(f"{live_server.url}/en/case-studies/cs-1/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Textile reuse hub")
    page.screenshot(path=str(tmp_path / "imported.png"))
