"""Calls a member is eligible for: the dashboard panel, the index filter, saving calls and the
deadline reminder (sent once, through the mail queue)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from funding.eligibility import Applicant, eligible_calls
from funding.models import FundingCallPage, SavedCall
from funding.reminders import send_call_reminders
from tests.importing.builders import call, import_records
from tests.network.factories import make_member
from website.models import MailKind, OutgoingMail, Pillar, Region

pytestmark = pytest.mark.django_db


def iso(days):
    return (timezone.now() + timedelta(days=days)).isoformat()


def terms(model, *slugs, language="en"):
    return list(model.objects.filter(slug__in=slugs, locale__language_code=language))


def restrict(page_id, regions=(), pillars=(), language="en"):
    """Set a call's eligible regions and pillars and publish it, as an editor would."""
    page = FundingCallPage.objects.get(pk=page_id)
    page.eligible_regions = terms(Region, *regions, language=language)
    page.eligible_pillars = terms(Pillar, *pillars, language=language)
    page.save_revision().publish()
    return FundingCallPage.objects.get(pk=page_id)


@pytest.fixture
def calls(sections):
    import_records(
        call(id="ngo-sw", title="South-West NGOs call", opens=iso(-5), deadline=iso(40),
             eligible=["ngo"]),
        call(id="biz-textiles", title="Textile business call", opens=iso(-5), deadline=iso(30),
             eligible=["business"]),
        call(id="anyone", title="Open to all call", opens=iso(-5), deadline=iso(20), eligible=[]),
        call(id="closed", title="Closed business call", opens=iso(-50), deadline=iso(-1),
             eligible=["business"]),
    )
    pages = {p.title: p for p in FundingCallPage.objects.filter(locale__language_code="en")}
    restrict(pages["South-West NGOs call"].pk, regions=["bg-south-west"])
    restrict(pages["Textile business call"].pk, pillars=["textiles"])
    return {title: FundingCallPage.objects.get(pk=p.pk) for title, p in pages.items()}


def bg(model, slug):
    return model.objects.get(slug=slug, locale__language_code="bg")


@pytest.fixture
def textile_business(calls):
    """A business in the textiles pillar, from another region; its profile is in Bulgarian."""
    return make_member(member_type="business", pillars=[bg(Pillar, "textiles")])


@pytest.fixture
def southwest_ngo(calls):
    return make_member(member_type="ngo", region=bg(Region, "bg-south-west"),
                       pillars=[bg(Pillar, "agri")])


def titles(queryset):
    return sorted(page.title for page in queryset)


def test_eligibility_matches_type_region_and_pillar_across_languages(textile_business,
                                                                     southwest_ngo):
    en = Locale.objects.get(language_code="en")
    assert titles(eligible_calls(textile_business, en)) == ["Open to all call",
                                                            "Textile business call"]
    assert titles(eligible_calls(southwest_ngo, en)) == ["Open to all call",
                                                         "South-West NGOs call"]
    # An NGO elsewhere passes the type but not the region; an agri business not the pillar.
    elsewhere = make_member(member_type="ngo")
    agri_business = make_member(member_type="business", pillars=[bg(Pillar, "agri")])
    assert titles(eligible_calls(elsewhere, en)) == ["Open to all call"]
    assert titles(eligible_calls(agri_business, en)) == ["Open to all call"]


def test_applicant_key_is_the_profile_not_the_member(textile_business):
    twin = make_member(member_type="business", pillars=[bg(Pillar, "textiles")])
    assert Applicant.of(twin).key == Applicant.of(textile_business).key


def listing(client, query=""):
    response = client.get("/en/funding/" + query)
    assert response.status_code == 200
    return response.content.decode()


def test_index_filter_for_a_matching_member(client, textile_business):
    client.force_login(textile_business.user)
    html = listing(client)
    assert 'name="for_me"' in html and "Eligible for my organisation" in html
    assert "South-West NGOs call" in html
    filtered = listing(client, "?for_me=1")
    assert "Textile business call" in filtered and "Open to all call" in filtered
    assert "South-West NGOs call" not in filtered, filtered[filtered.find("South-West NGOs") - 300:]
    # Eligibility is one filter among others: the status filter is the visitor's choice.
    assert "Closed business call" in filtered
    assert "Closed business call" not in listing(client, "?for_me=1&status=open")
    assert 'name="for_me" value="1" checked' in filtered


