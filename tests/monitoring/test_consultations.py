"""Public consultations: phases with dates, moderated comments on the draft, the result mail."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from monitoring import invitations
from monitoring.consultations import phases
from monitoring.models import ConsultationComment, Invitation, ResultNotice
from network.choices import Status
from search.registry import get_source
from tests.factories import translate
from tests.monitoring.builders import (
    answer,
    make_consultation,
    make_questionnaire,
    section,
    single,
)
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db
NOW = timezone.now()
DRAFT = [section("1", "Access to new markets"), section("2", "Cluster financing")]


def consultation(home, **fields):
    fields.setdefault("draft", DRAFT)
    fields.setdefault("comments_from", NOW - dt.timedelta(days=1))
    fields.setdefault("comments_until", NOW + dt.timedelta(days=10))
    return make_consultation(home, **fields)


def states(page):
    return {info.phase: info.state for info in phases(page)}


def test_phases_follow_the_dates(home):
    page = consultation(home, documents_from=timezone.localdate() + dt.timedelta(days=1),
                        body=[("paragraph", "<p>Background</p>")],
                        comments_from=NOW + dt.timedelta(days=2),
                        comments_until=NOW + dt.timedelta(days=9))
    make_questionnaire(page, [single("Q1", "Agree?", [("y", "Yes"), ("n", "No")])],
                       opens_at=NOW + dt.timedelta(days=5), closes_at=NOW + dt.timedelta(days=20))
    assert states(page) == {"reading": "upcoming", "comments": "upcoming",
                            "questionnaire": "upcoming", "result": "upcoming"}
    later = phases(page, NOW + dt.timedelta(days=6))
    assert {info.phase: info.state for info in later} == {
        "reading": "open", "comments": "open", "questionnaire": "open", "result": "upcoming"}
    after = phases(page, NOW + dt.timedelta(days=30))
    assert {info.phase: info.state for info in after}["comments"] == "closed"


def test_a_member_comments_on_a_section_and_it_waits_for_moderation(client, home):
    page = consultation(home)
    author = make_member(name="Rodopa Knitwear")
    client.force_login(author.user)
    rendered = client.get(page.url)
    form = next(s["form"] for s in rendered.context["sections"] if s["code"] == "2")
    response = client.post(page.url + "comment/", {
        "section": "2", "c-2-body": "Add guarantees for small clusters.",
        "c-2-submission_token": form["submission_token"].value(),
    })
    assert response.status_code == 302 and response["Location"].endswith("#section-2")
    comment = ConsultationComment.objects.get()
    assert (comment.section, comment.status, comment.member) == ("2", Status.PENDING, author)
    assert "awaiting moderation" in client.get(page.url).content.decode()
    assert "Add guarantees" not in Client().get(page.url).content.decode()
    # Sent for approval now, like everything members submit (the shared ``Moderated`` base).
    assert comment.submitted_at and comment.submission_token
    assert comment.language == "en" and comment.consultation_key == page.consultation_key


def test_only_approved_members_comment_and_only_while_comments_are_open(client, home):
    page = consultation(home)
    closed = consultation(home, comments_until=NOW - dt.timedelta(minutes=1))
    data = {"section": "1", "c-1-body": "Hello"}
    assert client.post(page.url + "comment/", data).status_code == 302  # anonymous
    client.force_login(make_member(status=Status.PENDING).user)
    assert client.post(page.url + "comment/", data).status_code == 302
    client.force_login(make_member().user)
    assert client.post(closed.url + "comment/", data).status_code == 302
    assert client.post(page.url + "comment/", {"section": "9", "c-9-body": "x"}).status_code == 302
    assert not ConsultationComment.objects.exists()
    assert client.get(page.url + "comment/").status_code == 405


def test_an_empty_comment_comes_back_with_its_error(client, home):
    page = consultation(home)
    client.force_login(make_member().user)
    response = client.post(page.url + "comment/", {"section": "1", "c-1-body": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not ConsultationComment.objects.exists()


def comment_on(page, member, status=Status.PENDING, body="A comment"):
    return ConsultationComment.objects.create(
        consultation_key=page.consultation_key, page=page, section="1", member=member,
        language=page.locale.language_code, body=body, status=status)


def test_editors_approve_and_the_comment_shows_under_its_section_in_every_language(
        editor_client, home, django_capture_on_commit_callbacks):
    page = consultation(home)
    bulgarian = translate(page, "bg", title="Международно сътрудничество")
    comment = comment_on(page, make_member(contact_email="office@rodopa.example"),
                         body="Support joint export missions.")
    listing = editor_client.get("/admin/monitoring/comments/")
    assert listing.status_code == 200 and "Support joint export" in listing.content.decode()
    url = reverse("monitoring_comments:approve", args=[comment.pk])
    page_html = editor_client.get(url)
    assert page_html.status_code == 200
    assert "Support joint export missions." in page_html.content.decode()  # what is decided on
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED and comment.approved_at
    assert mail.outbox[-1].to == ["office@rodopa.example"]
    for version in (page, bulgarian):
        html = Client().get(version.url).content.decode()
        assert "Support joint export missions." in html


def test_rejecting_needs_a_reason_and_mails_it(editor_client, home,
                                               django_capture_on_commit_callbacks):
    comment = comment_on(consultation(home), make_member(contact_email="m@rodopa.example"))
    url = reverse("monitoring_comments:reject", args=[comment.pk])
    assert editor_client.post(url, {"reason": ""}).status_code == 200
    assert ConsultationComment.objects.get().status == Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, {"reason": "Off topic."})
    assert ConsultationComment.objects.get().rejection_reason == "Off topic."
    assert "Off topic." in mail.outbox[-1].body


def test_editors_cannot_write_or_rewrite_comments(editor_client, home):
    comment = comment_on(consultation(home), make_member())
    assert editor_client.get("/admin/monitoring/comments/add/").status_code == 302
    assert editor_client.get(f"/admin/monitoring/comments/edit/{comment.pk}/").status_code == 302


def test_publishing_the_result_mails_everyone_who_took_part_once(
        home, django_capture_on_commit_callbacks):
    page = consultation(home)
    bulgarian = translate(page, "bg", title="Международно сътрудничество")
    questionnaire = make_questionnaire(page, [single("Q1", "Agree?", [("y", "Yes"), ("n", "No")])],
                                       mode="invited")
    commenter = make_member(contact_email="commenter@example.org", language="bg")
    comment_on(page, commenter, status=Status.APPROVED)
    comment_on(page, make_member(contact_email="rejected@example.org"), status=Status.REJECTED)
    invitation = Invitation.objects.create(questionnaire_key=questionnaire.questionnaire_key,
                                           email="invited@example.org", language="en")
    Invitation.objects.create(questionnaire_key=questionnaire.questionnaire_key,
                              email="silent@example.org", language="en")
    url = f"{questionnaire.url}?token={invitations.token_for(invitation)}"
    answer(Client(), questionnaire, {"q.Q1": "y"}, url=url)

    page.result_published = True
    page.result_synopsis = "<p>Most want joint missions.</p>"
    page.result_changes = "<p>The programme adds a call.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert sorted(m.to[0] for m in mail.outbox) == ["commenter@example.org", "invited@example.org"]
    english = next(m for m in mail.outbox if m.to == ["invited@example.org"])
    assert "Most want joint missions." in english.body and page.title in english.subject
    # In the member's language, about the page in that language.
    bulgarian_mail = next(m for m in mail.outbox if m.to == ["commenter@example.org"])
    assert bulgarian_mail.subject == "Резултат от консултацията: Международно сътрудничество"
    assert bulgarian.url in bulgarian_mail.body
    mail.outbox.clear()
    bulgarian.result_published, bulgarian.result_synopsis = True, "<p>Резултат.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        bulgarian.save_revision().publish()
        page.save_revision().publish()
    assert mail.outbox == []
    assert ResultNotice.objects.count() == 2


def test_the_result_page_shows_participants_and_published_statistics(client, home):
    page = consultation(home)
    questionnaire = make_questionnaire(page, [single("Q1", "Agree?", [("y", "Yes"), ("n", "No")])])
    for _n in range(6):
        assert answer(Client(), questionnaire, {"q.Q1": "y"}).status_code == 302
    comment_on(page, make_member(member_type="public-body"), status=Status.APPROVED)
    page.result_published, page.result_synopsis = True, "<p>Broad support.</p>"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Broad support." in html
    assert "7 participants took part" in html and "1 policy maker" in html
    assert "6 stakeholders" in html
    assert "<table" in html and "Agree?" in html


def test_a_consultation_is_findable_and_its_questionnaire_is_not(home):
    page = consultation(home, summary="Clusters and regional specialisation")
    document = get_source("consultation").to_document(page)
    assert document.kind == "consultation" and "Access to new markets" in document.body
    questionnaire = make_questionnaire(page, [single("Q1", "Agree?", [("y", "Yes"), ("n", "No")])])
    from search.registry import source_for

    assert source_for(questionnaire) is None


def test_only_approved_comments_of_public_members_are_ever_public(client, home):
    """Pending, rejected, and approved comments of members no longer public stay hidden."""
    page = consultation(home)
    author = make_member(name="Rodopa Knitwear")
    comment_on(page, author, body="Still pending.")
    comment_on(page, author, status=Status.REJECTED, body="Was rejected.")
    comment_on(page, make_member(listed=False), status=Status.APPROVED, body="Unlisted member.")
    withdrawn = make_member()
    comment_on(page, withdrawn, status=Status.APPROVED, body="Member withdrawn.")
    withdrawn.status = Status.REJECTED
    withdrawn.save()
    comment_on(page, make_member(), status=Status.APPROVED, body="Approved and public.")
    hidden = ["Still pending.", "Was rejected.", "Unlisted member.", "Member withdrawn."]

    client.force_login(make_member().user)  # another member: sees what anyone sees
    for html in (Client().get(page.url).content.decode(), client.get(page.url).content.decode()):
        assert "Approved and public." in html and "1 comment" in html
        assert not [text for text in hidden if text in html]
    client.force_login(author.user)
    own = client.get(page.url)
    assert "Still pending." in own.content.decode() and "Was rejected." not in own.content.decode()
    # The count is of the public comments: the author's waiting one is listed apart.
    assert "1 comment" in own.content.decode() and "2 comments" not in own.content.decode()
    assert "no-store" in own["Cache-Control"]  # a page with a pending comment is never shared


def test_the_result_is_not_findable_before_it_is_published(home):
    page = consultation(home, result_synopsis="<p>Secret synopsis.</p>",
                        result_changes="<p>Secret changes.</p>")
    document = get_source("consultation").to_document(page)
    assert "Secret" not in document.body
    page.result_published = True
    document = get_source("consultation").to_document(page)
    assert "Secret synopsis." in document.body and "Secret changes." in document.body


def test_the_database_search_does_not_find_an_unpublished_result(home):
    """Wagtail's own index (the search fallback) holds the result only once it is published."""
    from wagtail.search.backends import get_search_backend

    from monitoring.models import ConsultationPage

    page = consultation(home, result_synopsis="<p>Zanzibarian synopsis.</p>")
    page.save_revision().publish()
    backend = get_search_backend()
    assert not list(backend.search("Zanzibarian", ConsultationPage.objects.live()))
    page.result_published = True
    page.save_revision().publish()
    assert list(backend.search("Zanzibarian", ConsultationPage.objects.live())) == [page]


