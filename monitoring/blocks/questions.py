"""Question blocks: what an editor builds a questionnaire from.

A questionnaire is a StreamField of these blocks (``QuestionnaireBlock``):
questions of eleven kinds, page breaks and notes. Wagtail's form builder has
one flat field per row and no matrix or display condition, so the questions
are blocks and ``monitoring.forms`` turns them into Django form fields.

Every question, option, row and column has a *code* (``CodeBlock``): what the
stored answers, the exports and the display conditions refer to. Codes are the
same in every language version: wagtail-localize never offers them for
translation (``get_translatable_segments`` returns nothing), so the answers of
the Bulgarian, English and Greek pages aggregate together while the labels are
translated. Checks that span questions (unique codes, a condition naming an
earlier question and answers it can have) are in ``QuestionnaireBlock.clean``.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from monitoring.choices import ConditionOperator, Role

# Letters, digits, "-" and "_", starting with a letter or digit: "." and a leading
# "_" stay free for the form's field names and the reserved "_other" answer.
code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$",
    _("Use up to 40 letters, digits, “-” or “_”, starting with a letter or a digit."),
)
OTHER = "_other"


class CodeBlock(blocks.CharBlock):
    """A stable code, the same in every language: never offered for translation."""

    def __init__(self, required=True, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(required=required, validators=[code_validator], **kwargs)

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


class CodeListBlock(blocks.CharBlock):
    """Answer codes separated by commas (a condition's values); not translated either."""

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


def split_codes(text):
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]


def unique_codes_error(items, what):
    """A ListBlock error for repeated codes among ``items`` (option, row or column values)."""
    seen, errors = set(), {}
    for index, item in enumerate(items):
        code = item.get("code")
        if code in seen:
            errors[index] = StructBlockValidationError(
                block_errors={"code": ValidationError(_("This code is used twice in %(what)s.")
                                                      % {"what": what})}
            )
        seen.add(code)
    return ListBlockValidationError(block_errors=errors) if errors else None


class OptionBlock(blocks.StructBlock):
    code = CodeBlock(label=_("Code"))
    label = blocks.CharBlock(label=_("Label"), max_length=300)

    class Meta:
        icon = "radio-full"


class RoleOptionBlock(OptionBlock):
    counts_as = blocks.ChoiceBlock(
        label=_("Counts as"), choices=Role.choices, default=Role.STAKEHOLDER,
        help_text=_("How a respondent who picks this counts in the consultation figures."),
    )


class ConditionBlock(blocks.StructBlock):
    """Show the question only when an earlier answer is (or is not) one of some codes."""

    question = CodeBlock(
        required=False, label=_("Show only if the answer to question"),
        help_text=_("The code of an earlier question; leave empty to always show this one."),
    )
    operator = blocks.ChoiceBlock(
        label=_("Condition"), choices=ConditionOperator.choices, default=ConditionOperator.ANY
    )
    values = CodeListBlock(
        required=False, label=_("Answer codes"), max_length=500,
        help_text=_("Option codes separated by commas, e.g. yes, partly (a rating: its numbers)."),
    )

    class Meta:
        icon = "view"
        label = _("Display condition")


class QuestionBlock(blocks.StructBlock):
    """What every question has: a code, the question, a hint, required, a condition."""

    code = CodeBlock(label=_("Code"), help_text=_("Short and stable, e.g. Q3: exports and "
                                                    "conditions use it."))
    label = blocks.CharBlock(label=_("Question"), max_length=500)
    help_text = blocks.TextBlock(label=_("Hint"), required=False, max_length=1000)
    required = blocks.BooleanBlock(label=_("An answer is required"), required=False, default=True)
    condition = ConditionBlock(required=False)

    def clean(self, value):
        value = super().clean(value)
        errors = self.value_problems(value)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def value_problems(self, value):
        """Cross-field problems of one question as ``{child name: error}``."""
        errors = {}
        for name in ("options", "rows", "columns", "first_columns", "second_columns"):
            if name in self.child_blocks:
                problem = unique_codes_error(value.get(name) or [], self.child_blocks[name].label)
                if problem:
                    errors[name] = problem
        return errors


class SingleChoiceBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), min_num=2, label=_("Options"))
    allow_other = blocks.BooleanBlock(label=_("Offer “Other” with a text box"), required=False)
    other_label = blocks.CharBlock(label=_("Label of “Other”"), required=False, max_length=100)

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceBlock(SingleChoiceBlock):
    max_choices = blocks.IntegerBlock(label=_("At most this many choices"), required=False,
                                      min_value=1)

    class Meta:
        icon = "tick-inverse"
        label = _("Multiple choice")


class RoleQuestionBlock(QuestionBlock):
    """A single choice about the respondent that decides whom they count as (policy maker...)."""

    options = blocks.ListBlock(RoleOptionBlock(), min_num=2, label=_("Options"))

    class Meta:
        icon = "user"
        label = _("About the respondent (role)")


class RatingBlock(QuestionBlock):
    scale_min = blocks.IntegerBlock(label=_("Lowest point"), default=1, min_value=0, max_value=10)
    scale_max = blocks.IntegerBlock(label=_("Highest point"), default=5, min_value=1,
                                    max_value=10)
    min_label = blocks.CharBlock(label=_("Label of the lowest point"), required=False,
                                 max_length=100)
    max_label = blocks.CharBlock(label=_("Label of the highest point"), required=False,
                                 max_length=100)
    point_labels = blocks.ListBlock(
        blocks.CharBlock(max_length=100), min_num=0, label=_("Labels of every point (Likert)"),
        help_text=_("Optional: one label per point, lowest first."),
    )

    class Meta:
        icon = "pick"
        label = _("Rating or Likert scale")

    def value_problems(self, value):
        errors = super().value_problems(value)
        low, high = value.get("scale_min"), value.get("scale_max")
        if low is not None and high is not None and low >= high:
            errors["scale_max"] = ValidationError(_("The highest point must be above the lowest."))
        labels = value.get("point_labels") or []
        if labels and low is not None and high is not None and len(labels) != high - low + 1:
            errors["point_labels"] = ListBlockValidationError(non_block_errors=[ValidationError(
                _("Give one label per point (%(count)s) or none."), params={"count": high - low + 1}
            )])
        return errors


class MatrixBlock(QuestionBlock):
    rows = blocks.ListBlock(OptionBlock(), min_num=1, label=_("Rows"))
    columns = blocks.ListBlock(OptionBlock(), min_num=2, label=_("Columns"))

    class Meta:
        icon = "table"
        label = _("Matrix (one choice per row)")


class DualMatrixBlock(QuestionBlock):
    """Each row rated on two scales, e.g. competence blocks for relevance and for interest."""

    rows = blocks.ListBlock(OptionBlock(), min_num=1, label=_("Rows"))
    first_heading = blocks.CharBlock(label=_("First scale"), max_length=100)
    first_columns = blocks.ListBlock(OptionBlock(), min_num=2, label=_("Points of the first scale"))
    second_heading = blocks.CharBlock(label=_("Second scale"), max_length=100)
    second_columns = blocks.ListBlock(OptionBlock(), min_num=2,
                                      label=_("Points of the second scale"))

    class Meta:
        icon = "table"
        label = _("Dual-scale matrix")


class RankingBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), min_num=2, label=_("Options"))
    rank_count = blocks.IntegerBlock(
        label=_("Rank only the top"), required=False, min_value=1,
        help_text=_("Empty: rank every option."),
    )

    class Meta:
        icon = "order"
        label = _("Ranking")

    def value_problems(self, value):
        errors = super().value_problems(value)
        count = value.get("rank_count")
        if count and count > len(value.get("options") or []):
            errors["rank_count"] = ValidationError(_("There are fewer options than that."))
        return errors


class NumberBlock(QuestionBlock):
    min_value = blocks.DecimalBlock(label=_("Smallest allowed"), required=False)
    max_value = blocks.DecimalBlock(label=_("Largest allowed"), required=False)
    whole_numbers = blocks.BooleanBlock(label=_("Whole numbers only"), required=False,
                                        default=True)
    unit = blocks.CharBlock(label=_("Unit"), required=False, max_length=40)

    class Meta:
        icon = "decimal"
        label = _("Number")

    def value_problems(self, value):
        errors = super().value_problems(value)
        low, high = value.get("min_value"), value.get("max_value")
        if low is not None and high is not None and low > high:
            errors["max_value"] = ValidationError(_("The largest must not be below the smallest."))
        return errors


