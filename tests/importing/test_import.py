"""The import pipeline: happy path, idempotence, every kind of bad row, all-or-nothing."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from casestudies.models import CaseStudyPage, ToolPage
from funding.models import FundingCallPage, FundingProgramme, PolicyPage
from tests.importing.builders import call, case_study, import_records, jsonl, policy, tool
from website.importing.parsing import FileFormatError, parse
from website.importing.pipeline import run_import

pytestmark = pytest.mark.django_db


def check(*records, fmt="jsonl", **options):
    content = jsonl(*records) if fmt == "jsonl" else records[0]
    return run_import(parse(content, fmt), **options)


def problems(report):
    return {(p.line, p.field) for p in report.problems}


def test_happy_path_creates_published_pages_with_everything(sections):
    report = import_records(case_study(related=["tool:tool-1"]), tool(), policy(), call())
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    page = CaseStudyPage.objects.get(import_id="cs-1")
    assert page.live and page.get_parent().specific == sections["casestudies"]["en"]
    assert page.locale.language_code == "en"
    assert [t.slug for t in page.themes.all()] == ["circular-economy"]
    assert page.themes.first().locale_id == page.locale_id  # terms of the page's language
    assert sorted(page.tags.names()) == ["reuse", "textiles"]
    assert [str(i) for i in page.impact_indicators.all()] == ["tonnes of waste diverted: 120 t"]
    assert [c.slug for c in page.criteria.all()] == ["new-to-context"]
    assert [b.block_type for b in page.body] == ["paragraph", "paragraph"]
    assert page.related_links.get().target.specific == ToolPage.objects.get()
    assert page.revisions.count() == 1
    call_page = FundingCallPage.objects.get()
    assert call_page.programme.name == "ESF+"
    assert call_page.eligible == ["business", "ngo"]
    assert call_page.deadline.isoformat() == "2099-06-30T20:59:59+00:00"
    assert PolicyPage.objects.get().adopted.isoformat() == "2022-05-01"


def test_reimport_is_idempotent_and_updates_changed_records(sections):
    import_records(case_study(), tool())
    pages_before = Page.objects.count()
    report = import_records(case_study(), tool())
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    report = import_records(case_study(title="Textile reuse hub, second phase"), tool())
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert Page.objects.count() == pages_before
    assert CaseStudyPage.objects.get().title == "Textile reuse hub, second phase"


def test_translations_become_wagtail_translations_and_inherit_facts(sections):
    import_records(
        case_study(),
        case_study(id="cs-1-bg", language="bg", translation_of="cs-1", title="Хъб за текстил",
                   themes=[], year=""),
    )
    source = CaseStudyPage.objects.get(import_id="cs-1")
    translated = CaseStudyPage.objects.get(import_id="cs-1-bg")
    assert translated.translation_key == source.translation_key
    assert translated.get_translation(source.locale).pk == source.pk
    assert translated.get_parent().specific == sections["casestudies"]["bg"]
    assert translated.slug == source.slug
    assert translated.year == 2023  # empty cells come from the source
    assert [t.locale.language_code for t in translated.themes.all()] == ["bg"]


def test_draft_option_saves_without_publishing(sections):
    import_records(case_study(), draft=True)
    page = CaseStudyPage.objects.get()
    assert not page.live and page.revisions.count() == 1


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (case_study(themes=["no-such-theme"]), "themes"),
        (case_study(countries=["XX"]), "countries"),
        (case_study(published="01/03/2024"), "published"),
        (call(deadline="next week"), "deadline"),
        (case_study(title=""), "title"),
        (case_study(type="casestudy"), "type"),
        (case_study(language="de"), "language"),
        (case_study(stage="done"), "stage"),
        (case_study(year="twenty"), "year"),
        (case_study(indicators=["lots of good"]), "indicators"),
        (case_study(impact={"text": "3 jobs"}), "impact"),
        (case_study(impact=[{"name": "jobs", "value": "many"}]), "impact"),
        (call(eligible=["aliens"]), "eligible"),
        (call(budget_eur="a lot"), "budget_eur"),
        (tool(tool_type=""), "tool_type"),
        (policy(level="galactic"), "level"),
        (case_study(url="not a url"), "url"),
        (case_study(translation_of="missing"), "translation_of"),
        (case_study(related=["tool:missing"]), "related"),
        (case_study(colour="red"), "colour"),
        (case_study(id=""), "id"),
    ],
)
def test_each_kind_of_bad_row_is_reported_and_nothing_written(sections, record, field):
    report = check(tool(id="good-tool"), record)
    assert not report.ok
    assert (2, field) in problems(report), [str(p) for p in report.problems]
    assert not ToolPage.objects.exists()
    assert not CaseStudyPage.objects.exists()


def test_every_bad_row_is_reported_at_once(sections):
    report = check(
        case_study(id="a", themes=["nope"]),
        case_study(id="b"),
        case_study(id="b"),
        call(id="c", deadline="2026-13-45", opens="soon"),
    )
    assert problems(report) == {(1, "themes"), (3, "id"), (4, "deadline"), (4, "opens")}
    assert "first on line 2" in str(report.problems[1])
    assert not Page.objects.filter(title__startswith="Textile").exists()


def test_failure_while_writing_rolls_everything_back(sections, monkeypatch):
    from casestudies import importers

    original = importers.ToolHandler.apply_extra

    def explode(self, page, cleaned, ctx):
        if page.title == "Boom":
            raise RuntimeError("disk full")
        return original(self, page, cleaned, ctx)

    monkeypatch.setattr(importers.ToolHandler, "apply_extra", explode)
    report = check(case_study(), tool(id="t1"), tool(id="t2", title="Boom"))
    assert not report.ok and "disk full" in str(report.problems[0])
    assert report.problems[0].line == 3
    assert not CaseStudyPage.objects.exists() and not ToolPage.objects.exists()
    assert not FundingProgramme.objects.exists()


def test_dry_run_writes_nothing_and_predicts(sections):
    report = check(case_study(), tool(), dry_run=True)
    assert report.ok and report.by_type["case_study"]["created"] == 1
    assert not CaseStudyPage.objects.exists()


def test_csv_with_bom_lists_and_formula_like_cells(sections):
    content = (
        "\ufefftype,id,language,title,themes,tags,tool_type,summary\n"
        "tool,t-1,en,=HYPERLINK(\"x\"),circular-economy|labour-market,a|b,guide,+359 2 000\n"
    ).encode()
    report = check(content, fmt="csv")
    assert report.ok, [str(p) for p in report.problems]
    page = ToolPage.objects.get()
    assert page.title == '=HYPERLINK("x")'  # stored as text, never evaluated
    assert page.summary == "+359 2 000"
    assert sorted(t.slug for t in page.themes.all()) == ["circular-economy", "labour-market"]


def test_non_utf8_file_gets_a_clear_error(sections):
    content = "type,id,language,title\ntool,t,en,Наръчник\n".encode("cp1251")
    with pytest.raises(FileFormatError, match="not UTF-8"):
        parse(content, "csv")


def test_invalid_json_line_is_reported_with_its_line(sections):
    content = jsonl(tool()) + b"{not json}\n"
    report = run_import(parse(content, "jsonl"))
    assert problems(report) == {(2, "")}
    assert not ToolPage.objects.exists()


def test_command_imports_and_reports(sections, tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    good.write_bytes(jsonl(case_study(), tool()))
    call_command("import_content", str(good), "--dry-run")
    assert not CaseStudyPage.objects.exists()
    call_command("import_content", str(good))
    assert CaseStudyPage.objects.get().live
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(jsonl(case_study(id="x", themes=["nope"])))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_content", str(bad))
    assert "line 1, field “themes”" in capsys.readouterr().err
