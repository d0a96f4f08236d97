"""A questionnaire's answers as XLSX, CSV or JSON: one row per response, codes and labels.

Columns are named by codes (``Q3``, ``Q5[row]``, ``Q6[row][first]``), which
are the same in every language; the labels of the page exported follow each
code column (``Q3 (label)``), and the XLSX has a codebook sheet. A multiple
choice is one column (codes joined with ``|``) and one 1/0 column per option;
a ranking is the order and one rank column per option. Numbers are written as
numbers and dates as dates.

Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``...)
gets the leading apostrophe of the import/export's shared helper
(``website.importing.parsing.neutralise``) in both CSV and XLSX, and XLSX text
cells are typed as text: no answer ever becomes a formula, even after the
sheet is saved again as CSV.
"""

import csv
import dataclasses
import datetime as dt
import json

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from monitoring.blocks import OTHER
from monitoring.questions import is_answered, prune, selected
from website.importing.parsing import neutralise

TEXT, NUMBER, DATE, DATETIME = "text", "number", "date", "datetime"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclasses.dataclass
class Column:
    key: str
    get: object  # (response, answers) -> value
    type: str = TEXT
    label: str = ""


def local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def respondent_of(response):
    if response.member_id:
        return response.member.name
    if response.invitation_id:
        return response.invitation.email
    return ""


def base_columns():
    return [
        Column("response", lambda r, a: str(r.pk)),
        Column("submitted_on", lambda r, a: r.submitted_on, DATE),
        Column("submitted_at", lambda r, a: local(r.submitted_at), DATETIME),
        Column("changed_at", lambda r, a: local(r.updated_at), DATETIME),
        Column("language", lambda r, a: r.language),
        Column("counts_as", lambda r, a: r.role),
        Column("respondent", lambda r, a: respondent_of(r)),
        Column("member_type", lambda r, a: r.member.member_type if r.member_id else ""),
        Column("region", lambda r, a: r.member.region.slug if r.member_id and r.member.region_id
               else ""),
        Column("pillars", lambda r, a: "|".join(sorted(p.slug for p in r.member.pillars.all()))
               if r.member_id else ""),
    ]


def code_and_label(key, question, pick, label_of):
    return [
        Column(key, lambda r, a: pick(a), TEXT, question.label),
        Column(f"{key} (label)", lambda r, a: label_of(pick(a)) if pick(a) else "", TEXT),
    ]


def question_columns(question):
    code, kind = question.code, question.kind
    if kind in ("single_choice", "respondent_role"):
        columns = code_and_label(code, question, lambda a: a.get(code), question.label_of)
    elif kind == "multiple_choice":
        columns = [
            Column(code, lambda r, a: "|".join(a.get(code) or []), TEXT, question.label),
            Column(f"{code} (labels)", lambda r, a: "; ".join(
                question.label_of(value) for value in a.get(code) or [])),
        ] + [
            Column(f"{code}[{option.code}]", lambda r, a, option=option: (
                int(option.code in selected(a.get(code))) if is_answered(a.get(code)) else None),
                NUMBER, option.label)
            for option in question.choices
        ]
    elif kind in ("rating", "number"):
        columns = [Column(code, lambda r, a: a.get(code), NUMBER, question.label)]
    elif kind == "date":
        columns = [Column(code, lambda r, a: dt.date.fromisoformat(a[code]) if a.get(code)
                          else None, DATE, question.label)]
    elif kind == "matrix":
        scale = question.scales[0]
        columns = [column for row in question.rows for column in code_and_label(
            f"{code}[{row.code}]", question,
            lambda a, row=row: (a.get(code) or {}).get(row.code), scale.label_of)]
    elif kind == "dual_matrix":
        columns = [column for row in question.rows for scale in question.scales
                   for column in code_and_label(
                       f"{code}[{row.code}][{scale.code}]", question,
                       lambda a, row=row, scale=scale: ((a.get(code) or {}).get(scale.code) or {})
                       .get(row.code), scale.label_of)]
    elif kind == "ranking":
        columns = [Column(code, lambda r, a: "|".join(a.get(code) or []), TEXT, question.label)] + [
            Column(f"{code}[{option.code}]", lambda r, a, option=option: (
                (a.get(code) or []).index(option.code) + 1
                if option.code in (a.get(code) or []) else None), NUMBER, option.label)
            for option in question.options
        ]
    else:
        columns = [Column(code, lambda r, a: a.get(code) or "", TEXT, question.label)]
    if question.has_other:
        columns.append(Column(question.other_key, lambda r, a: (
            a.get(question.other_key, "") if OTHER in selected(a.get(code)) else ""), TEXT,
            question.label_of(OTHER)))
    return columns