def test_waiting_comments_are_counted_for_those_who_moderate_them(editor, home):
    """The shared moderation queues (dashboard panel, daily digest) count pending comments."""
    from django.contrib.auth import get_user_model

    from website.moderation import waiting_for

    page = consultation(home)
    comment_on(page, make_member(), body="Waiting comment")
    comment_on(page, make_member(), status=Status.APPROVED, body="Approved comment")
    counts = {queue.name: (count, queue.url()) for queue, count in waiting_for(editor)}
    assert counts["consultation-comments"][0] == 1
    assert counts["consultation-comments"][1].startswith("/admin/monitoring/comments/")
    client = Client()
    client.force_login(editor)
    listing = client.get(counts["consultation-comments"][1]).content.decode()
    assert "Waiting comment" in listing and "Approved comment" not in listing
    stranger = get_user_model().objects.create_user("staff", "s@example.org", "pw")
    assert "consultation-comments" not in {queue.name for queue, _n in waiting_for(stranger)}


def test_linked_policies_and_questionnaires_show_only_while_public(client, home):
    """A consultation never shows the title of a private policy or questionnaire it links to."""
    from wagtail.models import PageViewRestriction

    from monitoring.models import ConsultationPolicyLink
    from tests.factories import make_page

    open_policy = make_page(home, title="Open circular policy", slug="open-policy")
    secret_policy = make_page(home, title="Secret draft policy", slug="secret-policy")
    PageViewRestriction.objects.create(page=secret_policy,
                                       restriction_type=PageViewRestriction.LOGIN)
    page = consultation(home)
    for order, policy in enumerate([open_policy, secret_policy]):
        ConsultationPolicyLink.objects.create(page=page, policy=policy, sort_order=order)
    questionnaire = make_questionnaire(page, [single("Q1", "Agree?", [("y", "Yes")])],
                                       title="Restricted questionnaire")
    PageViewRestriction.objects.create(page=questionnaire,
                                       restriction_type=PageViewRestriction.PASSWORD, password="x")
    html = client.get(page.url).content.decode()
    assert "Open circular policy" in html
    assert "Secret draft policy" not in html
    assert "Restricted questionnaire" not in html
