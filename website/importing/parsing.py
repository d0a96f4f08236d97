"""Reading import files: JSON Lines or CSV, UTF-8 with or without a byte-order mark.

Both formats give the same records: dicts keyed by column name, with the line
number they start on. In CSV, list columns hold values separated by ``|``.

A line that cannot be a record (not JSON, a key twice in one object, nesting
deeper than a record has) becomes a record with ``problems`` ([(field,
message)]) that the pipeline reports with its line. ``structure_problems``
checks what any record may contain, whichever way it was made: at most
``MAX_DEPTH`` levels (record, list, object in a list: impact indicators) and no
control characters other than tab and line breaks in any text.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from website.importing.registry import list_fields

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_DEPTH = 3
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FileFormatError(Exception):
    """The file as a whole cannot be read (encoding, syntax of the header...)."""


@dataclass
class Record:
    line: int
    data: dict
    problems: list = field(default_factory=list)


def detect_format(name, content=b""):
    lowered = (name or "").lower()
    if lowered.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if lowered.endswith(".csv"):
        return "csv"
    head = content.lstrip(b"\xef\xbb\xbf \r\n\t")[:1]
    return "jsonl" if head == b"{" else "csv"


def decode(content):
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise FileFormatError(
            _(
                "The file is not UTF-8 text (invalid byte 0x%(byte)02x on line %(line)d). "
                "Save it as UTF-8 (in Excel: “CSV UTF-8”) and try again."
            )
            % {"byte": content[exc.start], "line": line}
        ) from exc


def parse(content, fmt):
    """Records from the bytes of a file; raises FileFormatError for unreadable files."""
    text = decode(content)
    if fmt == "jsonl":
        return list(parse_jsonl(text))
    return list(parse_csv(text))


def parse_jsonl(text):
    # Lines end at "\n" only: U+2028 and the like may stand unescaped in JSON strings.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        duplicates = []
        try:
            data = json.loads(line, object_pairs_hook=collect_duplicates(duplicates))
        except RecursionError:
            yield Record(number, {}, [("", too_deep())])
            continue
        except json.JSONDecodeError as exc:
            yield Record(number, {}, [("", _("not valid JSON: %(e)s") % {"e": exc.msg})])
            continue
        except ValueError as exc:  # e.g. a number with more digits than Python reads
            yield Record(number, {}, [("", _("not valid JSON: %(e)s") % {"e": exc})])
            continue
        if not isinstance(data, dict):
            yield Record(number, {}, [("", _("each line must be a JSON object"))])
            continue
        problems = [
            (printable(key), _("the key “%(key)s” appears more than once in one object") % {
                "key": printable(key)})
            for key in dict.fromkeys(duplicates)
        ]
        yield Record(number, data, problems)


def collect_duplicates(duplicates):
    """An ``object_pairs_hook`` that builds the dict and notes keys given twice."""

    def hook(pairs):
        obj = {}
        for key, value in pairs:
            if key in obj:
                duplicates.append(key)
            obj[key] = value
        return obj

    return hook


def too_deep():
    return _("the values are nested too deeply (a record has at most %(n)d levels)") % {
        "n": MAX_DEPTH}


def printable(text):
    """A column name as it can be shown: control characters replaced."""
    return CONTROL.sub("\ufffd", str(text))


def structure_problems(data):
    """[(field, message)] for values nested too deeply or text with control characters."""
    problems = []
    for key, value in data.items():
        if CONTROL.search(key):
            problems.append((printable(key), control_message(key)))
            continue
        stack = [(value, 2)]
        while stack:
            value, depth = stack.pop()
            if isinstance(value, str):
                if CONTROL.search(value):
                    problems.append((key, control_message(value)))
                    break
            elif isinstance(value, (list, dict)):
                if depth > MAX_DEPTH:
                    problems.append((key, too_deep()))
                    break
                children = list(value.keys()) + list(value.values()) if isinstance(
                    value, dict) else value
                stack.extend((child, depth + 1) for child in children)
    return problems


def control_message(text):
    code = ord(CONTROL.search(text).group())
    return _("contains a control character (U+%(code)04X, e.g. a NUL byte); remove it") % {
        "code": code}


def parse_csv(text):
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise FileFormatError(_("The CSV header cannot be read: %(e)s") % {"e": exc}) from exc
    header = [name.strip() for name in header]
    if "type" not in header:
        raise FileFormatError(
            _("The first row must name the columns and include “type”; found: %(h)s")
            % {"h": ", ".join(header[:12])}
        )
    lists = list_fields()
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Record(line, {}, [("", _("CSV syntax error: %(e)s") % {"e": exc})])
            return
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            yield Record(line, {}, [("", _("more cells than columns in the header"))])
            continue
        data = {}
        for name, cell in zip(header, row, strict=False):
            cell = unneutralise(cell)
            if name in lists:
                data[name] = [part.strip() for part in cell.split("|") if part.strip()]
            else:
                data[name] = cell
        yield Record(line, data)


def unneutralise(cell):
    """Undo ``neutralise`` so that a CSV export imports back unchanged."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_PREFIXES:
        return cell[1:]
    return cell


def neutralise(cell):
    """Make a cell that a spreadsheet would run as a formula plain text."""
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell
