"""Programmes (record type ``course``) through the import pipeline, export and search."""

import pytest

from learning.models import ProgrammePage, Topic
from search import api
from search.sync import process_outbox
from tests.importing.builders import build_taxonomy, import_records, jsonl
from tests.learning.builders import build_index
from website.importing.export import export_string
from website.importing.parsing import parse
from website.importing.pipeline import run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    index = build_index()
    build_taxonomy()
    return index


def course(**fields):
    record = {
        "type": "course", "id": "course-ce-expert", "language": "en",
        "title": "Circular-economy expert programme",
        "summary": "Qualify as an expert who guides firms through the circular transition.",
        "body": "Six modules.\n\nTwo workshops in Sofia.", "themes": ["circular-economy"],
        "pillars": ["textiles"], "tags": ["circularity", "Horizon Europe"],
        "level": "advanced", "format": "blended", "duration_hours": "36",
        "topic": "Circular-economy expert programme", "teaching_language": "bg",
        "learning_outcomes": ["Measure how circular a process is", "Prepare an EIC proposal"],
        "prerequisites": "Some experience in industry.", "facilitators": ["m-cluster"],
    }
    record.update(fields)
    return record


def member(**fields):
    record = {"type": "member", "id": "m-cluster", "language": "bg",
              "title": "Клъстер Кръгова икономика", "member_type": "cluster", "city": "София"}
    record.update(fields)
    return record


def test_course_rows_and_a_translation_are_imported(site):
    report = import_records(member(), course(), course(
        id="course-ce-expert-bg", language="bg", translation_of="course-ce-expert",
        title="Програма за експерти по кръгова икономика", summary="", learning_outcomes=[]))
    assert report.ok
    en = ProgrammePage.objects.get(import_id="course-ce-expert")
    bg = ProgrammePage.objects.get(import_id="course-ce-expert-bg")
    assert en.translation_key == bg.translation_key
    assert en.get_parent().specific == site["en"] and bg.get_parent().specific == site["bg"]
    assert (en.level, en.format, str(en.duration_hours), en.teaching_language) == (
        "advanced", "blended", "36.0", "bg")
    assert en.outcome_list == ["Measure how circular a process is", "Prepare an EIC proposal"]
    assert [m.name for m in en.public_facilitators()] == ["Клъстер Кръгова икономика"]
    assert en.topic.name == "Circular-economy expert programme"
    # The translation takes every empty column from its source.
    assert bg.summary == en.summary and bg.outcome_list == en.outcome_list
    assert bg.live and bg.level == "advanced"
    assert Topic.objects.count() == 1


def test_bad_course_values_are_reported_and_nothing_is_written(site):
    rows = [course(level="expert", format="hybrid", duration_hours="-3",
                   teaching_language="fr")]
    report = run_import(parse(jsonl(*rows), "jsonl"))
    assert not report.ok
    fields = {problem.field for problem in report.problems}
    assert {"level", "format", "duration_hours", "teaching_language"} <= fields
    assert not ProgrammePage.objects.exists()


def test_spreadsheet_spellings_of_the_level_are_understood(site):
    import_records(course(level="Startup", format="Online", facilitators=[]))
    page = ProgrammePage.objects.get()
    assert (page.level, page.format) == ("start-up", "online")


def test_export_round_trip(site):
    import_records(member(), course(), course(id="course-ce-expert-bg", language="bg",
                                              translation_of="course-ce-expert", title="Програма"))
    first = export_string()
    assert '"type": "course"' in first and '"duration_hours": "36"' in first
    ProgrammePage.objects.all().delete()
    report = run_import(parse(first.encode(), "jsonl"))
    assert report.ok, [str(p) for p in report.problems]
    assert export_string() == first


def test_search_finds_an_imported_course_by_kind(site):
    import_records(member(), course())
    process_outbox()
    response = api.search("circular expert", kind=["course"])
    assert [hit.title for hit in response.results] == ["Circular-economy expert programme"]
    assert response.results[0].kind == "course"
    assert api.search("circular expert", kind=["case-study"]).total == 0
