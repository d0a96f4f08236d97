"""A questionnaire's questions as plain objects, and its display conditions.

``Definition.from_stream`` reads the StreamField of question blocks once into
pages of ``Question`` objects that the form, the results and the exports share.
The rule of conditions, applied in question order on the server whatever the
browser did: a question is shown when it has no condition, or when the
question it depends on is shown and its answer meets the condition. A question
that is not shown is not required and its answer is dropped (``prune``), so a
hidden question's answer never reaches the database.

Answers are one JSON object per response, keyed by question code:

==================  ====================================================
single choice/role  ``"code"`` (``"_other"`` with the text in ``"Q1.other"``)
multiple choice     ``["a", "c", "_other"]`` (the text in ``"Q2.other"``)
rating, number      a number
matrix              ``{"row": "column"}``
dual-scale matrix   ``{"first": {"row": "point"}, "second": {...}}``
ranking             option codes, best first
date                ``"2025-03-01"``
short, long text    the text
==================  ====================================================
"""

import dataclasses
import datetime as dt
import functools
from decimal import Decimal

from django.utils.translation import gettext as _

from monitoring.blocks import OTHER, split_codes
from monitoring.choices import ConditionOperator, Role

CHOICE_KINDS = ("single_choice", "respondent_role", "multiple_choice", "rating")
# Distributions whose counts add up to the number of answers (one option each).
EXCLUSIVE_KINDS = ("single_choice", "respondent_role", "rating")
SCALES = ("first", "second")


@dataclasses.dataclass
class Option:
    code: str
    label: str
    role: str = ""


@dataclasses.dataclass
class Scale:
    code: str
    heading: str
    columns: list

    def label_of(self, code):
        return next((column.label for column in self.columns if column.code == code), code)


@dataclasses.dataclass
class Condition:
    question: str
    operator: str
    values: tuple


@dataclasses.dataclass
class Question:
    kind: str
    code: str
    label: str
    help_text: str = ""
    required: bool = False
    condition: Condition | None = None
    number: int = 0
    page: int = 0
    options: list = dataclasses.field(default_factory=list)
    rows: list = dataclasses.field(default_factory=list)
    scales: list = dataclasses.field(default_factory=list)
    allow_other: bool = False
    other_label: str = ""
    max_choices: int | None = None
    low: int = 1
    high: int = 5
    low_label: str = ""
    high_label: str = ""
    rank_count: int | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    whole_numbers: bool = True
    unit: str = ""
    earliest: dt.date | None = None
    latest: dt.date | None = None
    max_length: int = 250

    @property
    def choices(self):
        """The options a choice offers, "Other" included, in order."""
        if self.kind == "rating":
            return self.options
        options = list(self.options)
        if self.allow_other:
            options.append(Option(OTHER, self.other_label or _("Other")))
        return options

    def label_of(self, code):
        return next((option.label for option in self.choices if option.code == str(code)),
                    str(code))

    def row_label(self, code):
        return next((row.label for row in self.rows if row.code == code), code)

    @property
    def ranks(self):
        return self.rank_count or len(self.options)

    @property
    def has_other(self):
        return self.allow_other and self.kind in ("single_choice", "multiple_choice")

    @property
    def other_key(self):
        return f"{self.code}.other"


@dataclasses.dataclass
class Note:
    kind = "note"
    html: object  # the RichText value; renders itself
    page: int = 0


@dataclasses.dataclass
class QuestionPage:
    number: int
    title: str = ""
    intro: str = ""
    items: list = dataclasses.field(default_factory=list)

    @property
    def questions(self):
        return [item for item in self.items if isinstance(item, Question)]


@dataclasses.dataclass
class Definition:
    pages: list
    questions: list

    @functools.cached_property
    def by_code(self):
        return {question.code: question for question in self.questions}

    @property
    def role_question(self):
        return next((q for q in self.questions if q.kind == "respondent_role"), None)

    @classmethod
    def from_stream(cls, stream):
        pages, questions = [QuestionPage(0)], []
        for child in stream or []:
            kind, value = child.block_type, child.value
            if kind == "page_break":
                if pages[-1].items:
                    pages.append(QuestionPage(len(pages)))
                pages[-1].title, pages[-1].intro = value.get("title", ""), value.get("intro", "")
            elif kind == "note":
                pages[-1].items.append(Note(value, page=len(pages) - 1))
            else:
                question = read_question(kind, value, len(questions) + 1, len(pages) - 1)
                pages[-1].items.append(question)
                questions.append(question)
        pages = [page for page in pages if page.items] or [QuestionPage(0)]
        for number, page in enumerate(pages):
            page.number = number
            for item in page.items:
                item.page = number
        return cls(pages, questions)


def options_of(items, with_role=False):
    return [Option(item["code"], item["label"], item.get("counts_as", "") if with_role else "")
            for item in items or []]


