"""What learning adds to a member: facilitated programmes on the profile, records in the data
download, and a waiting list that moves when a learner's account is deleted."""

import pytest

from learning import booking
from learning.enrolment import enrol
from learning.models import Booking, ProgrammeFacilitator
from tests.learning.builders import make_programme, make_session
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db


def test_the_profile_lists_the_programmes_a_member_facilitates(client, index):
    facilitator = make_member(name="Водеща организация")
    programme = make_programme(index["bg"], title="Програма с водещ")
    ProgrammeFacilitator.objects.create(page=programme, member=facilitator)
    draft = make_programme(index["bg"], title="Чернова", publish_it=False)
    ProgrammeFacilitator.objects.create(page=draft, member=facilitator)
    html = client.get(facilitator.get_absolute_url()).content.decode()
    assert "Програма с водещ" in html and "Чернова" not in html


def test_my_data_holds_my_learning_records(learner_client, index):
    programme = make_programme(index["bg"], title="Моите данни")
    enrol(programme, learner_client.learner, gender="female")
    booking.book(make_session(programme, title="Моят семинар"), learner_client.learner)
    data = learner_client.get("/bg/network/my-data.json").json()
    [enrolment] = data["learning"]["enrolments"]
    assert (enrolment["programme"], enrolment["gender"]) == ("Моите данни", "female")
    assert data["learning"]["bookings"][0]["session"] == "Моят семинар"


def test_deleting_an_account_gives_its_place_to_the_first_waiting(
        index, django_capture_on_commit_callbacks):
    from network.gdpr import delete_account

    session = make_session(make_programme(index["bg"]), capacity=1)
    leaving, waiting = make_member(), make_member()
    booking.book(session, leaving)
    booking.book(session, waiting)
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(leaving.user)
    assert Booking.objects.get(learner=waiting).status == "confirmed"


def test_my_data_holds_my_certificates_and_mentoring(learner_client, index, settings, tmp_path):
    """A learner's certificates, the mentoring it asked for (meetings, its feedback) and, for a
    mentor, the mentor profile and the requests it received: all in 'download my data'."""
    from django.utils import timezone

    from learning.mentoring import rules
    from learning.models import MentorProfile
    from tests.learning.certificate_builders import issued_certificate, use_new_signing_key

    use_new_signing_key(settings, tmp_path)
    learner = learner_client.learner
    certificate = issued_certificate(index, learner=learner)
    mentor = MentorProfile.objects.create(
        member=make_member(name="Ментор Петров"), expertise="Финансиране", capacity=2,
        languages=["bg"], levels=["start-up"], status="approved")
    request = rules.ask(learner, mentor, "Помощ с бизнес плана")
    request = rules.accept(request)
    rules.log_meeting(request, mentor.member, timezone.now(), 60, place="София")
    rules.leave_feedback(request, learner, 5, "Много полезно")

    data = learner_client.get("/bg/network/my-data.json").json()
    [held] = data["certificates"]
    assert (held["code"], held["name_on_certificate"]) == (certificate.code, "Мария Иванова")
    assert held["verification_url"].endswith(f"/certificates/{certificate.code}/")
    [asked] = data["mentoring"]["requests_made"]
    assert (asked["mentor"], asked["message"], asked["state"]) == (
        "Ментор Петров", "Помощ с бизнес плана", "accepted")
    assert asked["meetings"][0]["minutes"] == 60
    assert asked["my_feedback"] == {"rating": 5, "comment": "Много полезно"}
    assert data["mentoring"]["mentor_profile"] is None

    learner_client.force_login(mentor.member.user)
    MentorProfile.objects.filter(pk=mentor.pk).update(pending_changes={"expertise": "Нова"})
    mentors = learner_client.get("/bg/network/my-data.json").json()
    assert mentors["mentoring"]["mentor_profile"]["expertise"] == "Финансиране"
    assert mentors["mentoring"]["mentor_profile"]["changes_waiting_for_approval"] == {
        "expertise": "Нова"}  # the mentor's waiting edit is personal data too
    [received] = mentors["mentoring"]["requests_received"]
    assert (received["learner"], received["message"]) == ("Мария Иванова", "Помощ с бизнес плана")
    assert received["my_feedback"] is None and mentors["certificates"] == []
