"""The search contract, checked through the JSON API on imported content (embedded engine).

Kinds are the import ``type`` values (plus ``offer``, ``need`` and ``news`` for
what members post); a result id is ``<type>:<import id>`` for what was
imported and ``<type>:<type>-<pk>`` for what was made on the site; tags are
searchable words; events keep their countries and tags; a profile is indexed
in the language it was written in.
"""

import pytest
from django.core.management import call_command

from network.choices import ActivityKind, PostKind
from network.models import EventIndexPage
from search.sync import process_outbox
from tests.factories import make_page
from tests.importing.builders import (
    build_sections,
    build_taxonomy,
    call,
    case_study,
    import_records,
    term,
)
from tests.network.factories import make_activity, make_member, make_post
from website.models import Country

pytestmark = pytest.mark.django_db
API = "/api/search/"

EVENT = {
    "type": "event", "id": "ev-forum", "language": "en", "title": "Circular forum",
    "summary": "Four countries meet.", "body": "Talks and workshops.",
    "starts": "2030-10-08T10:00:00+03:00", "ends": "2030-10-08T16:00:00+03:00",
    "location": "Sofia", "countries": ["BG", "GR", "FI", "DE"], "tags": ["upcycling"],
}
MEMBER = {
    "type": "member", "id": "m-english", "language": "en", "title": "Oakleaf Cooperative",
    "summary": "We repair furniture and train apprentices.", "member_type": "ngo",
}


@pytest.fixture
def imported(search_index):
    homes, _sections = build_sections()
    build_taxonomy()
    for code in ("FI", "DE"):
        term(Country, code, {"en": code})
    make_page(homes["en"], EventIndexPage, title="Events", slug="events")
    import_records(
        case_study(tags=["photovoice", "reuse"]), call(), EVENT, MEMBER,
    )
    call_command("rebuild_search_index", interactive=False, verbosity=0)
    return homes


