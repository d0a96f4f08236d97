"""The editors' side: the questionnaire list, the page editor's links, the preview."""

import pytest

from monitoring.models import Response
from tests.monitoring.builders import make_questionnaire, make_response, single

pytestmark = pytest.mark.django_db
QUESTIONS = [single("Q1", "Useful?", [("yes", "Yes"), ("no", "No")])]


def test_the_questionnaire_list_shows_each_questionnaire_once_with_its_answers(
        editor_client, surveys, site_tree):
    from tests.factories import translate

    page = make_questionnaire(surveys, QUESTIONS, title="Voice of the user", mode="members")
    translate(page, "bg", title="Гласът на потребителя")
    make_response(page, {"Q1": "yes"})
    html = editor_client.get("/admin/monitoring/questionnaires/").content.decode()
    # One row for the translation group (its Bulgarian source page), with its one answer.
    assert html.count('/results/"') == 1
    assert "Гласът на потребителя" in html and "Voice of the user" not in html


@pytest.fixture
def admin_client(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("boss", "b@example.org", "pw"))
    return client


def test_the_page_editor_links_to_results_and_invitations(admin_client, surveys):
    editor_client = admin_client
    invited = make_questionnaire(surveys, QUESTIONS, mode="invited")
    html = editor_client.get(f"/admin/pages/{invited.pk}/edit/").content.decode()
    assert f"/admin/monitoring/questionnaires/{invited.pk}/results/" in html
    assert f"/admin/monitoring/questionnaires/{invited.pk}/invitations/" in html


def test_the_preview_shows_the_first_page_and_saves_nothing(surveys):
    """Wagtail's preview machinery (``make_preview_request``) renders the page's preview."""
    page = make_questionnaire(surveys, QUESTIONS)
    response = page.make_preview_request()
    assert response.status_code == 200
    html = response.render().content.decode()
    assert "Useful?" in html and 'name="q.Q1"' in html
    assert "disabled" in html  # the preview's buttons send nothing
    assert not Response.objects.exists()


def test_the_editors_group_may_read_results_and_moderate_comments(db):
    """The data migration's grant (run here again: transactional tests flush the groups)."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    Group.objects.get_or_create(name="Editors")
    importlib.import_module("monitoring.migrations.0002_editor_permissions").grant(apps, None)
    codenames = set(Group.objects.get(name="Editors").permissions.filter(
        content_type__app_label="monitoring").values_list("codename", flat=True))
    assert {"view_response", "add_invitation", "change_consultationcomment"} <= codenames
