"""A member's profile lists the live, public case studies that link to it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from casestudies.models import CaseStudyPage
from network.choices import Status
from tests.importing.builders import (
    build_sections,
    build_taxonomy,
    case_study,
    import_records,
    link_members,
)
from tests.network.factories import make_member
from website.models import Pillar

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(db):
    build_sections()
    build_taxonomy()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_member_profile_lists_live_public_case_studies_in_the_language(sections, client):
    member = make_member(name="Hub NGO")
    import_records(
        case_study(id="cs-live", title="Live case"),
        case_study(id="cs-live-bg", language="bg", translation_of="cs-live", title="Жив случай"),
        case_study(id="cs-draft", title="Draft case"),
        case_study(id="cs-private", title="Private case"),
        case_study(id="cs-other", title="Unrelated case"),
    )
    # Only the English page links; its Bulgarian translation shows on the Bulgarian profile.
    for import_id in ("cs-live", "cs-draft", "cs-private"):
        link_members(CaseStudyPage.objects.get(import_id=import_id), member)
    CaseStudyPage.objects.get(import_id="cs-draft").unpublish()
    PageViewRestriction.objects.create(
        page=CaseStudyPage.objects.get(import_id="cs-private"), restriction_type="login")
    html = get(client, f"/en/network/members/{member.slug}/")
    section = html[html.index('id="case-studies-heading"'):]
    section = section[:section.index("</section>")]
    assert "Case studies featuring this member" in html
    assert "Live case" in section and 'href="/en/case-studies/cs-live/"' in section
    assert "Жив случай" not in section
    for hidden in ("Draft case", "Private case", "Unrelated case"):
        assert hidden not in html
    html = get(client, f"/bg/network/members/{member.slug}/")
    assert "Жив случай" in html and "Live case" not in html


def test_member_profile_falls_back_to_the_linking_language(sections, client):
    member = make_member(name="Hub NGO")
    import_records(case_study(id="cs-bg", language="bg", title="Само на български"))
    link_members(CaseStudyPage.objects.get(import_id="cs-bg"), member)
    html = get(client, f"/el/network/members/{member.slug}/")
    assert "Само на български" in html and 'href="/bg/case-studies/cs-bg/"' in html


def test_pending_member_profile_lists_nothing_for_its_owner(sections, client):
    member = make_member(status=Status.PENDING)
    import_records(case_study())
    link_members(CaseStudyPage.objects.get(import_id="cs-1"), member)
    client.force_login(member.user)
    html = get(client, f"/en/network/members/{member.slug}/")
    assert 'id="case-studies-heading"' not in html


def test_queries_do_not_grow_with_the_linking_case_studies(sections, client):
    member = make_member(name="Hub NGO")
    url = f"/en/network/members/{member.slug}/"

    def count(n_pages):
        ids = [f"cs-{n_pages}-{n}" for n in range(n_pages)]
        import_records(*[case_study(id=i, title=f"Case {i}") for i in ids])
        for import_id in ids:
            link_members(CaseStudyPage.objects.get(import_id=import_id), member)
        get(client, url)
        get(client, url)  # the site chrome is cached by then
        with CaptureQueriesContext(connection) as queries:
            html = get(client, url)
        assert all(f"Case {i}" in html for i in ids)
        return len(queries)

    assert count(1) == count(6)


def test_a_listed_case_study_is_not_repeated_under_related_content(sections, client):
    member = make_member(name="Textile NGO", pillars=Pillar.objects.filter(slug="textiles"))
    import_records(case_study(id="cs-linked", title="Linked case"),
                   case_study(id="cs-shared", title="Shares a pillar"))
    link_members(CaseStudyPage.objects.get(import_id="cs-linked"), member)
    html = get(client, f"/en/network/members/{member.slug}/")
    related = html[html.index('id="related-heading"'):]
    assert "Shares a pillar" in related and "Linked case" not in related
    assert html.count("Linked case") == 1
