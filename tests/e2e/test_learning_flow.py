"""A learner enrols, works through the lessons, passes a quiz and books sessions (one full)."""

import re

import pytest
from playwright.sync_api import expect

from learning import booking
from learning.models import Booking, Completion
from tests.learning.builders import (
    build_index,
    make_lesson,
    make_module,
    make_programme,
    make_session,
    two_question_quiz,
)
from tests.network.factories import PASSWORD, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_enrol_lessons_quiz_and_booking(page, live_server):
    index = build_index()
    programme = make_programme(index["en"], title="Design thinking", slug="design-thinking",
                               format="blended", min_attendance_percent=0)
    module = make_module(programme, title="Empathy", slug="empathy")
    make_lesson(module, title="Why design thinking", slug="why")
    make_lesson(module, [two_question_quiz(pass_mark=100)], title="Interviews", slug="interviews")
    make_session(programme, capacity=5, title="Intro meetup")
    full = make_session(programme, capacity=1, title="Prototyping workshop")
    booking.book(full, make_member(name="Early bird"))
    learner = make_member(name="Elena")

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("#id_login").fill(learner.user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r".*/network/.*|.*/en/$"))

    page.goto(f"{live_server.url}{programme.url}")
    page.get_by_label("Gender (optional)").select_option("female")
    page.get_by_role("button", name="Enrol in this programme").click()
    expect(page.get_by_text("You are enrolled. Welcome to the programme!")).to_be_visible()

    page.get_by_role("link", name=re.compile(r"Start the first lesson")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Why design thinking")
    page.get_by_role("button", name="Mark this lesson as done").click()
    expect(page.get_by_text("Lesson marked as done.")).to_be_visible()
    page.get_by_role("link", name=re.compile("Next: Interviews")).click()

    quiz = page.get_by_role("region", name=re.compile("Check yourself"))
    # Submitting with a question unanswered shows an error summary and stores nothing.
    quiz.get_by_label("The people it serves").check()
    quiz.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("alert")).to_contain_text("Please answer every question")
    quiz = page.get_by_role("region", name=re.compile("Check yourself"))
    first = quiz.get_by_role("group", name=re.compile("Who is at the centre"))
    first.get_by_label("The people it serves").check()
    second = quiz.get_by_role("group", name=re.compile("Which are stages"))
    second.get_by_label("Empathise").check()
    second.get_by_label("Prototype").check()
    quiz.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("Passed with 100%.")).to_be_visible()
    page.get_by_role("button", name="Mark this lesson as done").click()
    expect(page.get_by_text("You have completed the programme. Congratulations!")).to_be_visible()
    assert Completion.objects.filter(enrolment__learner=learner).exists()

    page.get_by_role("link", name="Back to the programme").click()
    sessions = page.get_by_role("region", name="Sessions")
    sessions.get_by_role("button", name=re.compile(r"Book a place\W+Intro meetup")).click()
    expect(page.get_by_text("Your place is booked.")).to_be_visible()
    page.go_back()
    page.reload()
    sessions = page.get_by_role("region", name="Sessions")
    sessions.get_by_role("button", name=re.compile(r"Join the waiting list\W+Prototyping")).click()
    expect(page.get_by_text(re.compile(r"you are on the waiting list \(number 1\)"))).to_be_visible()
    assert set(Booking.objects.filter(learner=learner).values_list("status", flat=True)) == {
        "confirmed", "waiting"}
