"""Imports an attacker (or a careless spreadsheet) would send: every one is a row error.

Ids that differ only in case, spacing or Unicode composition are one id; a
line nested 100 000 levels deep, a list where text belongs, a NUL byte or a
key given twice is reported with its line and field, and nothing is written.
"""

import json
import unicodedata

import pytest
from django.db import IntegrityError, transaction

from casestudies.models import CaseStudyPage, ToolPage
from network.models import Member
from tests.importing.builders import case_study, import_records, jsonl, tool
from website.importing.parsing import parse
from website.importing.pipeline import run_import

pytestmark = pytest.mark.django_db

CAFE_NFC = unicodedata.normalize("NFC", "Café-1")
CAFE_NFD = unicodedata.normalize("NFD", "Café-1")


def check(content, fmt="jsonl", **options):
    return run_import(parse(content, fmt), **options)


def problems(report):
    return {(p.line, p.field) for p in report.problems}


# -- ids ---------------------------------------------------------------------------------


def test_id_variants_in_one_file_are_duplicates(sections):
    report = check(jsonl(
        tool(id=CAFE_NFC), tool(id=CAFE_NFD), tool(id="CAFÉ-1"), tool(id="  café-1 "),
        tool(id="cafe-2"),
    ))
    assert problems(report) == {(2, "id"), (3, "id"), (4, "id")}
    assert not ToolPage.objects.exists()


def test_id_variants_across_imports_update_one_page(sections):
    for number, variant in enumerate((CAFE_NFC, CAFE_NFD, "CAFÉ-1", " café-1", "Café-1 ")):
        import_records(tool(id=variant, title=f"Guide {number}"))
    page = ToolPage.objects.get()
    assert page.title == "Guide 4"
    assert page.import_id == "café-1"


def test_references_are_compared_normalised(sections):
    from tests.network.factories import make_member

    make_member(import_id="Loop-Ltd", with_user=False)
    import_records(
        tool(id="Tool-A"),
        case_study(id="CS-1"),
        case_study(id="cs-1-BG", language="bg", translation_of=" CS-1 ",
                   related=["tool:TOOL-a"], members=["LOOP-LTD"]),
    )
    translated = CaseStudyPage.objects.get(import_id="cs-1-bg")
    source = CaseStudyPage.objects.get(import_id="cs-1")
    assert translated.translation_key == source.translation_key
    assert translated.related_links.get().target.specific == ToolPage.objects.get()
    assert [m.member.import_id for m in translated.featured_members.all()] == ["loop-ltd"]


def test_an_id_stored_before_normalisation_still_matches(sections):
    import_records(tool(id="old-id"))
    ToolPage.objects.update(import_id="OLD-ID")  # as rows were stored before
    report = import_records(tool(id="Old-Id", title="Renamed"))
    assert (report.created, report.updated) == (0, 1)
    assert ToolPage.objects.get().import_id == "old-id"


def test_pages_and_members_store_normalised_ids(sections):
    from tests.network.factories import make_member

    assert make_member(import_id=" ABC ").import_id == "abc"
    assert make_member(import_id="").import_id is None
    import_records(tool())
    page = ToolPage.objects.get()
    page.import_id = "Tool-1 "
    page.save()
    assert ToolPage.objects.get().import_id == "tool-1"


def test_the_database_holds_one_page_per_type_and_id(sections):
    import_records(tool(id="a"), tool(id="b"))
    with pytest.raises(IntegrityError), transaction.atomic():
        ToolPage.objects.filter(import_id="b").update(import_id="a")
    # Pages without an id are not affected.
    ToolPage.objects.update(import_id="")
    assert ToolPage.objects.filter(import_id="").count() == 2


def test_the_page_editor_refuses_an_id_another_page_of_the_type_has(sections):
    from django.core.exceptions import ValidationError

    import_records(tool(id="first"), tool(id="second", language="bg"))
    page = ToolPage.objects.get(import_id="second")
    page.import_id = "FIRST"
    with pytest.raises(ValidationError, match="Another page of this type has this id"):
        page.full_clean()


def test_the_migration_normalises_stored_ids_and_keeps_duplicates_apart(sections):
    from tests.network.factories import make_member
    from website.importing.ids import normalise_stored_ids

    import_records(tool(id="t1"), tool(id="t2"), tool(id="t3"))
    first, second, third = ToolPage.objects.order_by("pk")
    ToolPage.objects.filter(pk=first.pk).update(import_id="CS-1")
    ToolPage.objects.filter(pk=second.pk).update(import_id=" cs-1")
    ToolPage.objects.filter(pk=third.pk).update(import_id=CAFE_NFD)
    members = [make_member(with_user=False) for _n in range(2)]
    Member.objects.filter(pk=members[0].pk).update(import_id="ABC")
    Member.objects.filter(pk=members[1].pk).update(import_id="abc")
    normalise_stored_ids(ToolPage)
    normalise_stored_ids(Member, empty=None)
    ids = dict(ToolPage.objects.values_list("pk", "import_id"))
    assert ids == {first.pk: "cs-1", second.pk: f"cs-1-duplicate-{second.pk}",
                   third.pk: "café-1"}
    assert sorted(Member.objects.values_list("import_id", flat=True)) == [
        "abc", f"abc-duplicate-{members[1].pk}"]


