"""The ``members`` column of case studies: checked, written on every path, exported."""

import pytest
from wagtail.models import Page

from casestudies.models import CaseStudyMember, CaseStudyPage
from network.models import Member
from tests.importing.builders import case_study, import_records, jsonl
from tests.network.factories import make_member
from website.importing.export import export_string
from website.importing.parsing import parse
from website.importing.pipeline import run_import

pytestmark = pytest.mark.django_db


def member(**fields):
    record = {"type": "member", "id": "m-hub", "language": "bg", "title": "Hub NGO",
              "member_type": "ngo", "city": "Sofia"}
    record.update(fields)
    return record


def linked(import_id):
    page = CaseStudyPage.objects.get(import_id=import_id)
    return [link.member.import_id for link in page.featured_members.all()]


def revision_members(import_id):
    page = CaseStudyPage.objects.get(import_id=import_id)
    content = page.latest_revision.content
    return [row["member"] for row in content["featured_members"]]


@pytest.mark.parametrize("draft", [False, True], ids=["bulk-path", "revision-path"])
def test_members_from_the_file_and_the_site_are_linked(sections, draft):
    make_member(name="On the site", import_id="m-site", with_user=False)
    report = import_records(
        case_study(members=["m-hub", "m-site"]),
        case_study(id="cs-1-bg", language="bg", translation_of="cs-1", title="Хъб"),
        member(), draft=draft,
    )
    assert report.by_type["member"]["created"] == 1
    assert linked("cs-1") == ["m-hub", "m-site"]
    assert linked("cs-1-bg") == ["m-hub", "m-site"]  # a translation inherits the column
    hub, site = Member.objects.get(import_id="m-hub"), Member.objects.get(import_id="m-site")
    assert revision_members("cs-1") == [hub.pk, site.pk]
    assert CaseStudyPage.objects.get(import_id="cs-1").live is not draft


def test_changed_members_update_the_page_through_a_revision(sections):
    make_member(name="Old partner", import_id="m-old", with_user=False)
    import_records(case_study(members=["m-old"]), member())
    report = import_records(case_study(members=["m-hub", "m-hub"]), member())
    assert report.by_type["case_study"]["updated"] == 1
    assert linked("cs-1") == ["m-hub"]  # once, however often the file names it
    assert revision_members("cs-1") == [Member.objects.get(import_id="m-hub").pk]
    assert CaseStudyMember.objects.count() == 1
    again = import_records(case_study(members=["m-hub", "m-hub"]), member())
    assert again.by_type["case_study"]["unchanged"] == 1
    import_records(case_study(members=[]), member())
    assert linked("cs-1") == []


def test_unknown_member_is_reported_on_its_line_and_field_and_nothing_is_written(sections):
    pages_before = Page.objects.count()
    report = run_import(parse(jsonl(
        member(),
        case_study(members=["m-hub", "m-nowhere"]),
    ), "jsonl"))
    assert [(p.line, p.field) for p in report.problems] == [(2, "members")]
    assert "m-nowhere" in str(report.problems[0])
    assert "line 2" in str(report.problems[0]) and "members" in str(report.problems[0])
    assert Page.objects.count() == pages_before
    assert not Member.objects.exists()


def test_csv_lists_members_separated_by_bars(sections):
    make_member(name="On the site", import_id="m-site", with_user=False)
    content = (
        b"type,id,language,title,member_type,members\n"
        b"member,m-hub,bg,Hub NGO,ngo,\n"
        b"case_study,cs-1,en,Textile reuse hub,,m-site|m-hub\n"
    )
    report = run_import(parse(content, "csv"))
    assert report.ok, [str(p) for p in report.problems]
    assert linked("cs-1") == ["m-site", "m-hub"]


def test_round_trip_with_members_gives_the_same_file(sections):
    import_records(
        case_study(members=["m-hub", "m-second"]),
        case_study(id="cs-1-bg", language="bg", translation_of="cs-1", title="Хъб"),
        member(), member(id="m-second", title="Second NGO", city="Plovdiv"),
    )
    first = export_string()
    assert '"members": ["m-hub", "m-second"]' in first
    for fmt in ("jsonl", "csv"):
        text = export_string(fmt)
        Page.objects.filter(depth__gt=3).delete()
        Member.objects.all().delete()
        report = run_import(parse(text.encode(), fmt))
        assert report.ok, [str(p) for p in report.problems]
        assert export_string() == first


def test_members_with_an_account_and_no_import_id_are_not_exported(sections):
    import_records(case_study())
    page = CaseStudyPage.objects.get(import_id="cs-1")
    page.featured_members = [CaseStudyMember(member=make_member(name="Has a login"))]
    page.save_revision().publish()
    assert '"members": []' in export_string()