def test_index_filter_is_per_profile_not_a_shared_cached_listing(client, textile_business,
                                                                 southwest_ngo):
    client.force_login(textile_business.user)
    assert "Textile business call" in listing(client, "?for_me=1")
    client.force_login(southwest_ngo.user)
    filtered = listing(client, "?for_me=1")
    assert "South-West NGOs call" in filtered and "Textile business call" not in filtered


def test_anonymous_visitor_sees_no_filter_and_cannot_use_it(client, calls):
    html = listing(client)
    assert 'name="for_me"' not in html and "Eligible for my organisation" not in html
    assert "South-West NGOs call" in listing(client, "?for_me=1")


def test_dashboard_lists_eligible_calls(client, southwest_ngo):
    client.force_login(southwest_ngo.user)
    html = client.get("/en/network/").content.decode()
    assert "Calls I am eligible for" in html
    assert "South-West NGOs call" in html and "Textile business call" not in html
    assert "Closed business call" not in html


def test_member_saves_and_removes_a_call_with_plain_forms(client, textile_business, calls):
    page = calls["Textile business call"]
    client.force_login(textile_business.user)
    assert "Save this call" in client.get(page.url).content.decode()
    response = client.post(f"/en/saved-calls/{page.pk}/", {"action": "save"})
    assert response.status_code == 302
    client.post(f"/en/saved-calls/{page.pk}/", {"action": "save"})  # twice: saved once
    assert SavedCall.objects.filter(member=textile_business, call=page).count() == 1
    assert "Remove from saved calls" in client.get(page.url).content.decode()
    assert "Textile business call" in client.get("/en/saved-calls/").content.decode()
    client.post(f"/en/saved-calls/{page.pk}/", {"action": "remove", "next": "saved"})
    assert not SavedCall.objects.filter(member=textile_business).exists()


def test_saving_needs_a_member_a_post_and_a_live_call(client, textile_business, calls):
    page = calls["Textile business call"]
    assert client.post(f"/en/saved-calls/{page.pk}/").status_code == 302  # to sign in
    client.force_login(textile_business.user)
    assert client.get(f"/en/saved-calls/{page.pk}/").status_code == 405
    page.unpublish()
    assert client.post(f"/en/saved-calls/{page.pk}/", {"action": "save"}).status_code == 404
    assert not SavedCall.objects.exists()


def reminders():
    return OutgoingMail.objects.filter(kind=MailKind.CALL_REMINDER)


def test_reminder_goes_once_seven_days_before_the_deadline(textile_business, calls):
    page = calls["Textile business call"]  # deadline in 30 days
    SavedCall.objects.create(member=textile_business, call=page)
    assert send_call_reminders() == 0
    eight_days_before = page.deadline - timedelta(days=8)
    assert send_call_reminders(now=eight_days_before) == 0
    week_before = page.deadline - timedelta(days=7)
    assert send_call_reminders(now=week_before) == 1
    assert send_call_reminders(now=week_before + timedelta(hours=1)) == 0
    call_command("send_call_reminders")  # not due today: nothing
    assert reminders().count() == 1
    assert SavedCall.objects.get().reminded_at == week_before
    message = reminders().get()
    assert message.to == [textile_business.user.email]
    assert "Textile business call" in message.subject and "/en/funding/" in message.body
    # The member's profile has no language: its mail is in the site's default, Bulgarian.
    assert message.language == "bg"


def test_no_reminder_for_closed_unsaved_or_unpublished_calls(textile_business, calls):
    SavedCall.objects.create(member=textile_business, call=calls["Closed business call"])
    open_page = calls["Open to all call"]  # deadline in 20 days, not saved
    later = open_page.deadline - timedelta(days=3)
    assert send_call_reminders(now=later) == 0
    saved = calls["Textile business call"]
    SavedCall.objects.create(member=textile_business, call=saved)
    saved.unpublish()
    assert send_call_reminders(now=saved.deadline - timedelta(days=2)) == 0
    assert not reminders().exists()
