"""Results: counts and percentages for editors, and published figures without small groups."""

import pytest

from monitoring.results import aggregate, filtered
from tests.factories import translate
from tests.monitoring.builders import (
    answer,
    make_questionnaire,
    make_response,
    matrix,
    multiple,
    number,
    single,
    text,
)
from tests.network.factories import make_member, make_pillar

pytestmark = pytest.mark.django_db
QUESTIONS = [
    single("Q1", "Sector", [("tex", "Textiles"), ("agri", "Agri"), ("plast", "Plastics")]),
    multiple("Q2", "Streams", [("paper", "Paper"), ("glass", "Glass")]),
    matrix("Q3", "Services", [("info", "Information"), ("train", "Training")],
           [("1", "Poor"), ("2", "Fair"), ("3", "Good")]),
    number("Q4", "Staff"),
    text("Q5", "Comment", required=False),
]


def answers(sector, streams=("paper",), info="3", staff=10, comment=""):
    data = {"Q1": sector, "Q2": list(streams), "Q3": {"info": info, "train": "2"}, "Q4": staff}
    if comment:
        data["Q5"] = comment
    return data


def by_code(results):
    return {result.question.code: result for result in results}


def counts(distribution):
    return {cell.code: (cell.count, cell.percent, cell.hidden) for cell in distribution.cells}


def test_editor_figures_count_every_answer(surveys):
    page = make_questionnaire(surveys, QUESTIONS)
    for sector in ("tex", "tex", "agri"):
        make_response(page, answers(sector, comment="Good work"))
    results = by_code(aggregate(page.definition, filtered(page.questionnaire_key)))
    assert counts(results["Q1"].distributions[0]) == {
        "tex": (2, 66.7, False), "agri": (1, 33.3, False), "plast": (0, 0.0, False)}
    info = results["Q3"].tables[0]["rows"][0]
    assert info.label == "Information" and counts(info)["3"] == (3, 100.0, False)
    assert [cell.offset for cell in info.cells] == [0.0, 0.0, 0.0]
    assert results["Q4"].stats == {"mean": 10, "median": 10, "min": 10, "max": 10}
    assert results["Q5"].texts == ["Good work"] * 3


def test_answers_of_every_language_version_count_together(client, surveys, site_tree):
    page = make_questionnaire(surveys, [single("Q1", "Sector", [("tex", "Textiles")])])
    translated = translate(page, "bg", title="Сектор")
    assert translated.questionnaire_key == page.questionnaire_key
    assert answer(client, translated, {"q.Q1": "tex"}).status_code == 302
    from django.test import Client

    assert answer(Client(), page, {"q.Q1": "tex"}).status_code == 302
    [result] = aggregate(page.definition, filtered(page.questionnaire_key))
    assert result.answered == 2


def test_published_figures_hide_groups_under_five(surveys):
    page = make_questionnaire(surveys, QUESTIONS)
    for sector in ["tex"] * 6 + ["agri"] * 2:
        make_response(page, answers(sector, streams=("paper", "glass") if sector == "agri"
                                    else ("paper",), comment="secret"))
    results = by_code(aggregate(page.definition, filtered(page.questionnaire_key),
                                smallest_group=5))
    sector = counts(results["Q1"].distributions[0])
    # 2 is hidden; 6 is hidden too, else 8 - 6 would give the 2 away; 0 is shown.
    assert sector["agri"][2] and sector["tex"][2] and not sector["plast"][2]
    streams = counts(results["Q2"].distributions[0])
    assert streams["paper"] == (8, 100.0, False) and streams["glass"][2]
    assert results["Q5"].texts == [] and results["Q4"].stats == {"mean": 10}


def test_a_question_with_fewer_than_five_answers_shows_no_figures(surveys):
    page = make_questionnaire(surveys, QUESTIONS)
    for _n in range(4):
        make_response(page, answers("tex"))
    results = aggregate(page.definition, filtered(page.questionnaire_key), smallest_group=5)
    assert all(result.hidden for result in results)


def test_the_results_page_is_public_only_when_published(client, surveys):
    page = make_questionnaire(surveys, QUESTIONS)
    for n in range(7):
        make_response(page, answers("tex" if n < 6 else "agri", comment=f"Private note {n}"))
    assert client.get(page.results_url).status_code == 404
    page.results_public = True
    page.results_summary = "<p>Textiles lead.</p>"
    page.save_revision().publish()
    html = client.get(page.results_url).content.decode()
    assert "Textiles lead." in html and "7 answers in all." in html
    assert "fewer than 5" in html
    assert "Private note" not in html
    assert "Written answers are not published." in html
    assert '<svg class="bar"' in html and "<table" in html


def test_editors_see_filtered_figures_and_the_free_text(editor_client, surveys):
    page = make_questionnaire(surveys, QUESTIONS, mode="members")
    textiles = make_pillar("textiles", "Textiles")
    make_response(page, answers("tex", comment="From the pillar"),
                  member=make_member(pillars=[textiles]))
    make_response(page, answers("agri", comment="Elsewhere"), member=make_member())
    url = f"/admin/monitoring/questionnaires/{page.pk}/results/"
    everything = editor_client.get(url)
    assert everything.status_code == 200
    assert "From the pillar" in everything.content.decode()
    assert "Elsewhere" in everything.content.decode()
    narrowed = editor_client.get(url, {"pillar": "textiles"}).content.decode()
    assert "From the pillar" in narrowed and "Elsewhere" not in narrowed
    assert "?pillar=textiles" in narrowed  # the exports follow the filter


def test_open_results_say_they_are_not_de_duplicated(editor_client, surveys):
    page = make_questionnaire(surveys, QUESTIONS)
    url = f"/admin/monitoring/questionnaires/{page.pk}/results/"
    html = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "not de-duplicated" in html
    bulgarian = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="bg").content.decode()
    assert "отговорите не са без повторения" in bulgarian
