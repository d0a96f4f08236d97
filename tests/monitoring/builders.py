"""Builders for the monitoring tests: question blocks as raw stream data, pages, answers."""

import itertools
import uuid

from monitoring.models import (
    ConsultationIndexPage,
    ConsultationPage,
    QuestionnaireIndexPage,
    QuestionnairePage,
)
from tests.factories import make_page

_counter = itertools.count(1)


def options(*pairs):
    return [{"type": "item", "value": {"code": code, "label": label}, "id": str(uuid.uuid4())}
            for code, label in pairs]


def question(kind, code, label, required=True, condition=None, **extra):
    value = {"code": code, "label": label, "help_text": extra.pop("help_text", ""),
             "required": required,
             "condition": {"question": "", "operator": "any", "values": ""}}
    if condition:
        target, operator, values = condition
        value["condition"] = {"question": target, "operator": operator, "values": values}
    value.update(extra)
    return {"type": kind, "value": value}


def single(code, label, choices, **extra):
    return question("single_choice", code, label, options=options(*choices), **extra)


def multiple(code, label, choices, **extra):
    return question("multiple_choice", code, label, options=options(*choices), **extra)


def rating(code, label, low=1, high=5, **extra):
    return question("rating", code, label, scale_min=low, scale_max=high, min_label="",
                    max_label="", point_labels=[], **extra)


def matrix(code, label, rows, columns, **extra):
    return question("matrix", code, label, rows=options(*rows), columns=options(*columns), **extra)


def dual(code, label, rows, first=("Relevance", [("1", "Low"), ("2", "Medium"), ("3", "High")]),
         second=("Interest", [("1", "Low"), ("2", "Medium"), ("3", "High")]), **extra):
    return question("dual_matrix", code, label, rows=options(*rows),
                    first_heading=first[0], first_columns=options(*first[1]),
                    second_heading=second[0], second_columns=options(*second[1]), **extra)


def ranking(code, label, choices, rank_count=None, **extra):
    return question("ranking", code, label, options=options(*choices), rank_count=rank_count,
                    **extra)


def number(code, label, **extra):
    extra.setdefault("whole_numbers", True)
    return question("number", code, label, min_value=extra.pop("min_value", None),
                    max_value=extra.pop("max_value", None), unit="", **extra)


def date(code, label, **extra):
    return question("date", code, label, earliest=None, latest=None, **extra)


def text(code, label, long=False, **extra):
    return question("long_text" if long else "short_text", code, label,
                    max_length=5000 if long else 250, **extra)


def role(code, label, choices, **extra):
    """``choices``: (code, label, counts_as)."""
    return question("respondent_role", code, label, options=[
        {"type": "item", "value": {"code": c, "label": text_, "counts_as": counts},
         "id": str(uuid.uuid4())}
        for c, text_, counts in choices], **extra)


def page_break(title=""):
    return {"type": "page_break", "value": {"title": title, "intro": ""}}


def make_survey_index(home):
    return make_page(home, QuestionnaireIndexPage, title="Surveys", slug="surveys")


def make_questionnaire(parent, questions, **fields):
    fields.setdefault("title", f"Questionnaire {next(_counter)}")
    fields.setdefault("slug", f"questionnaire-{next(_counter)}")
    return make_page(parent, QuestionnairePage, questions=questions, **fields)


def make_consultation(home, **fields):
    index = ConsultationIndexPage.objects.child_of(home).first() or make_page(
        home, ConsultationIndexPage, title="Consultations", slug="consultations")
    fields.setdefault("title", f"Consultation {next(_counter)}")
    fields.setdefault("slug", f"consultation-{next(_counter)}")
    return make_page(index, ConsultationPage, **fields)


def section(code, heading, body="<p>Text of the section.</p>"):
    return {"type": "section", "value": {"code": code, "heading": heading, "text": body}}


def answer(client, page, *steps, url=None, follow=False, extra=None):
    """Answer a questionnaire as a browser does: load it, then post each page's data.

    Returns the last response; the state of each step is taken from the page before.
    """
    url = url or page.url
    response = client.get(url)
    for data in steps:
        context = response.context
        payload = {"state": context["state"], "action": "next", **(extra or {}), **data}
        if context.get("respondent_id"):
            payload.setdefault("respondent", context["respondent_id"])
        if context.get("respondent") is not None and context["respondent"].token:
            payload.setdefault("token", context["respondent"].token)
        response = client.post(page.url, payload, follow=follow)
        if response.status_code != 200 or response.context.get("refusal"):
            break
    return response


def make_response(page, answers, **fields):
    """A stored answer, as ``monitoring.respond.save`` writes it."""
    import datetime as dt

    from django.utils import timezone

    from monitoring.models import Response

    now = fields.pop("now", timezone.now())
    fields.setdefault("mode", page.mode)
    fields.setdefault("language", page.locale.language_code)
    fields.setdefault("submitted_on", timezone.localdate(now))
    fields.setdefault("submitted_at", now if not page.anonymised else None)
    if isinstance(fields["submitted_on"], str):
        fields["submitted_on"] = dt.date.fromisoformat(fields["submitted_on"])
    return Response.objects.create(questionnaire_key=page.questionnaire_key, answers=answers,
                                   **fields)
