"""Question types, pages and display conditions, through real requests to a questionnaire page.

The conditions are decided on the server: a hidden question is not required,
and whatever the browser sends for it is dropped before anything is stored.
"""

import pytest
from wagtail.blocks.stream_block import StreamBlockValidationError

from monitoring.blocks import QuestionnaireBlock
from monitoring.models import Response
from tests.monitoring.builders import (
    answer,
    date,
    dual,
    make_questionnaire,
    matrix,
    multiple,
    number,
    page_break,
    ranking,
    rating,
    single,
    text,
)

pytestmark = pytest.mark.django_db

YES_NO = [("yes", "Yes"), ("no", "No")]


def stored():
    return Response.objects.get().answers


def test_every_question_type_is_stored_in_its_documented_shape(client, surveys):
    page = make_questionnaire(surveys, [
        single("Q1", "Do you sort waste?", YES_NO, allow_other=True, other_label="Other"),
        multiple("Q2", "Which streams?", [("paper", "Paper"), ("glass", "Glass"),
                                          ("metal", "Metal")], allow_other=True),
        rating("Q3", "How satisfied are you?"),
        page_break("Competences"),
        matrix("Q4", "Rate the services", [("info", "Information"), ("train", "Training")],
               [("1", "Poor"), ("2", "Fair"), ("3", "Good")]),
        dual("Q5", "Competence blocks", [("bm", "Business model"), ("co", "Collaboration")]),
        ranking("Q6", "Rank the priorities", [("a", "A"), ("b", "B"), ("c", "C")]),
        number("Q7", "Employees"),
        date("Q8", "Since when?"),
        text("Q9", "Your organisation"),
        text("Q10", "Anything else?", long=True, required=False),
    ])
    response = answer(client, page, {
        "q.Q1": "_other", "q.Q1.other": "We compost", "q.Q2": ["glass", "_other"],
        "q.Q2.other": "Textiles", "q.Q3": "4",
    }, {
        "q.Q4.info": "3", "q.Q4.train": "1",
        "q.Q5.first.bm": "3", "q.Q5.second.bm": "2", "q.Q5.first.co": "1", "q.Q5.second.co": "3",
        "q.Q6.a": "2", "q.Q6.b": "3", "q.Q6.c": "1", "q.Q7": "12", "q.Q8": "2019-03-01",
        "q.Q9": "  Rodopa Knitwear  ", "q.Q10": "",
    })
    assert response.status_code == 302
    assert response["Location"] == page.url + "thanks/"
    assert stored() == {
        "Q1": "_other", "Q1.other": "We compost", "Q2": ["glass", "_other"],
        "Q2.other": "Textiles", "Q3": 4,
        "Q4": {"info": "3", "train": "1"},
        "Q5": {"first": {"bm": "3", "co": "1"}, "second": {"bm": "2", "co": "3"}},
        "Q6": ["c", "a", "b"], "Q7": 12, "Q8": "2019-03-01", "Q9": "Rodopa Knitwear",
    }
    assert client.get(response["Location"]).status_code == 200


def test_a_missing_answer_is_summarised_at_the_top_with_a_link_to_its_field(client, surveys):
    page = make_questionnaire(surveys, [
        single("Q1", "Do you sort waste?", YES_NO),
        matrix("Q2", "Rate", [("a", "Row A"), ("b", "Row B")], [("1", "Low"), ("2", "High")]),
    ])
    response = answer(client, page, {"q.Q2.a": "1"})
    assert response.status_code == 200
    summary = response.context["error_summary"]
    assert [item["target"] for item in summary] == ["id_q.Q1_0", "id_q.Q2.b_0"]
    html = response.content.decode()
    assert 'href="#id_q.Q1_0"' in html and 'id="id_q.Q1_0"' in html
    assert 'href="#id_q.Q2.b_0"' in html and 'id="id_q.Q2.b_0"' in html
    assert "There is a problem" in html
    assert '<title>Error:' in html
    # The form keeps what was entered, and nothing is stored.
    assert 'value="1" id="id_q.Q2.a_0" checked' in html or 'id="id_q.Q2.a_0" checked' in html
    assert not Response.objects.exists()


def test_a_hidden_question_is_not_required_and_its_answer_is_dropped(client, surveys):
    page = make_questionnaire(surveys, [
        single("Q1", "Do you sort waste?", YES_NO),
        multiple("Q2", "Which streams?", [("paper", "Paper"), ("glass", "Glass")],
                 condition=("Q1", "any", "yes")),
        text("Q3", "Why not?", condition=("Q1", "any", "no")),
    ])
    # Q1 "no": Q2 is hidden (and required), so it may be left out; the browser sends it
    # anyway (no JavaScript), and it is dropped.
    response = answer(client, page, {"q.Q1": "no", "q.Q2": ["paper"], "q.Q3": "No space"})
    assert response.status_code == 302
    assert stored() == {"Q1": "no", "Q3": "No space"}


