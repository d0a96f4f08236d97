"""Saved searches: saving from the search page, the digest, idempotence, feed, unsubscribe.

Real database, real embedded search index, real pages through the test client;
digests go through the real mail queue (``OutgoingMail`` rows).
"""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from following.choices import Frequency
from following.models import SavedSearch, SentItem
from following.tokens import feed_token
from network.choices import ActivityKind, PostKind, Status
from tests.factories import make_page
from tests.following.factories import activity, digests, indexed, links, post, run_digests
from tests.network.factories import make_member, make_user
from website.models import StandardPage

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def save(client, params, name="Looms", follow=True):
    return client.post("/en/following/searches/save/",
                       {"params": params, "name": name, "frequency": "daily"}, follow=follow)


@pytest.fixture
def loom_member(site_tree, django_capture_on_commit_callbacks):
    return indexed(django_capture_on_commit_callbacks, lambda: make_member(name="Loom Works"))


def test_the_search_page_offers_to_save_the_search_and_saves_it(member_client, loom_member):
    page = member_client.get("/en/search/?q=loom&kind=offer&page=1")
    html = page.content.decode()
    assert 'action="/en/following/searches/save/"' in html and "csrfmiddlewaretoken" in html
    assert 'name="params" value="q=loom&amp;kind=offer"' in html
    response = save(member_client, "q=loom&kind=offer&kind=need&page=3")
    saved = SavedSearch.objects.get(user=member_client.member.user)
    assert saved.params == "q=loom&kind=offer&kind=need"
    assert saved.name == "Looms" and saved.frequency == Frequency.DAILY and saved.language == "en"
    assert "Search “Looms” saved" in response.content.decode()
    dashboard = member_client.get("/en/network/").content.decode()
    assert "Looms" in dashboard and "/en/following/feed/" in dashboard


def test_a_bad_search_or_no_sign_in_or_no_csrf_token_saves_nothing(member_client, loom_member):
    response = save(member_client, "kind=no-such-kind")
    assert "The search was not saved" in response.content.decode()
    response = save(member_client, "q=x", name="x" * 500)
    assert "The search was not saved" in response.content.decode()
    anonymous = Client()
    assert "/accounts/login/" in save(anonymous, "q=loom", follow=False)["Location"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member_client.member.user)
    assert save(strict, "q=loom", follow=False).status_code == 403
    assert not SavedSearch.objects.exists()
    assert "Sign in to save this search" in anonymous.get("/en/search/?q=loom").content.decode()


