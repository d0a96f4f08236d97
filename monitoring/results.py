"""Figures per question: counts, percentages, matrix rows as stacked bars, free text.

``aggregate`` works on the answers of every language version (one
questionnaire key) with the labels of the page being viewed. Editors see every
figure and the free text; published results (``smallest_group`` set) hide
every figure that rests on fewer answers than that (5 by default,
``SURVEY_SMALLEST_PUBLIC_GROUP``): a question or a matrix row with fewer
answers shows no figures, a count from 1 to 4 shows as "fewer than 5", and in
a distribution whose counts add up to the total, a second count is hidden
when only one is (else it could be worked out from the total). Free-text
answers, the "Other" texts, dates and the smallest and largest numbers are
never published.
"""

import dataclasses
import statistics

from django.apps import apps
from django.db.models import Q

from monitoring.models import Response
from monitoring.questions import EXCLUSIVE_KINDS, conforms, is_answered, selected

FILTERS = ("member_type", "pillar", "region")


@dataclasses.dataclass
class Cell:
    code: str
    label: str
    count: int
    percent: float = 0.0
    hidden: bool = False
    offset: float = 0.0  # where its segment starts in a stacked bar (0-100)


@dataclasses.dataclass
class Distribution:
    """One row of counts: a choice question, or one row (and scale) of a matrix."""

    label: str
    answered: int
    cells: list
    hidden: bool = False


@dataclasses.dataclass
class QuestionResult:
    question: object
    answered: int
    distributions: list = dataclasses.field(default_factory=list)
    tables: list = dataclasses.field(default_factory=list)  # matrices: {"scale", "rows"}
    ranking: list = dataclasses.field(default_factory=list)  # (option, mean rank, firsts)
    stats: dict = dataclasses.field(default_factory=dict)
    texts: list = dataclasses.field(default_factory=list)
    others: list = dataclasses.field(default_factory=list)
    hidden: bool = False

    @property
    def kind(self):
        return self.question.kind

    @property
    def stacked(self):
        return self.kind in ("matrix", "dual_matrix")


def filtered(questionnaire_key, filters=None):
    """The answers of a questionnaire, narrowed by the respondents' member type, pillar, region."""
    responses = Response.objects.filter(questionnaire_key=questionnaire_key)
    filters = filters or {}
    if filters.get("member_type"):
        responses = responses.filter(member__member_type=filters["member_type"])
    if filters.get("pillar"):
        responses = responses.filter(member__pillars__slug=filters["pillar"])
    if filters.get("region"):
        responses = responses.filter(member__region__slug=filters["region"])
    return responses.distinct()


def filter_choices():
    """The values editors can filter by: member types, pillar and region slugs with names."""
    from wagtail.models import Locale

    from website.choices import OrganisationType

    locale = Locale.get_active()
    terms = {}
    for name, model in (("pillar", "Pillar"), ("region", "Region")):
        rows = apps.get_model("website", model).objects.filter(
            Q(locale=locale) | Q(locale=Locale.get_default()))
        terms[name] = sorted({row.slug: row.name for row in rows.order_by("-locale_id")}.items())
    return {"member_type": list(OrganisationType.choices), **terms}


def percent(count, total):
    return round(100 * count / total, 1) if total else 0.0


def distribution(label, options, values, smallest_group=None, exclusive=True):
    answered = len(values)
    counts = {option.code: 0 for option in options}
    for value in values:
        for code in selected(value):
            if code in counts:
                counts[code] += 1
    cells = [Cell(option.code, option.label, counts[option.code],
                  percent(counts[option.code], answered)) for option in options]
    offset = 0.0
    for cell in cells:
        cell.offset, offset = offset, offset + cell.percent
    result = Distribution(label, answered, cells)
    if smallest_group:
        suppress(result, smallest_group, exclusive)
    return result


def suppress(result, smallest, exclusive):
    if result.answered < smallest:
        result.hidden = True
        for cell in result.cells:
            cell.hidden = True
        return
    small = [cell for cell in result.cells if 0 < cell.count < smallest]
    for cell in small:
        cell.hidden = True
    if exclusive and len(small) == 1:
        others = sorted((cell for cell in result.cells if cell.count and not cell.hidden),
                        key=lambda cell: cell.count)
        if others:
            others[0].hidden = True


def aggregate(definition, responses, smallest_group=None):
    """A ``QuestionResult`` per question, from these responses (see the module docstring)."""
    all_answers = list(responses.values_list("answers", flat=True))
    results = []
    for question in definition.questions:
        values = [answers[question.code] for answers in all_answers
                  if is_answered(answers.get(question.code))
                  and conforms(question, answers[question.code])]
        result = QuestionResult(question, len(values))
        if smallest_group and result.answered < smallest_group:
            result.hidden = True
        else:
            fill(result, question, values, all_answers, smallest_group)
        results.append(result)
    return results


def fill(result, question, values, all_answers, smallest_group):
    kind, public = question.kind, bool(smallest_group)
    if kind in ("single_choice", "respondent_role", "rating", "multiple_choice"):
        result.distributions = [distribution(
            "", question.choices, values, smallest_group, exclusive=kind in EXCLUSIVE_KINDS)]
        if kind == "rating" and values:
            result.stats = {"mean": round(statistics.fmean(values), 2)}
        if question.has_other and not public:
            result.others = [answers.get(question.other_key, "") for answers in all_answers
                             if answers.get(question.other_key)]
    elif kind in ("matrix", "dual_matrix"):
        for scale in question.scales:
            rows = []
            for row in question.rows:
                row_values = [(value if kind == "matrix" else value.get(scale.code, {})).get(row.code)
                              for value in values]
                rows.append(distribution(row.label, scale.columns,
                                         [value for value in row_values if value], smallest_group))
            result.tables.append({"scale": scale, "rows": rows})
    elif kind == "ranking":
        for option in question.options:
            ranks = [value.index(option.code) + 1 for value in values if option.code in value]
            firsts = sum(1 for value in values if value and value[0] == option.code)
            shown = not public or len(ranks) >= smallest_group
            result.ranking.append((
                option, round(statistics.fmean(ranks), 2) if ranks and shown else None,
                firsts if not public or firsts == 0 or firsts >= smallest_group else None,
            ))
        result.ranking.sort(key=lambda item: (item[1] is None, item[1] or 0))
    elif kind == "number" and values:
        result.stats = {"mean": round(statistics.fmean(values), 2)}
        if not public:
            result.stats.update(median=statistics.median(values), min=min(values), max=max(values))
    elif kind == "date" and not public:
        result.stats = {"earliest": min(values), "latest": max(values)} if values else {}
    elif kind in ("short_text", "long_text") and not public:
        result.texts = values