def test_a_shown_conditional_question_is_required(client, surveys):
    page = make_questionnaire(surveys, [
        single("Q1", "Do you sort waste?", YES_NO),
        multiple("Q2", "Which streams?", [("paper", "Paper")], condition=("Q1", "any", "yes")),
    ])
    response = answer(client, page, {"q.Q1": "yes"})
    assert response.status_code == 200
    assert [e["target"] for e in response.context["error_summary"]] == ["id_q.Q2_0"]
    assert not Response.objects.exists()


def test_an_invalid_value_in_a_hidden_question_does_not_block_the_answer(client, surveys):
    page = make_questionnaire(surveys, [
        single("Q1", "Do you have staff?", YES_NO),
        number("Q2", "How many?", condition=("Q1", "any", "yes")),
    ])
    response = answer(client, page, {"q.Q1": "no", "q.Q2": "lots"})
    assert response.status_code == 302
    assert stored() == {"Q1": "no"}


def test_conditions_chain_a_question_hidden_hides_those_that_depend_on_it(client, surveys):
    page = make_questionnaire(surveys, [
        single("Q1", "Member of a cluster?", YES_NO),
        single("Q2", "Which pillar?", [("tex", "Textiles"), ("agri", "Agri")],
               condition=("Q1", "any", "yes")),
        text("Q3", "Your role in the agri pillar", condition=("Q2", "any", "agri")),
    ])
    response = answer(client, page, {"q.Q1": "no", "q.Q2": "agri", "q.Q3": "Chair"})
    assert response.status_code == 302
    assert stored() == {"Q1": "no"}


def test_a_condition_on_an_earlier_page_decides_what_the_next_page_shows(client, surveys):
    page = make_questionnaire(surveys, [
        single("Q1", "Do you export?", YES_NO),
        page_break(),
        text("Q2", "To which countries?", condition=("Q1", "any", "yes")),
        text("Q3", "Any comment?", required=False),
    ])
    first = client.get(page.url)
    second = client.post(page.url, {"state": first.context["state"], "action": "next",
                                    "q.Q1": "no", "respondent": first.context["respondent_id"]})
    assert second.context["step"] == 2
    html = second.content.decode()
    assert "To which countries?" not in html and "Any comment?" in html
    done = client.post(page.url, {"state": second.context["state"], "action": "next",
                                  "q.Q2": "Greece", "respondent": first.context["respondent_id"]})
    assert done.status_code == 302
    assert stored() == {"Q1": "no"}


def test_a_page_whose_questions_are_all_hidden_is_skipped(client, surveys):
    page = make_questionnaire(surveys, [
        single("Q1", "Do you export?", YES_NO),
        page_break("Exports"),
        text("Q2", "To which countries?", condition=("Q1", "any", "yes")),
        page_break("About you"),
        text("Q3", "Your name", required=False),
    ])
    first = client.get(page.url)
    second = client.post(page.url, {"state": first.context["state"], "action": "next",
                                    "q.Q1": "no"})
    assert second.context["step"] == 3


def test_going_back_and_changing_an_answer_drops_what_it_now_hides(client, surveys):
    page = make_questionnaire(surveys, [
        single("Q1", "Do you export?", YES_NO),
        page_break(),
        text("Q2", "To which countries?", condition=("Q1", "any", "yes")),
        page_break(),
        text("Q3", "Comment", required=False),
    ])
    first = client.get(page.url)
    rid = first.context["respondent_id"]
    second = client.post(page.url, {"state": first.context["state"], "q.Q1": "yes",
                                    "respondent": rid})
    third = client.post(page.url, {"state": second.context["state"], "q.Q2": "Greece",
                                   "respondent": rid})
    back = client.post(page.url, {"state": third.context["state"], "action": "back",
                                  "respondent": rid})
    assert back.context["step"] == 2
    again = client.post(page.url, {"state": back.context["state"], "action": "back",
                                   "respondent": rid})
    assert again.context["step"] == 1
    changed = client.post(page.url, {"state": again.context["state"], "q.Q1": "no",
                                     "respondent": rid})
    assert changed.context["step"] == 3
    done = client.post(page.url, {"state": changed.context["state"], "respondent": rid})
    assert done.status_code == 302
    assert stored() == {"Q1": "no"}


