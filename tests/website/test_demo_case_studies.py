"""The demo case studies carry their social-innovation criteria and their network members."""

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.html import escape

from casestudies.models import CaseStudyPage
from network.models import Member

pytestmark = pytest.mark.django_db


def test_demo_case_studies_show_the_checklist_and_their_members(client):
    call_command("load_demo_content", verbosity=0)
    pages = CaseStudyPage.objects.live()
    assert pages.exists()
    assert not pages.filter(criteria=None).exists()  # every one, in every language
    for page in pages.prefetch_related("criteria"):
        assert {c.locale_id for c in page.criteria.all()} == {page.locale_id}

    bisi = Member.objects.get(import_id="m-bisi")
    for language in ("bg", "en"):
        html = client.get(f"/{language}/case-studies/cs-bisi-sofia/").content.decode()
        checklist = html[html.index('class="si-checklist"'):]
        assert checklist.count('class="met"') >= 3 and 'class="not-met"' in checklist
        members = html[html.index('id="members-heading"'):]
        with translation.override(language):
            assert f'href="{bisi.get_absolute_url()}"' in members
        assert escape(bisi.name) in members

    with translation.override("en"):
        html = client.get(bisi.get_absolute_url()).content.decode()
    assert 'href="/en/case-studies/cs-bisi-sofia/"' in html
    partners = CaseStudyPage.objects.get(import_id="cs-cesme-plus-sme-recovery")
    assert partners.featured_members.count() == 7
