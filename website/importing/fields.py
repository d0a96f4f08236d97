"""Converters between import cells and model values, each raising ``CellError``."""

import html
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from website.importing.ids import normalise_id


class CellError(Exception):
    """A bad value; the message is shown with the line and the field."""


def text(value):
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        raise CellError(_("expected text, not a list"))
    if isinstance(value, dict):
        raise CellError(_("expected text, not an object"))
    if not isinstance(value, str):
        raise CellError(_("expected text"))
    return value.strip()


def record_id(value):
    """An id (or a reference to one), normalised as ids are stored (``importing.ids``)."""
    return normalise_id(text(value))


def as_list(value, objects=False):
    """A list of texts; with ``objects``, JSON objects may be items too (impact indicators)."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split("|") if part.strip()]
    if isinstance(value, list):
        return [
            item if objects and isinstance(item, dict) else text(item)
            for item in value if item != ""
        ]
    raise CellError(_("expected a list (JSON array, or values separated by |)"))


def iso_date(value):
    value = text(value)
    if not value:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CellError(
            _("“%(v)s” is not a date in ISO format (YYYY-MM-DD)") % {"v": value}
        ) from exc


def integer(value, minimum=None, maximum=None):
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError as exc:
        raise CellError(_("“%(v)s” is not a whole number") % {"v": value}) from exc
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise CellError(
            _("%(v)s is outside %(lo)s–%(hi)s") % {"v": number, "lo": minimum, "hi": maximum}
        )
    return number


def decimal(value):
    if value is None or value == "":
        return None
    raw = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", raw):
        raw = raw.replace(",", "")
    elif re.fullmatch(r"-?\d+,\d{1,2}", raw):
        raw = raw.replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation as exc:
        raise CellError(_("“%(v)s” is not a number") % {"v": value}) from exc
    if not number.is_finite():
        raise CellError(_("“%(v)s” is not a number") % {"v": value})
    return number


def url(value):
    value = text(value)
    if not value:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as exc:
        raise CellError(_("“%(v)s” is not a web address (http:// or https://)") % {"v": value}) from exc
    return value


def choice(value, choices):
    value = text(value)
    if not value:
        return ""
    allowed = [key for key, _label in choices]
    if value not in allowed:
        raise CellError(
            _("“%(v)s” is not one of: %(allowed)s") % {"v": value, "allowed": ", ".join(allowed)}
        )
    return value


def body_from_text(value):
    """Plain text to body blocks: a blank line starts a new paragraph."""
    value = text(value).replace("\r\n", "\n")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    return [
        ("paragraph", RichText("<p>" + html.escape(p, quote=False).replace("\n", "<br>") + "</p>"))
        for p in paragraphs
    ]


def text_from_body(stream):
    """Body blocks back to plain text (paragraphs and headings; other blocks are left out)."""
    parts = []
    for block in stream:
        if block.block_type == "paragraph":
            source = block.value.source if hasattr(block.value, "source") else str(block.value)
            for chunk in re.split(r"</p>\s*", source):
                chunk = re.sub(r"<br\s*/?>", "\n", chunk)
                chunk = html.unescape(strip_tags(chunk)).strip()
                if chunk:
                    parts.append(chunk)
        elif block.block_type == "heading":
            parts.append(block.value.get("text", ""))
    return "\n\n".join(parts)
