"""Reading import files: JSON Lines or CSV, UTF-8 with or without a byte-order mark.

Both formats give the same records: dicts keyed by column name, with the line
number they start on. In CSV, list columns hold values separated by ``|``.
"""

import csv
import io
import json
from dataclasses import dataclass

from django.utils.translation import gettext as _

from website.importing.registry import list_fields

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class FileFormatError(Exception):
    """The file as a whole cannot be read (encoding, syntax of the header...)."""


@dataclass
class Record:
    line: int
    data: dict


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
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Record(number, {"__error__": _("not valid JSON: %(e)s") % {"e": exc.msg}})
            continue
        if not isinstance(data, dict):
            yield Record(number, {"__error__": _("each line must be a JSON object")})
            continue
        yield Record(number, data)


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
            yield Record(line, {"__error__": _("CSV syntax error: %(e)s") % {"e": exc}})
            return
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            yield Record(line, {"__error__": _("more cells than columns in the header")})
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
