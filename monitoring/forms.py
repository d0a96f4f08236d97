"""One page of a questionnaire as a Django form, built from its questions.

Modelled on Wagtail's form builder (``wagtail.contrib.forms.forms``: a base form
with the page and user, one ``create_<kind>_fields`` method per question kind)
but a question may need several fields: a matrix has one radio group per row,
a ranking one select per option, a choice with "Other" a text box. Field
names are ``q.<code>[.<part>]``; codes cannot contain a dot, so no two
questions' names can clash.

No field is required by itself: requiredness depends on the display
conditions, so ``clean`` decides it per question after working out which
questions are shown (``monitoring.questions``). A hidden question is never
required, any error in its fields is forgotten and its answer is dropped.
"""

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.forms.forms import BaseForm

from monitoring.blocks import OTHER
from monitoring.questions import is_answered, is_shown, selected, shown_codes

OTHER_MAX_LENGTH = 500


def field_name(question, *parts):
    return ".".join(("q", question.code, *parts))


class QuestionFieldsBuilder:
    """``(name, field)`` pairs for each question kind (``create_<kind>_fields``)."""

    def fields_for(self, question):
        return list(getattr(self, f"create_{question.kind}_fields")(question))

    def choice(self, question, choices, **attrs):
        return forms.ChoiceField(
            choices=choices, required=False, label=question.label,
            widget=forms.RadioSelect(attrs=attrs),
        )

    def other(self, question):
        if question.has_other:
            yield field_name(question, "other"), forms.CharField(
                required=False, max_length=OTHER_MAX_LENGTH,
                label=question.other_label or gettext_lazy("Other"),
            )

    def create_single_choice_fields(self, question):
        options = [(option.code, option.label) for option in question.choices]
        yield field_name(question), self.choice(question, options)
        yield from self.other(question)

    create_respondent_role_fields = create_single_choice_fields

    def create_multiple_choice_fields(self, question):
        yield field_name(question), forms.MultipleChoiceField(
            choices=[(option.code, option.label) for option in question.choices],
            required=False, label=question.label, widget=forms.CheckboxSelectMultiple,
        )
        yield from self.other(question)

    def create_rating_fields(self, question):
        yield field_name(question), forms.TypedChoiceField(
            choices=[(option.code, option.label) for option in question.options],
            coerce=int, empty_value=None, required=False, label=question.label,
            widget=forms.RadioSelect,
        )

    def create_matrix_fields(self, question):
        columns = [(column.code, column.label) for column in question.scales[0].columns]
        for row in question.rows:
            yield field_name(question, row.code), self.choice(question, columns)

    def create_dual_matrix_fields(self, question):
        for row in question.rows:
            for scale in question.scales:
                columns = [(column.code, column.label) for column in scale.columns]
                yield field_name(question, scale.code, row.code), self.choice(question, columns)

    def create_ranking_fields(self, question):
        ranks = [("", "—")] + [(str(n), str(n)) for n in range(1, question.ranks + 1)]
        for option in question.options:
            yield field_name(question, option.code), forms.TypedChoiceField(
                choices=ranks, coerce=int, empty_value=None, required=False, label=option.label,
            )

    def create_number_fields(self, question):
        limits = {"min_value": question.min_value, "max_value": question.max_value}
        if question.whole_numbers:
            field = forms.IntegerField(required=False, label=question.label, **limits)
            field.widget.attrs["step"] = "1"
        else:
            field = forms.DecimalField(required=False, label=question.label, max_digits=18,
                                       decimal_places=6, **limits)
            field.widget.attrs["step"] = "any"
        if question.unit:
            field.widget.attrs["aria-describedby"] = f"unit-{question.code}"
        yield field_name(question), field

    def create_date_fields(self, question):
        attrs = {"type": "date"}
        if question.earliest:
            attrs["min"] = question.earliest.isoformat()
        if question.latest:
            attrs["max"] = question.latest.isoformat()
        yield field_name(question), forms.DateField(
            required=False, label=question.label, widget=forms.DateInput(attrs, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d"],
        )

    def create_short_text_fields(self, question):
        yield field_name(question), forms.CharField(
            required=False, label=question.label, max_length=question.max_length,
        )

    def create_long_text_fields(self, question):
        yield field_name(question), forms.CharField(
            required=False, label=question.label, max_length=question.max_length,
            widget=forms.Textarea(attrs={"rows": 5}),
        )


def number_value(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def initial_for(question, value, other_text=""):
    """Field initials that show a stored answer again (members editing, going back)."""
    if not is_answered(value):
        return {}
    kind = question.kind
    if kind == "matrix":
        return {field_name(question, row): column for row, column in value.items()}
    if kind == "dual_matrix":
        return {field_name(question, scale, row): column
                for scale, rows in value.items() for row, column in (rows or {}).items()}
    if kind == "ranking":
        return {field_name(question, code): rank for rank, code in enumerate(value, start=1)}
    initial = {field_name(question): value}
    if question.has_other and other_text:
        initial[field_name(question, "other")] = other_text
    return initial


class QuestionnairePageForm(BaseForm):
    """The questions of one page; ``answers`` and ``question_errors`` after validation."""

    builder_class = QuestionFieldsBuilder

    def __init__(self, *args, definition, page_number, prior=None, **kwargs):
        self.definition = definition
        self.page_number = page_number
        self.prior = dict(prior or {})
        super().__init__(*args, **kwargs)
        self.questions = self.rendered_questions()
        self.names = {}
        builder = self.builder_class()
        for question in self.questions:
            for name, field in builder.fields_for(question):
                self.fields[name] = field
                self.names[name] = question.code
        self.answers = {}
        self.question_errors = {}

    def rendered_questions(self):
        """This page's questions that may show, given the earlier pages' answers.

        A condition on an earlier page is decided now; one on this page is
        decided by the browser as the respondent answers, and again in ``clean``.
        """
        earlier = shown_codes(self.definition, self.prior)
        page = self.definition.pages[self.page_number]
        rendered = set()
        for question in page.questions:
            condition = question.condition
            if condition is None:
                rendered.add(question.code)
                continue
            target = self.definition.by_code.get(condition.question)
            if target is not None and target.page == self.page_number:
                if condition.question in rendered:
                    rendered.add(question.code)
            elif condition.question in earlier and is_shown(question, self.prior, earlier):
                rendered.add(question.code)
        return [question for question in page.questions if question.code in rendered]

    def initial_from(self, answers):
        for question in self.questions:
            self.initial.update(initial_for(question, answers.get(question.code),
                                            answers.get(question.other_key, "")))

    def clean(self):
        cleaned = super().clean()
        answers = {key: value for key, value in self.prior.items()
                   if self.definition.by_code.get(key.split(".")[0]) is None
                   or self.definition.by_code[key.split(".")[0]].page != self.page_number}
        shown = {code for code in shown_codes(self.definition, answers)
                 if self.definition.by_code[code].page < self.page_number}
        for question in self.questions:
            if not is_shown(question, answers, shown):
                for name, code in self.names.items():
                    if code == question.code:
                        self.errors.pop(name, None)
                continue
            shown.add(question.code)
            value, other = self.value_of(question, cleaned)
            if self.has_field_errors(question):
                continue
            for message, part in self.problems(question, value, other):
                self.question_errors.setdefault(question.code, []).append((message, part))
            if question.kind == "ranking":
                value = sorted(value, key=value.get)  # option codes, best first
            if is_answered(value):
                answers[question.code] = value
                if question.has_other and OTHER in selected(value):
                    answers[question.other_key] = other
        self.answers = {key: value for key, value in answers.items()
                        if key.split(".")[0] in {q.code for q in self.questions}}
        if self.question_errors:
            raise forms.ValidationError(_("Some answers need your attention."), code="answers")
        return cleaned

    def has_field_errors(self, question):
        return any(code == question.code and name in self.errors
                   for name, code in self.names.items())

    def value_of(self, question, cleaned):
        """The answer of one question from its cleaned fields, and its "Other" text."""
        kind, get = question.kind, cleaned.get
        other = (get(field_name(question, "other")) or "").strip() if question.has_other else ""
        if kind in ("single_choice", "respondent_role"):
            return get(field_name(question)) or None, other
        if kind == "rating":
            return get(field_name(question)), ""
        if kind == "multiple_choice":
            picked = set(get(field_name(question)) or [])
            return [option.code for option in question.choices if option.code in picked], other
        if kind == "matrix":
            return {row.code: get(field_name(question, row.code)) for row in question.rows
                    if get(field_name(question, row.code))}, ""
        if kind == "dual_matrix":
            return {scale.code: {row.code: get(field_name(question, scale.code, row.code))
                                 for row in question.rows
                                 if get(field_name(question, scale.code, row.code))}
                    for scale in question.scales}, ""
        if kind == "ranking":
            ranks = {option.code: get(field_name(question, option.code))
                     for option in question.options}
            return {code: rank for code, rank in ranks.items() if rank is not None}, ""
        if kind == "number":
            return number_value(get(field_name(question))), ""
        if kind == "date":
            day = get(field_name(question))
            return day.isoformat() if isinstance(day, dt.date) else None, ""
        text = (get(field_name(question)) or "").strip()
        return text or None, ""

    def problems(self, question, value, other):
        """``(message, field part)`` for each problem of a shown question's answer."""
        kind, missing = question.kind, not is_answered(value)
        if kind == "ranking":
            yield from self.ranking_problems(question, value)
            return
        if kind == "matrix" and question.required and len(value) < len(question.rows):
            missing_row = next(row for row in question.rows if row.code not in value)
            yield _("Answer every row."), (missing_row.code,)
            return
        if kind == "dual_matrix" and question.required:
            for scale in question.scales:
                row = next((row for row in question.rows if row.code not in value[scale.code]),
                           None)
                if row is not None:
                    yield (_("Answer every row on the scale “%(scale)s”.")
                           % {"scale": scale.heading}, (scale.code, row.code))
            return
        if question.required and missing:
            yield _("Answer this question."), ()
            return
        if question.has_other and OTHER in selected(value) and not other:
            yield _("Say what “%(other)s” is.") % {"other": question.label_of(OTHER)}, ("other",)
        if kind == "multiple_choice" and question.max_choices and len(value) > question.max_choices:
            yield _("Choose at most %(count)s.") % {"count": question.max_choices}, ()
        if kind == "date" and value:
            day = dt.date.fromisoformat(value)
            if question.earliest and day < question.earliest:
                yield _("Give a date on or after %(day)s.") % {"day": question.earliest}, ()
            if question.latest and day > question.latest:
                yield _("Give a date on or before %(day)s.") % {"day": question.latest}, ()

    def ranking_problems(self, question, ranks):
        numbers = sorted(ranks.values())
        if len(numbers) != len(set(numbers)):
            yield _("Give each rank to one option only."), ()
        elif numbers != list(range(1, len(numbers) + 1)):
            yield _("Use the ranks from 1 up, without gaps."), ()
        elif question.required and len(numbers) < question.ranks:
            yield (_("Rank %(count)s options.") % {"count": question.ranks}), ()
