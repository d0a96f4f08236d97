"""Export: the import format, round-trip safe, formula cells neutralised in CSV."""

import io

import pytest
from django.core.management import call_command

from casestudies.models import CaseStudyPage
from tests.importing.builders import (
    build_sections,
    build_taxonomy,
    call,
    case_study,
    import_records,
    policy,
    tool,
)
from website.importing.export import export_string
from website.importing.parsing import parse
from website.importing.pipeline import run_import

pytestmark = pytest.mark.django_db


def records():
    return [
        case_study(related=["tool:tool-1"], body="One.\n\nTwo & three <b>."),
        case_study(id="cs-1-bg", language="bg", translation_of="cs-1", title="Хъб"),
        tool(),
        policy(programmes=["Horizon Europe"]),
        call(deadline=["2099-01-15T17:00", "2099-06-30"], cofinancing_rate="85"),
    ]


def empty_site():
    from wagtail.models import Page

    from funding.models import FundingProgramme

    for model in (CaseStudyPage,):
        model.objects.all().delete()
    Page.objects.filter(depth__gt=3).delete()
    FundingProgramme.objects.all().delete()


def test_round_trip_gives_the_same_file(sections):
    import_records(*records())
    first = export_string()
    assert first.count("\n") == 5
    empty_site()
    assert not CaseStudyPage.objects.exists()
    report = run_import(parse(first.encode(), "jsonl"))
    assert report.ok, [str(p) for p in report.problems]
    assert export_string() == first
    # And the CSV export re-imports to the same content too.
    csv_text = export_string("csv")
    empty_site()
    assert run_import(parse(csv_text.encode(), "csv")).ok
    assert export_string() == first


def test_export_lists_only_live_pages(sections):
    import_records(case_study(), tool())
    CaseStudyPage.objects.get().unpublish()
    out = export_string()
    assert '"tool-1"' in out and '"cs-1"' not in out


def test_csv_export_neutralises_formula_like_cells(sections):
    import_records(tool(title="=1+2", summary="@SUM(A1)"))
    out = export_string("csv")
    assert ",'=1+2," in out and ",'@SUM(A1)," in out


def test_export_command_writes_a_file(sections, tmp_path):
    import_records(case_study())
    target = tmp_path / "out.jsonl"
    call_command("export_content", "-o", str(target), stderr=io.StringIO())
    assert target.read_text(encoding="utf-8") == export_string()


def test_builders_are_idempotent(db):
    build_sections()
    build_sections()
    build_taxonomy()
    build_taxonomy()