def columns_for(definition):
    return base_columns() + [column for question in definition.questions
                             for column in question_columns(question)]


def rows(definition, responses):
    """(columns, [(response, answers, [value per column])]) with the answers the definition shows."""
    columns = columns_for(definition)
    responses = responses.select_related("member__region", "invitation").prefetch_related(
        "member__pillars")
    table = []
    for response in responses.order_by("submitted_on", "submitted_at", "pk"):
        answers = prune(definition, response.answers)
        table.append((response, answers, [column.get(response, answers) for column in columns]))
    return columns, table


def text_cell(value):
    return neutralise(ILLEGAL_CHARACTERS_RE.sub(" ", str(value)))


def to_xlsx(definition, responses, stream):
    columns, table = rows(definition, responses)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Responses")
    sheet.append([text_cell(column.key) for column in columns])
    for _response, _answers, values in table:
        sheet.append([xlsx_cell(sheet, column.type, value) for column, value in zip(
            columns, values, strict=True)])
    codebook = book.create_sheet("Codebook")
    codebook.append(["column", "question", "answer codes"])
    for question in definition.questions:
        options = question.choices or [c for s in question.scales for c in s.columns]
        codebook.append([text_cell(question.code), text_cell(question.label), text_cell(
            "; ".join(f"{option.code} = {option.label}" for option in options))])
    book.save(stream)


def xlsx_cell(sheet, kind, value):
    if value is None or value == "":
        return None
    if kind == TEXT:
        cell = WriteOnlyCell(sheet, value=text_cell(value))
        cell.data_type = "s"
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if kind == DATE:
        cell.number_format = "yyyy-mm-dd"
    elif kind == DATETIME:
        cell.number_format = "yyyy-mm-dd hh:mm"
    return cell


def to_csv(definition, responses, stream):
    columns, table = rows(definition, responses)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([neutralise(column.key) for column in columns])
    for _response, _answers, values in table:
        writer.writerow([
            "" if value is None else neutralise(str(value)) if column.type == TEXT
            else value.isoformat() if hasattr(value, "isoformat") else value
            for column, value in zip(columns, values, strict=True)
        ])


def definition_json(definition):
    def options(items):
        return [{"code": item.code, "label": item.label} for item in items]

    return [{
        "code": question.code, "kind": question.kind, "label": question.label,
        "required": question.required, "page": question.page + 1,
        "options": options(question.choices), "rows": options(question.rows),
        "scales": [{"code": scale.code, "heading": scale.heading,
                    "columns": options(scale.columns)} for scale in question.scales],
        "condition": dataclasses.asdict(question.condition) if question.condition else None,
    } for question in definition.questions]


def to_json(page, definition, responses, stream):
    columns, table = rows(definition, responses)
    keys = [column.key for column in base_columns()]
    records = []
    for _response, answers, values in table:
        record = {key: value.isoformat() if hasattr(value, "isoformat") else value
                  for key, value in zip(keys, values, strict=False)}
        record["answers"] = answers
        records.append(record)
    json.dump({
        "questionnaire": {"key": str(page.questionnaire_key), "title": page.title,
                          "mode": page.mode, "anonymised": page.anonymised,
                          "questions": definition_json(definition)},
        "responses": records,
    }, stream, ensure_ascii=False, indent=1)