@pytest.mark.parametrize(("data", "message"), [
    ({"q.Q1.a": "1", "q.Q1.b": "1", "q.Q1.c": "2"}, "Give each rank to one option only."),
    ({"q.Q1.a": "1", "q.Q1.b": "3"}, "Use the ranks from 1 up, without gaps."),
    ({"q.Q1.a": "1"}, "Rank 3 options."),
])
def test_ranking_needs_distinct_ranks_without_gaps(client, surveys, data, message):
    page = make_questionnaire(surveys, [
        ranking("Q1", "Rank", [("a", "A"), ("b", "B"), ("c", "C")]),
    ])
    response = answer(client, page, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Response.objects.exists()


def test_ranking_the_top_two_of_four(client, surveys):
    page = make_questionnaire(surveys, [
        ranking("Q1", "Your two favourites", [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")],
                rank_count=2),
    ])
    assert answer(client, page, {"q.Q1.d": "1", "q.Q1.b": "2"}).status_code == 302
    assert stored() == {"Q1": ["d", "b"]}


def test_other_needs_its_text_and_the_text_is_kept_only_with_other(client, surveys):
    page = make_questionnaire(surveys, [
        single("Q1", "Sector", [("tex", "Textiles")], allow_other=True, other_label="Other"),
    ])
    missing = answer(client, page, {"q.Q1": "_other", "q.Q1.other": "  "})
    assert "Say what “Other” is." in missing.content.decode()
    assert answer(client, page, {"q.Q1": "tex", "q.Q1.other": "ignored"}).status_code == 302
    assert stored() == {"Q1": "tex"}


@pytest.mark.parametrize(("questions", "data"), [
    ([single("Q1", "Pick", YES_NO)], {"q.Q1": "maybe"}),
    ([rating("Q1", "Rate")], {"q.Q1": "9"}),
    ([number("Q1", "Staff", min_value=0, max_value=500)], {"q.Q1": "501"}),
    ([number("Q1", "Staff")], {"q.Q1": "1e999"}),
    ([date("Q1", "When")], {"q.Q1": "31/02/2024"}),
    ([multiple("Q1", "Streams", [("a", "A"), ("b", "B"), ("c", "C")], max_choices=2)],
     {"q.Q1": ["a", "b", "c"]}),
    ([text("Q1", "Name")], {"q.Q1": "x" * 251}),
    ([text("Q1", "Name")], {"q.Q1": "null\x00byte"}),
])
def test_bad_answers_get_a_message_and_store_nothing(client, surveys, questions, data):
    page = make_questionnaire(surveys, questions)
    response = answer(client, page, data)
    assert response.status_code == 200
    assert response.context["error_summary"]
    assert not Response.objects.exists()


def test_a_forged_or_foreign_state_restarts_the_questionnaire_and_stores_nothing(client, surveys):
    page = make_questionnaire(surveys, [single("Q1", "Pick", YES_NO)])
    other = make_questionnaire(surveys, [single("Q1", "Pick", YES_NO)])
    foreign_state = client.get(other.url).context["state"]
    for state in ("garbage", foreign_state):
        response = client.post(page.url, {"state": state, "q.Q1": "yes"})
        assert response.status_code == 200
        assert "could not be read" in response.content.decode()
    assert not Response.objects.exists()


def test_the_page_is_private_and_served_by_the_questionnaire_view(client, surveys):
    """Through the home page's one-query routing too (it used to skip the routable view)."""
    page = make_questionnaire(surveys, [single("Q1", "Pick", YES_NO)])
    response = client.get(page.url)
    assert response.status_code == 200
    assert 'name="q.Q1"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def raw(*blocks_):
    block = QuestionnaireBlock()
    return block.clean(block.to_python(list(blocks_)))


@pytest.mark.parametrize("blocks_", [
    [single("Q1", "A", YES_NO), single("Q1", "B", YES_NO)],
    [single("Q1", "A", YES_NO, condition=("Q2", "any", "yes")), single("Q2", "B", YES_NO)],
    [single("Q1", "A", YES_NO), text("Q2", "B", condition=("Q1", "any", "maybe"))],
    [text("Q1", "A"), text("Q2", "B", condition=("Q1", "any", "x"))],
    [single("Q1", "A", [("a", "A"), ("a", "Again")])],
    [rating("Q1", "A", low=5, high=3)],
    [ranking("Q1", "A", [("a", "A"), ("b", "B")], rank_count=3)],
    [single("Q1", "A", [("_other", "Reserved"), ("b", "B")])],
])
def test_the_editor_cannot_save_an_impossible_questionnaire(blocks_):
    with pytest.raises(StreamBlockValidationError):
        raw(*blocks_)


def test_a_condition_on_an_earlier_answer_is_accepted():
    value = raw(single("Q1", "A", YES_NO), text("Q2", "B", condition=("Q1", "any", "yes")),
                rating("Q3", "C"), text("Q4", "D", condition=("Q3", "none", "1, 2")),
                text("Q5", "E", condition=("Q4", "answered", "")))
    assert len(value) == 5