def test_the_digest_has_only_new_public_approved_items(
    member_client, loom_member, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    before = post(capture, member=loom_member, title="Loom offcuts from before")
    save(member_client, "q=loom")
    new = post(capture, member=loom_member, title="Loom yarn offer")
    news = activity(capture, member=loom_member, kind=ActivityKind.NEWS, title="Loom news")
    pending = post(capture, member=loom_member, title="Loom pending", status=Status.PENDING)
    hidden_member = make_member(name="Hidden", listed=False)
    unlisted = post(capture, member=hidden_member, title="Loom of an unlisted member")
    home = site_tree_home()
    indexed(capture, lambda: make_page(home, StandardPage, publish_it=False, title="Loom draft"))
    private = indexed(capture, lambda: make_page(home, StandardPage, title="Loom private"))
    with capture(execute=True):
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        private.save_revision().publish()
    from search.sync import process_outbox
    process_outbox()

    assert run_digests() == 1
    [mail] = digests()
    assert mail.to == [member_client.member.user.email]
    body = mail.body
    assert "Loom yarn offer" in body and "Loom news" in body
    assert f"/network/b2b/{new.pk}/" in body and f"/network/activities/{news.pk}/" in body
    for absent in (before, pending, unlisted):
        assert absent.title not in body
    assert "Loom draft" not in body and "Loom private" not in body
    assert mail.headers["List-Unsubscribe"].startswith("<http")
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def site_tree_home():
    from website.models import HomePage

    return HomePage.objects.get(locale__language_code="bg")


def test_running_twice_sends_one_mail_and_never_repeats_an_item(
    member_client, loom_member, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    save(member_client, "q=loom")
    post(capture, member=loom_member, title="Loom first")
    assert run_digests() == 1
    assert run_digests() == 0
    SavedSearch.objects.update(checked_at=timezone.now())  # even if forced due again
    assert run_digests() == 0
    assert len(digests()) == 1
    post(capture, member=loom_member, title="Loom second")
    assert run_digests(days=2) == 1
    second = digests()[1].body
    assert "Loom second" in second and "Loom first" not in second
    assert SentItem.objects.filter(mailed=True).count() == 2


def test_weekly_waits_a_week_and_off_sends_nothing(
    member_client, loom_member, django_capture_on_commit_callbacks
):
    save(member_client, "q=loom")
    SavedSearch.objects.update(frequency=Frequency.WEEKLY)
    post(django_capture_on_commit_callbacks, member=loom_member, title="Loom weekly")
    assert run_digests(days=1) == 0
    assert run_digests(days=7) == 1
    SavedSearch.objects.update(frequency=Frequency.OFF)
    post(django_capture_on_commit_callbacks, member=loom_member, title="Loom after off")
    assert run_digests(days=30) == 0


def test_unsubscribe_by_token_turns_off_only_that_search(
    member_client, loom_member, django_capture_on_commit_callbacks
):
    save(member_client, "q=loom")
    save(member_client, "q=yarn", name="Yarn")
    post(django_capture_on_commit_callbacks, member=loom_member, title="Loom yarn")
    run_digests()
    body = digests()[0].body
    looms, yarn = SavedSearch.objects.order_by("pk")
    link = links(body, "unsubscribe")[0]
    path = link.split("://", 1)[1].split("/", 1)[1]
    anonymous = Client()
    page = anonymous.get(f"/{path}")
    assert page.status_code == 200 and "Looms" in page.content.decode()
    assert SavedSearch.objects.get(pk=looms.pk).frequency == Frequency.DAILY  # GET changes nothing
    done = anonymous.post(f"/{path}")
    assert "no more e-mails" in done.content.decode()
    assert SavedSearch.objects.get(pk=looms.pk).frequency == Frequency.OFF
    assert SavedSearch.objects.get(pk=yarn.pk).frequency == Frequency.DAILY


def test_a_bad_unsubscribe_token_says_so_and_changes_nothing(member_client, loom_member):
    save(member_client, "q=loom")
    saved = SavedSearch.objects.get()
    anonymous = Client()
    for token in ("nonsense", feed_token(saved), feed_token(saved)[:-2] + "xx"):
        response = anonymous.post(f"/en/following/unsubscribe/{token}/")
        assert response.status_code == 400
        assert "not valid" in response.content.decode()
    assert SavedSearch.objects.get().frequency == Frequency.DAILY


def test_the_atom_feed_is_valid_and_lists_only_public_items(
    member_client, loom_member, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    save(member_client, "q=loom")
    offer = post(capture, member=loom_member, title="Loom offer", kind=PostKind.OFFER)
    post(capture, member=loom_member, title="Loom pending", status=Status.PENDING)
    token = feed_token(SavedSearch.objects.get())
    response = Client().get(f"/en/following/feed/{token}/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own XML
    assert root.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert "Loom offer" in titles and "Loom pending" not in titles
    assert "Loom Works" in titles  # the member's own profile matches too
    links_ = [entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")]
    assert any(link.endswith(f"/network/b2b/{offer.pk}/") for link in links_)
    assert Client().get("/en/following/feed/forged:token/").status_code == 404
    SavedSearch.objects.all().delete()
    assert Client().get(f"/en/following/feed/{token}/").status_code == 404


def test_someone_elses_saved_search_is_a_404_and_stays(member_client, loom_member):
    save(member_client, "q=loom")
    saved = SavedSearch.objects.get()
    other = Client()
    other_user = make_user()
    make_member(user=other_user)
    other.force_login(other_user)
    assert other.post(f"/en/following/searches/{saved.pk}/",
                      {"name": "Mine now", "frequency": "off"}).status_code == 404
    assert other.post(f"/en/following/searches/{saved.pk}/delete/").status_code == 404
    assert "Looms" not in other.get("/en/network/").content.decode()
    saved.refresh_from_db()
    assert saved.name == "Looms" and saved.frequency == Frequency.DAILY


def test_rename_change_frequency_and_delete_on_the_dashboard(member_client, loom_member):
    save(member_client, "q=loom")
    saved = SavedSearch.objects.get()
    member_client.post(f"/en/following/searches/{saved.pk}/", {"name": "Weaving", "frequency": "weekly"})
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("Weaving", Frequency.WEEKLY)
    bad = member_client.post(f"/en/following/searches/{saved.pk}/",
                             {"name": "", "frequency": "hourly"}, follow=True)
    assert "Nothing was changed" in bad.content.decode()
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("Weaving", Frequency.WEEKLY)
    member_client.post(f"/en/following/searches/{saved.pk}/delete/")
    assert not SavedSearch.objects.exists()


def test_a_search_saved_in_bulgarian_gets_its_digest_in_bulgarian(
    member_client, loom_member, django_capture_on_commit_callbacks
):
    member_client.post("/bg/following/searches/save/", {"params": "q=loom", "name": "Станове",
                                                        "frequency": "daily"})
    post(django_capture_on_commit_callbacks, member=loom_member, title="Loom bg")
    run_digests()
    [mail] = digests()
    assert mail.language == "bg"
    assert "Запазено търсене „Станове“" in mail.body and "/bg/following/unsubscribe/" in mail.body
    assert mail.subject.startswith("Новото в запазените ви търсения")


def test_the_request_time_sweep_sends_what_is_due_once(
    member_client, loom_member, django_capture_on_commit_callbacks, settings
):
    from following.digest import sweep_following_digests
    from tests.following.factories import later

    settings.FOLLOWING_DIGEST_HOUR = 0
    save(member_client, "q=loom")
    post(django_capture_on_commit_callbacks, member=loom_member, title="Loom swept")
    assert sweep_following_digests(now=timezone.now()) is False  # nothing due yet
    cache_key_cleared()
    with django_capture_on_commit_callbacks(execute=True):
        SavedSearch.objects.update(checked_at=timezone.now() - (later() - timezone.now()))
        assert sweep_following_digests() is True
    # Committed, so the queue sent it at once (the test's mail backend keeps it).
    from django.core import mail

    [sent] = [message for message in mail.outbox if "Loom swept" in message.body]
    assert sent.extra_headers["List-Unsubscribe"].startswith("<http")
    assert len(digests()) == 1
    assert sweep_following_digests() is None  # checked a moment ago


def cache_key_cleared():
    from django.core.cache import cache

    from following.digest import CHECKED_KEY

    cache.delete(CHECKED_KEY)