# -- bad lines and values ------------------------------------------------------------------


def deep_list(depth):
    return "[" * depth + "]" * depth


def deep_object(depth):
    return '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize("line", [
    deep_list(100_000),
    deep_object(100_000),
    '{"type": "tool", "id": "x", "language": "en", "title": "T", "themes": ' + deep_list(50)
    + "}",
    '{"type": "tool", "id": "x", "language": "en", "title": "T", "year": ' + "9" * 5000 + "}",
], ids=["deep-list", "deep-object", "deep-value", "huge-number"])
def test_a_monster_line_is_a_row_error(sections, line):
    content = jsonl(tool(id="good")) + line.encode() + b"\n"
    report = check(content)
    assert not report.ok
    assert {p.line for p in report.problems} == {2}
    assert not ToolPage.objects.exists()


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": ["a", "list"]}, "title"),
    ({"title": {"an": "object"}}, "title"),
    ({"id": ["x"]}, "id"),
    ({"type": ["tool"]}, "type"),
    ({"language": {"en": 1}}, "language"),
    ({"translation_of": ["y"]}, "translation_of"),
    ({"summary": True}, "summary"),
    ({"tool_type": ["guide"]}, "tool_type"),
    ({"themes": [{"slug": "circular-economy"}]}, "themes"),
    ({"themes": [["circular-economy"]]}, "themes"),
    ({"related": [{"type": "tool"}]}, "related"),
    ({"audience": ["x"]}, "audience"),
])
def test_a_list_or_object_where_text_belongs_is_a_field_error(sections, fields, field):
    report = check(jsonl(tool(id="good"), tool(**{"id": "bad", **fields})))
    assert (2, field) in problems(report), [str(p) for p in report.problems]
    assert not ToolPage.objects.exists()


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": "Guide\x00"}, "title"),
    ({"summary": "bell \x07 here"}, "summary"),
    ({"id": "x\x00y"}, "id"),
    ({"themes": ["circular-economy\x00"]}, "themes"),
    ({"tags": ["ok", "esc\x1b"]}, "tags"),
])
def test_control_characters_are_field_errors(sections, fields, field):
    report = check(jsonl(tool(id="good"), tool(**{"id": "bad", **fields})))
    assert (2, field) in problems(report), [str(p) for p in report.problems]
    assert "control character" in str(report.problems[0])
    assert not ToolPage.objects.exists()


def test_tabs_and_line_breaks_are_fine(sections):
    import_records(tool(summary="a\tb\r\nc\nd"))
    assert ToolPage.objects.get().summary == "a\tb\r\nc\nd"


def test_nul_in_a_csv_cell_is_a_field_error(sections):
    content = (b"type,id,language,title,tool_type\n"
               b"tool,t-1,en,Fine,guide\n"
               b"tool,t-2,en,Bad\x00title,guide\n")
    report = check(content, fmt="csv")
    assert problems(report) == {(3, "title")}
    assert not ToolPage.objects.exists()


def test_a_key_given_twice_is_reported_by_name(sections):
    line = json.dumps(tool(id="twice"))[:-1] + ', "title": "Other title"}'
    report = check(jsonl(tool(id="good")) + line.encode() + b"\n")
    assert problems(report) == {(2, "title")}
    assert "“title” appears more than once" in str(report.problems[0])
    assert not ToolPage.objects.exists()


def test_a_line_break_character_inside_a_json_string_is_not_a_new_line(sections):
    import_records(tool(summary="one\u2028two\x85three"))
    assert ToolPage.objects.get().summary == "one\u2028two\x85three"


def test_an_overlong_member_id_is_refused_before_the_database_sees_it(sections):
    from tests.importing.test_members import member

    report = check(jsonl(member(id="m" * 110)))
    assert problems(report) == {(1, "id")}
    assert "at most 100 characters" in str(report.problems[0])


def test_a_wagtail_localize_translation_does_not_take_the_source_import_id(sections):
    """wagtail-localize copies or translates every editable text field; not the import id."""
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    import_records(case_study())
    page = CaseStudyPage.objects.get()
    source, _created = TranslationSource.get_or_create_from_instance(page)
    paths = set(source.stringsegment_set.values_list("context__path", flat=True))
    assert "title" in paths and not {"import_id", "import_hash"} & paths
    source.create_or_update_translation(Locale.objects.get(language_code="el"), fallback=True)
    translation = page.get_translation(Locale.objects.get(language_code="el"))
    assert translation.import_id == ""
    assert CaseStudyPage.objects.filter(import_id="cs-1").count() == 1


def test_the_member_admin_refuses_an_id_spelt_differently(sections, client):
    from django.contrib.auth import get_user_model

    from tests.network.factories import make_member

    make_member(import_id="loop", with_user=False)
    other = make_member(name="Other", with_user=False)
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-12345-x")
    client.force_login(admin)
    response = client.post(f"/admin/network/member/edit/{other.pk}/", {
        "member_type": "business", "name": "Other", "slug": other.slug, "status": "approved",
        "contact_preference": "site", "listed": "on", "import_id": " LOOP ",
    })
    assert response.status_code == 200
    assert response.context["form"].errors["import_id"]
    other.refresh_from_db()
    assert other.import_id is None
