"""The shared curated layer (``website.curated``) and the registries the content apps fill.

The curated page types are found, not listed; the member chooser and the pages
that feature a member come through registries; an index page or the directory
whose search engine fails answers from the database, says so on the page and
logs it (``search.api``).
"""

import logging
import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from casestudies.models import CaseStudyMember, CaseStudyPage, ToolPage
from funding.models import FundingCallPage, PolicyPage
from learning.models import ProgrammePage
from search.engines import reset_engines
from search.engines.embedded import SCHEMA_VERSION
from tests.importing.builders import build_sections, build_taxonomy, case_study, import_records
from tests.network.factories import make_directory, make_member
from website.choosers import ChooserPanel, chooser_for
from website.curated.featuring import featuring
from website.curated.models import curated_page_types, related_link_models
from website.demo_loader import DemoLoader, register_demo_step

CURATED = {CaseStudyPage, ToolPage, PolicyPage, FundingCallPage, ProgrammePage}


def _index_dir():
    """The test's embedded index folder, whose ``current`` link the engine-failure tests
    point at a folder that is gone: a real failure, not a mock."""
    from django.conf import settings

    path = settings.SEARCH_INDEX_DIR
    path.mkdir(parents=True, exist_ok=True)
    (path / "current").unlink(missing_ok=True)
    return path


@pytest.fixture
def sections(db):
    build_sections()
    build_taxonomy()


def test_curated_page_types_are_discovered():
    assert set(curated_page_types()) == CURATED
    assert {model.page.field.related_model for model in related_link_models()} == CURATED


@pytest.mark.parametrize("model", sorted(CURATED, key=str))
def test_related_links_choose_among_every_curated_type(model):
    formset = model.get_edit_handler().get_form_class().formsets["related_links"]
    widget = formset.form.base_fields["target"].widget
    assert set(widget.target_models) == CURATED


def test_api_has_an_endpoint_per_curated_type(sections, client):
    import_records(case_study())
    for model in curated_page_types():
        response = client.get(f"/api/v2/{model.api_name}/")
        assert response.status_code == 200, model.api_name
    titles = [item["title"] for item in client.get("/api/v2/case-studies/").json()["items"]]
    assert titles == ["Textile reuse hub"]


def test_two_types_with_one_api_name_fail_loudly(monkeypatch):
    from website.api import build_router

    monkeypatch.setattr(ToolPage, "api_name", "case-studies")
    with pytest.raises(ImproperlyConfigured, match="case-studies"):
        build_router()


def test_the_case_study_member_panel_gets_the_network_s_chooser():
    from network.viewsets import member_chooser_viewset

    assert chooser_for("network.Member") is member_chooser_viewset
    panel = ChooserPanel("member").bind_to_model(CaseStudyMember)
    widget = panel.get_form_options()["widgets"]["member"]
    assert widget.chooser_modal_url_name == "member_chooser:choose"


def test_a_model_without_a_chooser_fails_loudly():
    with pytest.raises(ImproperlyConfigured, match="website.pillar"):
        chooser_for("website.Pillar")


def test_featuring_asks_the_apps_that_registered(sections):
    from tests.importing.builders import link_members

    member = make_member(name="Hub NGO")
    assert featuring(member) == []
    import_records(case_study(id="cs-live", title="Live case"))
    link_members(CaseStudyPage.objects.get(import_id="cs-live"), member)
    [section] = featuring(member)
    assert section["name"] == "case-studies"
    assert [page.title for page in section["items"]] == ["Live case"]
    assert featuring(CaseStudyPage.objects.get(import_id="cs-live")) == []


def test_an_index_page_whose_engine_fails_filters_in_the_database_and_logs(
    sections, client, caplog
):
    import_records(case_study(id="cs-a", title="Alpha hub"), case_study(id="cs-b", title="Bravo"))
    reset_engines()
    os.symlink(f"index-v{SCHEMA_VERSION}-gone", _index_dir() / "current")
    with caplog.at_level(logging.ERROR, logger="search"):
        response = client.get("/en/case-studies/?q=bravo")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bravo" in html and "Alpha hub" not in html
    assert "Search is temporarily limited" in html
    assert any("engine failed" in r.getMessage() for r in caplog.records)


def test_the_directory_whose_engine_fails_filters_in_the_database_and_logs(
    site_tree, client, caplog
):
    make_directory(site_tree["en"])
    make_member(name="Kardzhali Weavers")
    make_member(name="Plovdiv Plastics")
    reset_engines()
    os.symlink(f"index-v{SCHEMA_VERSION}-gone", _index_dir() / "current")
    with caplog.at_level(logging.ERROR, logger="search"):
        response = client.get("/en/members/?q=weavers")
    assert response.status_code == 200
    assert {m.name for m in response.context["members"]} == {"Kardzhali Weavers"}
    assert "Search is temporarily limited" in response.content.decode()
    assert any("engine failed" in r.getMessage() for r in caplog.records)


def test_a_demo_step_with_a_wrong_path_fails_loudly(monkeypatch):
    from website import demo_loader

    monkeypatch.setattr(demo_loader, "_app_steps", [])
    register_demo_step("network.demo.no_such_step")
    with pytest.raises(ImportError):
        DemoLoader(log=lambda message: None).app_steps()