class DateQuestionBlock(QuestionBlock):
    earliest = blocks.DateBlock(label=_("Earliest allowed"), required=False)
    latest = blocks.DateBlock(label=_("Latest allowed"), required=False)

    class Meta:
        icon = "date"
        label = _("Date")

    def value_problems(self, value):
        errors = super().value_problems(value)
        if value.get("earliest") and value.get("latest") and value["earliest"] > value["latest"]:
            errors["latest"] = ValidationError(_("The latest must not be before the earliest."))
        return errors


class ShortTextBlock(QuestionBlock):
    max_length = blocks.IntegerBlock(label=_("Longest answer (characters)"), default=250,
                                     min_value=1, max_value=1000)

    class Meta:
        icon = "pilcrow"
        label = _("Short text")


class LongTextBlock(QuestionBlock):
    max_length = blocks.IntegerBlock(label=_("Longest answer (characters)"), default=5000,
                                     min_value=1, max_value=10000)

    class Meta:
        icon = "doc-full"
        label = _("Long text")


class PageBreakBlock(blocks.StructBlock):
    """Starts a new page of the questionnaire."""

    title = blocks.CharBlock(label=_("Page title"), required=False, max_length=200)
    intro = blocks.TextBlock(label=_("Introduction"), required=False, max_length=2000)

    class Meta:
        icon = "horizontalrule"
        label = _("New page")


class QuestionnaireBlock(blocks.StreamBlock):
    page_break = PageBreakBlock()
    note = blocks.RichTextBlock(label=_("Note"), features=["bold", "italic", "link", "ol", "ul"])
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    rating = RatingBlock()
    matrix = MatrixBlock()
    dual_matrix = DualMatrixBlock()
    ranking = RankingBlock()
    number = NumberBlock()
    date = DateQuestionBlock()
    short_text = ShortTextBlock()
    long_text = LongTextBlock()
    respondent_role = RoleQuestionBlock()

    class Meta:
        block_counts = {"respondent_role": {"max_num": 1}}

    def clean(self, value):
        value = super().clean(value)
        errors = questionnaire_errors(value)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


def condition_error(condition, earlier):
    """What is wrong with a question's condition, given the questions before it (or None)."""
    code = (condition or {}).get("question")
    if not code:
        return None
    target = earlier.get(code)
    if target is None:
        return {"question": ValidationError(
            _("No earlier question has the code “%(code)s”."), params={"code": code})}
    operator, values = condition.get("operator"), split_codes(condition.get("values"))
    if operator not in (ConditionOperator.ANY, ConditionOperator.NONE):
        return None
    if not values:
        return {"values": ValidationError(_("Name the answer codes the condition looks for."))}
    kind, question = target
    if kind == "rating":
        allowed = {str(n) for n in range(question["scale_min"], question["scale_max"] + 1)}
    elif kind in ("single_choice", "multiple_choice", "respondent_role"):
        allowed = {option["code"] for option in question["options"]}
        if question.get("allow_other"):
            allowed.add(OTHER)
    else:
        return {"operator": ValidationError(
            _("Only choices and ratings can be compared with codes; use “is answered”."))}
    unknown = [value for value in values if value not in allowed]
    if unknown:
        return {"values": ValidationError(
            _("Question “%(code)s” has no answer %(values)s."),
            params={"code": code, "values": ", ".join(unknown)})}
    return None


def questionnaire_errors(stream):
    """``{block index: error}`` for repeated question codes and impossible conditions."""
    earlier, errors = {}, {}
    for index, child in enumerate(stream):
        if child.block_type in ("page_break", "note"):
            continue
        value = child.value
        problems = {}
        if value["code"] in earlier:
            problems["code"] = ValidationError(_("Another question has this code."))
        condition = condition_error(value.get("condition"), earlier)
        if condition:
            problems["condition"] = StructBlockValidationError(block_errors=condition)
        if problems:
            errors[index] = StructBlockValidationError(block_errors=problems)
        earlier.setdefault(value["code"], (child.block_type, value))
    return errors
