"""What the questionnaire template needs for one page: fieldsets, inputs and errors.

Every question is a fieldset whose legend is the question; its hint and error
describe the fieldset and each of its inputs. A matrix row is its own radio
group (one ``name``), and each radio's label says both the row and the column
("Waste prevention: 4"), so a screen reader user hears the whole cell. The
error summary at the top lists every problem as a link to the input to fix.
"""

import json

from django.utils.translation import gettext as _

from monitoring.forms import field_name

CHOICE_WIDGETS = ("radio", "checkbox")
SINGLE_INPUT_KINDS = ("number", "date", "short_text", "long_text")


def input_id(form, name):
    """The id of the first input of a field (a radio or checkbox list's first option)."""
    bound = form[name]
    if getattr(bound.field.widget, "input_type", "") in CHOICE_WIDGETS:
        return f"{bound.auto_id}_0"
    return bound.auto_id


class BoundQuestion:
    """One question of a rendered page, with its fields, errors and condition."""

    def __init__(self, form, question):
        self.form, self.question = form, question
        code = question.code
        self.fieldset_id = f"question-{code}"
        self.legend_id = f"legend-{code}"
        self.hint_id = f"hint-{code}" if question.help_text else ""
        self.error_id = f"error-{code}"
        self.names = [name for name, owner in form.names.items() if owner == code]
        self.errors = self.collect_errors()
        described = " ".join(filter(None, [self.hint_id, self.error_id if self.errors else ""]))
        self.described_by = described
        for name in self.names:
            if self.errors:
                form.fields[name].widget.attrs["aria-invalid"] = "true"
        if question.kind in SINGLE_INPUT_KINDS:
            # One input: it is named by the legend and described like the fieldset.
            attrs = form.fields[self.names[0]].widget.attrs
            attrs["aria-labelledby"] = self.legend_id
            if described:
                attrs["aria-describedby"] = " ".join(
                    filter(None, [attrs.get("aria-describedby", ""), described]))

    def collect_errors(self):
        errors = []
        for name in self.names:
            for message in self.form.errors.get(name, []):
                errors.append((message, input_id(self.form, name)))
        for message, part in self.form.question_errors.get(self.question.code, []):
            errors.append((message, self.target(part)))
        return errors

    def target(self, part):
        name = field_name(self.question, *part)
        if name not in self.form.fields:
            name = self.names[0]
        return input_id(self.form, name)

    @property
    def kind(self):
        return self.question.kind

    @property
    def main(self):
        return self.form[field_name(self.question)]

    @property
    def other(self):
        name = field_name(self.question, "other")
        return self.form[name] if name in self.form.fields else None

    @property
    def rows(self):
        """``(row, [(scale, bound field)])`` for a matrix (one scale) or a dual-scale matrix."""
        question = self.question
        if question.kind == "matrix":
            return [(row, [(question.scales[0], self.form[field_name(question, row.code)])])
                    for row in question.rows]
        return [(row, [(scale, self.form[field_name(question, scale.code, row.code)])
                       for scale in question.scales]) for row in question.rows]

    @property
    def ranked(self):
        return [(option, self.form[field_name(self.question, option.code)])
                for option in self.question.options]

    @property
    def condition_attrs(self):
        condition = self.question.condition
        if condition is None:
            return {}
        return {"question": condition.question, "operator": condition.operator,
                "values": json.dumps(list(condition.values))}

    @property
    def condition_text(self):
        condition = self.question.condition
        if condition is None:
            return ""
        target = self.form.definition.by_code.get(condition.question)
        if target is None:
            return ""
        labels = ", ".join(f"“{target.label_of(value)}”" for value in condition.values)
        texts = {
            "any": _("Answer this if your answer to question %(number)s is %(values)s."),
            "none": _("Answer this unless your answer to question %(number)s is %(values)s."),
            "answered": _("Answer this if you answered question %(number)s."),
            "unanswered": _("Answer this if you left question %(number)s empty."),
        }
        return texts[condition.operator] % {"number": target.number, "values": labels}


def step_context(page, form, number, is_last):
    definition = page.definition
    bound = {question.code: BoundQuestion(form, question) for question in form.questions}
    items = [bound.get(item.code) if hasattr(item, "code") else item
             for item in definition.pages[number].items]
    items = [item for item in items if item is not None]
    summary = [
        {"text": f"{question.question.number}. {question.question.label}: {message}",
         "target": target}
        for question in bound.values() for message, target in question.errors
    ]
    return {
        "form": form,
        "items": items,
        "error_summary": summary,
        "step": number + 1,
        "steps": len(definition.pages),
        "step_title": definition.pages[number].title,
        "step_intro": definition.pages[number].intro,
        "has_previous": number > 0,
        "is_last": is_last,
    }