def read_question(kind, value, number, page):
    condition = value.get("condition") or {}
    question = Question(
        kind=kind, code=value["code"], label=value["label"], help_text=value.get("help_text", ""),
        required=bool(value.get("required")), number=number, page=page,
        condition=Condition(condition["question"], condition.get("operator") or "any",
                            tuple(split_codes(condition.get("values"))))
        if condition.get("question") else None,
    )
    if kind in ("single_choice", "multiple_choice", "ranking", "respondent_role"):
        question.options = options_of(value.get("options"), with_role=kind == "respondent_role")
        question.allow_other = bool(value.get("allow_other"))
        question.other_label = value.get("other_label") or ""
        question.max_choices = value.get("max_choices")
        question.rank_count = value.get("rank_count")
    elif kind == "rating":
        question.low, question.high = value["scale_min"], value["scale_max"]
        question.low_label, question.high_label = value.get("min_label", ""), value.get("max_label", "")
        labels = list(value.get("point_labels") or [])
        question.options = [
            Option(str(n), labels[i] if len(labels) == question.high - question.low + 1
                   else rating_label(question, n))
            for i, n in enumerate(range(question.low, question.high + 1))
        ]
    elif kind == "matrix":
        question.rows = options_of(value.get("rows"))
        question.scales = [Scale("", "", options_of(value.get("columns")))]
    elif kind == "dual_matrix":
        question.rows = options_of(value.get("rows"))
        question.scales = [Scale(name, value.get(f"{name}_heading", ""),
                                 options_of(value.get(f"{name}_columns"))) for name in SCALES]
    elif kind == "number":
        question.min_value, question.max_value = value.get("min_value"), value.get("max_value")
        question.whole_numbers = bool(value.get("whole_numbers"))
        question.unit = value.get("unit", "")
    elif kind == "date":
        question.earliest, question.latest = value.get("earliest"), value.get("latest")
    elif kind in ("short_text", "long_text"):
        question.max_length = value.get("max_length") or (250 if kind == "short_text" else 5000)
    return question


def rating_label(question, n):
    if n == question.low and question.low_label:
        return f"{n} – {question.low_label}"
    if n == question.high and question.high_label:
        return f"{n} – {question.high_label}"
    return str(n)


# -- answers and conditions ---------------------------------------------------------


def is_answered(value):
    if value is None or value == "" or value == [] or value == {}:
        return False
    if isinstance(value, dict) and set(value) <= set(SCALES):
        return any(value.values())
    return True


def selected(value):
    """The option codes an answer picked, as strings (a rating's number included)."""
    if isinstance(value, list):
        return {str(item) for item in value}
    if value is None or value == "":
        return set()
    return {str(value)}


def condition_holds(condition, answers):
    value = answers.get(condition.question)
    if condition.operator == ConditionOperator.ANSWERED:
        return is_answered(value)
    if condition.operator == ConditionOperator.UNANSWERED:
        return not is_answered(value)
    overlap = bool(selected(value) & set(condition.values))
    return overlap if condition.operator == ConditionOperator.ANY else not overlap


def shown_codes(definition, answers):
    """The codes of the questions shown for these answers, in order (see the module)."""
    shown = set()
    for question in definition.questions:
        condition = question.condition
        if condition is None or (
            condition.question in shown and condition_holds(condition, answers)
        ):
            shown.add(question.code)
    return shown


def is_shown(question, answers, shown):
    """Whether ``question`` shows, given the answers and which earlier questions show."""
    condition = question.condition
    if condition is None:
        return True
    return condition.question in shown and condition_holds(condition, answers)


def conforms(question, value):
    """Whether a stored answer still fits the question (an editor may have changed it)."""
    kind = question.kind
    codes = {option.code for option in question.choices}
    if kind in ("single_choice", "respondent_role"):
        return isinstance(value, str) and value in codes
    if kind == "multiple_choice":
        return isinstance(value, list) and all(isinstance(v, str) and v in codes for v in value)
    if kind == "rating":
        return type(value) is int and question.low <= value <= question.high
    if kind == "matrix":
        return fits_scale(value, question.rows, question.scales[0])
    if kind == "dual_matrix":
        return isinstance(value, dict) and set(value) <= set(SCALES) and all(
            fits_scale(value.get(scale.code, {}), question.rows, scale)
            for scale in question.scales)
    if kind == "ranking":
        options = {option.code for option in question.options}
        return (isinstance(value, list) and len(set(value)) == len(value)
                and len(value) <= question.ranks and all(v in options for v in value))
    if kind == "number":
        return type(value) in (int, float)
    if kind == "date":
        try:
            dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            return False
        return True
    return isinstance(value, str)


def fits_scale(value, rows, scale):
    row_codes, columns = {row.code for row in rows}, {column.code for column in scale.columns}
    return isinstance(value, dict) and all(
        row in row_codes and column in columns for row, column in value.items())


def prune(definition, answers):
    """The answers of the questions that are shown and still fit them, and nothing else."""
    answers = {code: value for code, value in (answers or {}).items()
               if code not in definition.by_code or conforms(definition.by_code[code], value)}
    shown = shown_codes(definition, answers)
    kept = {}
    for question in definition.questions:
        if question.code not in shown or not is_answered(answers.get(question.code)):
            continue
        kept[question.code] = answers[question.code]
        if question.has_other and OTHER in selected(answers[question.code]):
            kept[question.other_key] = answers.get(question.other_key, "")
    return kept


def role_of(definition, answers):
    """The role the respondent chose in the role question, if any (else None)."""
    question = definition.role_question
    if question is None:
        return None
    chosen = answers.get(question.code)
    option = next((option for option in question.options if option.code == chosen), None)
    return option.role if option and option.role in Role.values else None
