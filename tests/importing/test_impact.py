"""A case study's impact: told in words in ``impact``, measured in ``indicators``.

Good-practice databases hold narrative impact ("About 4 tonnes of offcuts reused
per year; 7 permanent jobs"): it is the narrative, never parsed; the structured
indicators ("name: value unit") have their own column, and a bad one is reported
with its line while nothing is written.
"""

import csv
import io

import pytest
from django.test import Client
from taggit.models import Tag
from wagtail.models import Page, Revision

from casestudies.models import CaseStudyPage, ImpactIndicator, ToolPage
from tests.importing.builders import case_study, import_records, jsonl, tool
from website.importing.export import export_string
from website.importing.parsing import parse
from website.importing.pipeline import run_import

pytestmark = pytest.mark.django_db

NARRATIVE = "About 4 tonnes of offcuts reused per year; 7 permanent jobs"


def csv_file(*rows):
    """Records as a CSV file: every record's columns, lists joined with "|"."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(dict.fromkeys(key for row in rows for key in row)))
    writer.writeheader()
    writer.writerows({key: "|".join(value) if isinstance(value, list) else value
                      for key, value in row.items()} for row in rows)
    return out.getvalue().encode()


def test_plain_sentences_are_the_narrative_and_indicators_come_from_their_column(sections):
    report = run_import(parse(csv_file({
        "type": "case_study", "id": "cs-offcuts", "language": "en", "title": "Offcuts studio",
        "impact": NARRATIVE,
        "indicators": "offcuts reused: 4 t/year | permanent jobs: 7 jobs|budget: 1 200 500.5 EUR",
    }), "csv"))
    assert report.ok, [str(p) for p in report.problems]
    page = CaseStudyPage.objects.get(import_id="cs-offcuts")
    assert page.impact == NARRATIVE
    assert [(i.name, str(i.value), i.unit) for i in page.impact_indicators.all()] == [
        ("offcuts reused", "4.00", "t/year"), ("permanent jobs", "7.00", "jobs"),
        ("budget", "1200500.50", "EUR")]
    html = Client().get(page.url).content.decode()
    assert f"<p>{NARRATIVE}</p>" in html
    assert "<dt>offcuts reused</dt><dd>4\u00a0t/year</dd>" in html
    assert "<dt>budget</dt><dd>1,200,500.5\u00a0EUR</dd>" in html


def test_a_narrative_that_looks_like_an_indicator_is_still_words(sections):
    """Nothing is guessed from a sentence: "Result: 4 tonnes" stays as written."""
    import_records(case_study(impact=["Result: 4 tonnes a year.", "Jobs = 7 | all permanent."],
                              indicators=[]))
    page = CaseStudyPage.objects.get()
    assert page.impact == "Result: 4 tonnes a year.\n\nJobs = 7 | all permanent."
    assert not page.impact_indicators.exists()
    html = Client().get(page.url).content.decode()
    assert "<p>Result: 4 tonnes a year.</p>" in html and "Impact indicators" not in html


def test_indicator_objects_in_an_impact_list_are_indicators(sections):
    """Files written before the columns were split keep importing: an object is not a sentence."""
    import_records(case_study(
        impact=["Partners met twice.", {"name": "Partner countries", "value": 6,
                                        "unit": "countries"}],
        indicators=["Partner organisations: 7 partners"]))
    page = CaseStudyPage.objects.get()
    assert page.impact == "Partners met twice."
    assert [str(i) for i in page.impact_indicators.all()] == [
        "Partner countries: 6 countries", "Partner organisations: 7 partners"]
    # Exported in the two columns, and that file changes nothing.
    report = run_import(parse(export_string("jsonl").encode(), "jsonl"))
    assert (report.unchanged, report.updated) == (1, 0)


@pytest.mark.parametrize(("language", "shown"), [
    ("bg", "1\u00a0200\u00a0500,5\u00a0лв."), ("el", "1.200.500,5\u00a0лв.")])
def test_a_page_writes_the_numbers_as_its_language_does(sections, language, shown):
    import_records(case_study(language=language, indicators=["бюджет: 1200500.5 лв."]))
    html = Client().get(CaseStudyPage.objects.get().url).content.decode()
    assert f"<dt>бюджет</dt><dd>{shown}</dd>" in html


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_bad_indicators_are_reported_by_line_and_nothing_is_written(sections, fmt):
    rows = [
        tool(id="good-tool", tags=["fresh-tag"]),
        case_study(id="cs-a", indicators=["lots of good"]),
        case_study(id="cs-b", indicators=["jobs created: many"]),
        case_study(id="cs-c", indicators=["area: 1.255 m2"]),  # three decimal places
        case_study(id="cs-d", indicators=["jobs: 3 people: all"]),
        case_study(id="cs-e", indicators=["jobs: 3 " + "p" * 41]),
        case_study(id="cs-f", tags=["fresh-tag"], impact=NARRATIVE),  # fine
    ]
    for row in rows:
        row["body"] = "One paragraph."  # one physical line per record, so line = record + 1
    if fmt == "jsonl":
        rows += [
            case_study(id="cs-g", indicators=[{"name": "jobs", "value": 3, "colour": "red"}]),
            case_study(id="cs-h", indicators=[{"name": "jobs", "value": 3, "unit": "12 people"}]),
        ]
        content = jsonl(*rows)
    else:
        content = csv_file(*rows)
    before = (Page.objects.count(), Revision.objects.count(), Tag.objects.count())
    report = run_import(parse(content, fmt))
    first = 2 if fmt == "csv" else 1  # the CSV header is line 1
    found = {(p.line, p.field) for p in report.problems}
    expected = {(first + n, "indicators") for n in (1, 2, 3, 4, 5)}
    if fmt == "jsonl":
        expected |= {(first + 7, "indicators"), (first + 8, "indicators")}
    assert found == expected, [str(p) for p in report.problems]
    messages = " ".join(str(p) for p in report.problems)
    assert "“lots of good” should read “indicator: value unit”" in messages
    assert "jobs created: 14 people" in messages  # every message shows the form
    assert "2 decimal places" in messages
    assert (Page.objects.count(), Revision.objects.count(), Tag.objects.count()) == before
    assert not ToolPage.objects.exists() and not CaseStudyPage.objects.exists()
    assert not ImpactIndicator.objects.exists()
