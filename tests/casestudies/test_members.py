"""Case studies link to members of the network: model, admin chooser, page, API, caches."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from casestudies.models import CaseStudyMember, CaseStudyPage
from network.choices import Status
from network.models import Member
from tests.importing.builders import case_study, import_records, link_members
from tests.network.factories import make_member
from website.curated.related import bump_content_version

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def members_section(html):
    start = html.find('id="members-heading"')
    return html[start:html.index("</section>", start)] if start >= 0 else ""


def test_links_are_ordered_and_go_when_the_member_goes(sections):
    import_records(case_study())
    page = CaseStudyPage.objects.get(import_id="cs-1")
    first, second = make_member(name="Alpha"), make_member(name="Beta")
    link_members(page, second, first)
    page.refresh_from_db()
    assert [link.member for link in page.featured_members.all()] == [second, first]
    assert str(page.featured_members.first()) == "Beta"
    second.delete()
    assert list(CaseStudyMember.objects.values_list("member__name", flat=True)) == ["Alpha"]


def test_the_migration_is_in_place():
    call_command("makemigrations", "casestudies", check=True, dry_run=True, verbosity=0)


def test_detail_shows_public_members_only(sections, client):
    import_records(case_study())
    page = CaseStudyPage.objects.get(import_id="cs-1")
    listed = make_member(name="Listed NGO", city="Plovdiv", member_type="ngo")
    pending = make_member(name="Pending Ltd", status=Status.PENDING)
    rejected = make_member(name="Rejected Ltd", status=Status.REJECTED)
    unlisted = make_member(name="Unlisted Ltd", listed=False)
    link_members(page, pending, listed, rejected, unlisted)
    html = get(client, "/en/case-studies/cs-1/")
    section = members_section(html)
    assert "Organisations in the network" in html
    assert f'href="/en/network/members/{listed.slug}/"' in section
    assert "Listed NGO" in section and "Plovdiv" in section and "NGO" in section
    for hidden in ("Pending Ltd", "Rejected Ltd", "Unlisted Ltd"):
        assert hidden not in html


def test_no_section_without_public_members(sections, client):
    import_records(case_study())
    link_members(CaseStudyPage.objects.get(import_id="cs-1"), make_member(status=Status.PENDING))
    assert 'id="members-heading"' not in get(client, "/en/case-studies/cs-1/")


def test_approving_or_rejecting_a_linked_member_refreshes_the_cached_page(
        sections, client, django_capture_on_commit_callbacks):
    import_records(case_study())
    member = make_member(name="Waiting NGO", status=Status.PENDING)
    link_members(CaseStudyPage.objects.get(import_id="cs-1"), member)
    assert "Waiting NGO" not in get(client, "/en/case-studies/cs-1/")  # cached from here on
    with django_capture_on_commit_callbacks(execute=True):
        member.approve()
        member.save()
    assert "Waiting NGO" in get(client, "/en/case-studies/cs-1/")
    with django_capture_on_commit_callbacks(execute=True):
        member.reject("Not an organisation")
        member.save()
    assert "Waiting NGO" not in get(client, "/en/case-studies/cs-1/")


def test_unsaved_links_as_in_a_preview_are_filtered_in_memory(sections):
    import_records(case_study())
    page = CaseStudyPage.objects.get(import_id="cs-1")
    page.featured_members = [
        CaseStudyMember(member=make_member(name="Draft partner")),
        CaseStudyMember(member=make_member(name="Pending partner", status=Status.PENDING)),
    ]
    assert [m.name for m in page.public_members()] == ["Draft partner"]


def test_detail_query_count_does_not_grow_with_linked_members(sections, client):
    import_records(case_study())
    page = CaseStudyPage.objects.get(import_id="cs-1")
    url = "/en/case-studies/cs-1/"

    def count(n_members):
        link_members(page, *[make_member(name=f"Member {n_members}-{n}") for n in range(n_members)])
        get(client, url)  # process-wide caches (content types, site root paths)
        bump_content_version()
        with CaptureQueriesContext(connection) as cold:
            html = get(client, url)
        with CaptureQueriesContext(connection) as warm:
            get(client, url)
        assert members_section(html).count("<li>") == n_members
        on_members = [q for q in cold.captured_queries if '"network_member"' in q["sql"]]
        assert len(on_members) == 1  # the links and their members, in one query
        assert not [q for q in warm.captured_queries if '"network_member"' in q["sql"]]
        return len(cold), len(warm)

    assert count(1) == count(8)


def test_api_lists_public_members(sections, client):
    import_records(case_study())
    page = CaseStudyPage.objects.get(import_id="cs-1")
    public = make_member(name="Open NGO", city="Sofia", member_type="ngo",
                         contact_email="secret@example.org")
    link_members(page, public, make_member(name="Pending Ltd", status=Status.PENDING))
    data = client.get(f"/api/v2/case-studies/{page.pk}/").json()
    assert data["members"] == [{
        "name": "Open NGO", "slug": public.slug, "member_type": "ngo", "city": "Sofia",
        "url": public.get_absolute_url(),
    }]
    listing = client.get("/api/v2/case-studies/?fields=members").json()
    assert listing["items"][0]["members"][0]["name"] == "Open NGO"
    assert "secret@example.org" not in str(listing)


def test_member_chooser_searches_members(sections, admin_client):
    make_member(name="Rodopa Textile", city="Kardzhali", status=Status.PENDING)
    make_member(name="Sliven Wool", city="Sliven")
    url = reverse("member_chooser:choose")
    html = admin_client.get(url).content.decode()
    assert "Rodopa Textile" in html and "Sliven Wool" in html
    results = admin_client.get(reverse("member_chooser:choose_results"), {"q": "kardz"})
    html = results.content.decode()
    assert "Rodopa Textile" in html and "Sliven Wool" not in html
    with translation.override("bg"):  # the admin speaks the site's default language
        assert str(Status.PENDING.label) in html
    chosen = Member.objects.get(name="Sliven Wool")
    data = admin_client.get(reverse("member_chooser:chosen", args=[chosen.pk])).json()
    assert data["result"]["id"] == str(chosen.pk) and data["result"]["title"] == "Sliven Wool"


def test_case_study_edit_form_uses_the_member_chooser(sections, admin_client):
    import_records(case_study())
    page = CaseStudyPage.objects.get(import_id="cs-1")
    link_members(page, make_member(name="Chosen NGO"))
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert reverse("member_chooser:choose") in html
    assert "Chosen NGO" in html
