"""Exports: XLSX that opens in openpyxl with typed cells, formula-safe CSV, and JSON.

Answers are stored by the real respondent flow or as the flow stores them; the
files are read back with openpyxl and the csv module.
"""

import csv
import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from tests.monitoring.builders import (
    date,
    dual,
    make_questionnaire,
    make_response,
    matrix,
    multiple,
    number,
    ranking,
    rating,
    single,
    text,
)
from tests.network.factories import make_member, make_region

pytestmark = pytest.mark.django_db
ANSWERED_ON = dt.date(2025, 3, 14)
FORMULA = '=HYPERLINK("http://evil.example","click")'
QUESTIONS = [
    single("Q1", "Sector", [("tex", "Textiles"), ("agri", "Agri")]),
    multiple("Q2", "Streams", [("paper", "Paper"), ("glass", "Glass")], allow_other=True),
    rating("Q3", "Satisfaction"),
    matrix("Q4", "Services", [("info", "Information")], [("1", "Poor"), ("2", "Good")]),
    dual("Q5", "Competences", [("bm", "Business model")]),
    ranking("Q6", "Priorities", [("a", "A"), ("b", "B")]),
    number("Q7", "Staff", whole_numbers=False),
    date("Q8", "Since"),
    text("Q9", "Comment", long=True, required=False),
]
ANSWERS = {
    "Q1": "agri", "Q2": ["glass", "_other"], "Q2.other": "-1+1", "Q3": 4,
    "Q4": {"info": "2"}, "Q5": {"first": {"bm": "3"}, "second": {"bm": "1"}},
    "Q6": ["b", "a"], "Q7": 12.5, "Q8": "2020-05-04", "Q9": FORMULA,
}


@pytest.fixture
def questionnaire(surveys):
    return make_questionnaire(surveys, QUESTIONS, mode="members")


def download(client, page, fmt, **query):
    response = client.get(f"/admin/monitoring/questionnaires/{page.pk}/export/{fmt}/", query)
    assert response.status_code == 200, response.content[:500]
    assert "no-store" in response["Cache-Control"]
    return response


def test_xlsx_opens_with_numbers_dates_codes_labels_and_split_choices(editor_client, questionnaire):
    region = make_region("south-west", "South-West")
    member = make_member(name="=cmd|' /C calc'!A0", member_type="business", region=region)
    make_response(questionnaire, ANSWERS, member=member)
    book = load_workbook(io.BytesIO(download(editor_client, questionnaire, "xlsx").content))
    sheet = book["Responses"]
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["Q1"].value == "agri" and row["Q1 (label)"].value == "Agri"
    assert row["Q2"].value == "glass|_other"
    assert row["Q2[paper]"].value == 0 and row["Q2[glass]"].value == 1
    assert row["Q2[_other]"].value == 1
    assert row["Q2.other"].value == "'-1+1"
    assert row["Q3"].value == 4 and row["Q3"].data_type == "n"
    assert row["Q4[info]"].value == "2" and row["Q4[info] (label)"].value == "Good"
    assert row["Q5[bm][first]"].value == "3" and row["Q5[bm][second] (label)"].value == "Low"
    assert row["Q6"].value == "b|a" and row["Q6[a]"].value == 2 and row["Q6[b]"].value == 1
    assert row["Q7"].value == 12.5 and row["Q7"].data_type == "n"
    assert row["Q8"].value == dt.datetime(2020, 5, 4) and row["Q8"].is_date
    assert row["submitted_on"].is_date
    assert row["member_type"].value == "business" and row["region"].value == "south-west"
    # Formulas are neutralised: a text cell, with the shared helper's apostrophe.
    assert row["Q9"].data_type == "s" and row["Q9"].value == "'" + FORMULA
    assert row["respondent"].value.startswith("'=")
    assert not [cell for line in sheet.iter_rows() for cell in line if cell.data_type == "f"]
    assert book["Codebook"]["A2"].value == "Q1"


def test_csv_is_formula_safe_and_keeps_numbers_plain(editor_client, questionnaire):
    make_response(questionnaire, {**ANSWERS, "Q7": -3.5, "Q9": "@SUM(A1)"})
    text_ = download(editor_client, questionnaire, "csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text_)))
    assert rows[0]["Q9"] == "'@SUM(A1)"
    assert rows[0]["Q7"] == "-3.5"  # a number, not text to neutralise
    assert rows[0]["Q3"] == "4" and rows[0]["Q2[glass]"] == "1"
    assert rows[0]["Q8"] == "2020-05-04"


def test_json_has_the_questions_and_the_answers(editor_client, questionnaire):
    make_response(questionnaire, ANSWERS, submitted_on=ANSWERED_ON)
    data = json.loads(download(editor_client, questionnaire, "json").content)
    assert data["questionnaire"]["key"] == str(questionnaire.questionnaire_key)
    assert [q["code"] for q in data["questionnaire"]["questions"]] == [
        f"Q{n}" for n in range(1, 10)]
    assert data["responses"][0]["answers"]["Q6"] == ["b", "a"]
    assert data["responses"][0]["submitted_on"] == ANSWERED_ON.isoformat()


def test_exports_follow_the_filters(editor_client, questionnaire):
    make_response(questionnaire, ANSWERS, member=make_member(member_type="ngo"))
    make_response(questionnaire, {**ANSWERS, "Q1": "tex"}, member=make_member(member_type="business"))
    data = json.loads(download(editor_client, questionnaire, "json", member_type="ngo").content)
    assert [r["answers"]["Q1"] for r in data["responses"]] == ["agri"]


def test_exports_need_the_permission(client, questionnaire):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    url = f"/admin/monitoring/questionnaires/{questionnaire.pk}/export/xlsx/"
    assert client.get(url)["Location"].startswith("/admin/login/")
    staff = get_user_model().objects.create_user("staff", "staff@example.org", "pw",
                                                 is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    refused = client.get(url)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert "attachment" not in refused.get("Content-Disposition", "")


def test_a_cyrillic_slug_gives_a_proper_file_name(editor_client, surveys):
    page = make_questionnaire(surveys, QUESTIONS, slug="анкета-за-членове")
    response = download(editor_client, page, "csv")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%D0%B0%D0%BD%D0%BA%D0%B5%D1%82%D0%B0" in disposition


def test_an_unknown_filter_is_refused_not_silently_dropped(editor_client, questionnaire):
    """A filtered export that would quietly hold every answer is refused with a message."""
    url = f"/admin/monitoring/questionnaires/{questionnaire.pk}/export/csv/"
    refused = editor_client.get(url, {"pillar": "no-such-pillar"}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    assert "no-such-pillar" in refused.content.decode()
    assert "attachment" not in refused.get("Content-Disposition", "")
    results = f"/admin/monitoring/questionnaires/{questionnaire.pk}/results/"
    page = editor_client.get(results, {"region": "atlantis"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Filter “Region”: there is no “atlantis”, so it is not applied." in page.content.decode()
