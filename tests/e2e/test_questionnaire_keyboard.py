"""A matrix questionnaire answered in a real browser with the keyboard only.

Tab, Space, the arrow keys and Enter, never the mouse: the skip link, one radio
group per question and per matrix row, an error summary that takes the focus
and whose links take it to the field to fix, and no answer that submits the
form by itself. The browser records any Content-Security-Policy violation.
"""

import re

import pytest

from monitoring.models import Response
from tests.factories import build_site_tree
from tests.monitoring.builders import (
    dual,
    make_questionnaire,
    make_survey_index,
    matrix,
    single,
    text,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (event) => window.__csp.push(
    [event.effectiveDirective, event.blockedURI]));
"""


def focused(page):
    return page.evaluate(
        "({id: document.activeElement.id, name: document.activeElement.name || '',"
        " text: (document.activeElement.textContent || '').trim()})")


def tab_to(page, test, limit=40):
    """Press Tab until ``test(focused element)`` holds."""
    for _n in range(limit):
        page.keyboard.press("Tab")
        if test(focused(page)):
            return focused(page)
    raise AssertionError(f"Tab never reached the element; last: {focused(page)}")


def checked(page, name):
    return page.evaluate(
        f"document.querySelector('input[name=\"{name}\"]:checked')?.value || null")


def test_answer_a_matrix_questionnaire_with_the_keyboard_only(page, live_server):
    homes = build_site_tree()
    questionnaire = make_questionnaire(make_survey_index(homes["en"]), [
        single("Q1", "Do you sort waste?", [("yes", "Yes"), ("no", "No")]),
        text("Q2", "Why not?", required=False, condition=("Q1", "any", "no")),
        matrix("Q3", "Rate the services", [("a", "Information"), ("b", "Training")],
               [("1", "Poor"), ("2", "Fair"), ("3", "Good")]),
        dual("Q4", "Competence blocks", [("bm", "Business model")]),
    ], title="Services survey")
    page.context.add_init_script(RECORD)
    page.goto(live_server.url + questionnaire.url)
    loads = []
    page.on("load", lambda _page: loads.append(1))

    # The names say row and column; each question is a group named by its legend.
    assert page.get_by_role("radio", name="Training: Fair").count() == 1
    assert page.get_by_role("radio", name="Business model, Interest: High").count() == 1
    assert page.get_by_role("group", name=re.compile("Rate the services")).count() == 1
    assert page.get_by_role("radiogroup", name="Information").count() == 1

    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to content"
    page.keyboard.press("Enter")
    tab_to(page, lambda element: element["name"] == "q.Q1")
    page.keyboard.press("Space")
    assert checked(page, "q.Q1") == "yes"
    page.keyboard.press("ArrowDown")
    assert checked(page, "q.Q1") == "no"
    assert loads == []  # changing an answer submits nothing
    # "No" shows the conditional question; it is next in the tab order.
    assert page.get_by_label("Why not?").is_visible()
    assert focused(page)["name"] == "q.Q1"
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "q.Q2"
    page.keyboard.type("No room for bins")

    page.keyboard.press("Tab")
    assert focused(page)["name"] == "q.Q3.a"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    assert checked(page, "q.Q3.a") == "2"
    # Leave the row "Training" and the dual-scale matrix empty, and send.
    tab_to(page, lambda element: element["text"] == "Send your answers")
    with page.expect_navigation():  # the form posts; wait for the answer page, not the old one
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")

    assert focused(page)["id"] == "error-summary"
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    assert summary.get_by_role("link", name="3. Rate the services: Answer every row.").count() == 1
    assert page.title().startswith("Error:")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "3. Rate the services: Answer every row."
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_q.Q3.b_0"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert checked(page, "q.Q3.b") == "3"
    # What was entered before the error is still there.
    assert checked(page, "q.Q3.a") == "2" and checked(page, "q.Q1") == "no"

    for name, presses in (("q.Q4.first.bm", 2), ("q.Q4.second.bm", 1)):
        tab_to(page, lambda element, name=name: element["name"] == name)
        page.keyboard.press("Space")
        for _n in range(presses):
            page.keyboard.press("ArrowRight")
    tab_to(page, lambda element: element["text"] == "Send your answers")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/thanks/$"))
    assert "your answer is saved" in page.content()

    assert Response.objects.get().answers == {
        "Q1": "no", "Q2": "No room for bins", "Q3": {"a": "2", "b": "3"},
        "Q4": {"first": {"bm": "3"}, "second": {"bm": "2"}},
    }
    assert page.evaluate("window.__csp") == []