def results(client, **params):
    response = client.get(API, params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.content
    return response.json()


def test_kinds_and_ids_are_the_import_types_and_ids(client, imported):
    data = results(client)
    assert {hit["id"]: hit["kind"] for hit in data["results"]} == {
        "case_study:cs-1": "case_study",
        "funding_call:call-1": "funding_call",
        "event:ev-forum": "event",
        "member:m-english": "member",
    }
    assert {value["value"] for value in data["facets"]["kind"]} == {
        "case_study", "funding_call", "event", "member"}
    calls = results(client, kind="funding_call")
    assert [hit["id"] for hit in calls["results"]] == ["funding_call:call-1"]


def test_former_kind_spellings_still_filter(client, imported):
    data = results(client, kind="case-study,funding-call")
    assert {hit["id"] for hit in data["results"]} == {"case_study:cs-1", "funding_call:call-1"}
    selected = {v["value"] for v in data["facets"]["kind"] if v["count"]} - {"event", "member"}
    assert selected == {"case_study", "funding_call"}
    assert client.get(API, {"kind": "no-such-kind"}).status_code == 400


def test_a_tag_word_finds_the_tagged_item(client, imported):
    data = results(client, q="photovoice")
    assert [hit["id"] for hit in data["results"]] == ["case_study:cs-1"]


def test_events_keep_their_countries_and_tags(client, imported):
    assert [hit["id"] for hit in results(client, country="FI")["results"]] == ["event:ev-forum"]
    assert [hit["id"] for hit in results(client, tag="upcycling")["results"]] == [
        "event:ev-forum"]
    assert [hit["id"] for hit in results(client, q="upcycling")["results"]] == [
        "event:ev-forum"]


def test_a_profile_is_indexed_in_its_own_language(client, imported):
    english = results(client, q="apprentices", language="en")
    assert [hit["id"] for hit in english["results"]] == ["member:m-english"]
    assert english["results"][0]["language"] == "en"
    assert results(client, q="apprentices", language="bg")["results"] == []


@pytest.fixture
def posted(search_index, site_tree, django_capture_on_commit_callbacks):
    """A member (made on the site) with an offer, a need, an event and news, indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        member = make_member(name="Loom Works")
        offer = make_post(member=member, kind=PostKind.OFFER, title="Cotton offcuts")
        need = make_post(member=member, kind=PostKind.NEED, title="Wool yarn wanted")
        event = make_activity(member=member, kind=ActivityKind.EVENT, title="Open loom day")
        news = make_activity(member=member, kind=ActivityKind.NEWS, title="New loom arrived")
    process_outbox()
    return member, offer, need, event, news


def test_members_posts_are_offers_and_needs_and_their_activities_events_and_news(
    client, posted
):
    member, offer, need, event, news = posted
    data = results(client, page_size=50)
    assert {hit["id"]: hit["kind"] for hit in data["results"]} == {
        f"member:member-{member.pk}": "member",
        f"offer:offer-{offer.pk}": "offer",
        f"need:need-{need.pk}": "need",
        f"event:member-event-{event.pk}": "event",
        f"news:member-news-{news.pk}": "news",
    }
    old = results(client, kind="b2b")
    assert {hit["kind"] for hit in old["results"]} == {"offer", "need"}
    labels = {value["value"]: value["label"] for value in data["facets"]["kind"]}
    assert labels["offer"] == "Offer" and labels["news"] == "News"


def test_an_offer_turned_into_a_need_leaves_no_offer_behind(
    client, posted, django_capture_on_commit_callbacks
):
    _member, offer, *_rest = posted
    offer.kind = PostKind.NEED
    with django_capture_on_commit_callbacks(execute=True):
        offer.save()
    process_outbox()
    found = {hit["id"] for hit in results(client, q="cotton")["results"]}
    assert found == {f"need:need-{offer.pk}"}


def test_a_profile_in_another_language_is_marked_with_its_lang(client, imported):
    from django.utils import translation

    from network.models import Member

    member = Member.objects.get(import_id="m-english")
    assert member.language == "en"
    for code, marked in (("bg", True), ("el", True), ("en", False)):
        with translation.override(code):
            url = member.get_absolute_url()
        html = client.get(url).content.decode()
        assert ('<p class="lead" lang="en">' in html) is marked, code


def test_notes_and_errors_are_in_the_visitors_language(client, search_index, site_tree):
    bad = client.get(API, {"sort": "bogus"}, HTTP_ACCEPT_LANGUAGE="bg")
    assert bad.status_code == 400
    assert bad.json()["error"].startswith("Непозната подредба „bogus“")
    bad = client.get(API, {"year": "soon"}, HTTP_ACCEPT_LANGUAGE="el")
    assert bad.json()["error"] == "έτος: το «soon» δεν είναι έτος."
    data = client.get(API, {"q": "x" * 600}, HTTP_ACCEPT_LANGUAGE="el").json()
    assert data["notes"] == [
        "Η αναζήτησή σας περικόπηκε στους πρώτους 500 χαρακτήρες.",
        "Κανένα αποτέλεσμα. Δοκιμάστε λιγότερες λέξεις, άλλη ορθογραφία ή λιγότερα φίλτρα.",
    ]
    page = client.get("/bg/search/", {"q": "несъществуващодума"}).content.decode()
    assert "Няма резултати. Опитайте с по-малко думи" in page


def test_page_ids_refuses_a_kind_two_models_share():
    """Event pages and members' events are both ``event``: their pks must not be mixed."""
    from network.models import EventPage
    from search import api

    with pytest.raises(LookupError, match="shares the kinds"):
        api.page_ids("forum", model=EventPage)


def test_status_facet_values_are_labelled_in_the_page_language():
    """The search page showed "forthcoming" and "open" under an English "Funding status"."""
    from django.utils import translation

    from search import registry
    from search.views import FACET_TITLES

    labels = registry.facet_labels("status", ["open", "forthcoming", "closing-soon", "bogus"], "bg")
    assert labels == {"open": "Отворена", "forthcoming": "Предстояща", "closing-soon": "Скоро изтича"}
    assert registry.facet_labels("status", ["open"], "el") == {"open": "Ανοιχτή"}
    with translation.override("bg"):
        assert str(FACET_TITLES["status"]) == "Статус на поканата"
