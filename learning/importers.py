"""Import and export of programmes, record type ``course`` (registered in ``LearningConfig.ready``).

Columns beyond the common ones: ``level`` (``start-up`` or ``advanced``),
``format`` (``online``, ``offline`` or ``blended``), ``duration_hours`` (a
number, rounded to a tenth), ``topic`` (a topic slug or name; an unknown one is
created in the record's language), ``teaching_language`` (``bg``, ``en`` or
``el``; empty: the record's language), ``learning_outcomes`` (a list, one
outcome each), ``prerequisites`` and ``facilitators`` (import ids of network
members, from ``member`` rows in the file or members already on the site).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext as _

from learning.choices import Format, Level
from learning.models import (
    ProgrammeFacilitator,
    ProgrammeIndexPage,
    ProgrammePage,
    Topic,
)
from website.importing import fields as cells
from website.importing.pages import PageHandler
from website.importing.registry import get_handler

MAX_HOURS = Decimal(2000)
# Spellings seen in spreadsheets for the two levels.
LEVEL_ALIASES = {"startup": Level.START_UP, "start_up": Level.START_UP,
                 "start up": Level.START_UP}


def clean_choice(value, choices, aliases=None):
    value = cells.text(value).lower()
    value = (aliases or {}).get(value, value)
    return cells.choice(value, choices)


def hours(value):
    number = cells.decimal(value)
    if number is None:
        return None
    if number < 0 or number > MAX_HOURS:
        raise cells.CellError(_("%(v)s is outside 0–%(max)s hours") % {"v": value,
                                                                       "max": MAX_HOURS})
    return number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class TopicIndex:
    """Topics by lower-cased slug and name; creates missing ones when writing."""

    def __init__(self):
        self.by_key = {}
        for topic in Topic.objects.all():
            self.add(topic)

    def add(self, topic):
        for key in (topic.slug, topic.name):
            self.by_key.setdefault(key.lower(), []).append(topic)

    def get_or_create(self, value, locale, default_locale_id):
        matches = self.by_key.get(value.lower(), [])
        for wanted in (locale.pk, default_locale_id):
            for topic in matches:
                if topic.locale_id == wanted:
                    return topic
        if matches:
            return matches[0]
        base = slugify(value)[:70] or "topic"
        slug, number = base, 1
        while Topic.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        topic = Topic.objects.create(name=value[:150], slug=slug, locale=locale)
        self.add(topic)
        return topic


def topics(ctx):
    if not hasattr(ctx, "learning_topics"):
        ctx.learning_topics = TopicIndex()
    return ctx.learning_topics


def member_ids(members):
    handler = get_handler("member")
    if handler is None:
        return []
    ids = (handler.reference(member) for member in members)
    return [member_id for member_id in ids if member_id]


class ProgrammeHandler(PageHandler):
    type = "course"
    model = ProgrammePage
    index_model = ProgrammeIndexPage
    fields = [
        "topic", "level", "format", "teaching_language", "duration_hours",
        "learning_outcomes", "prerequisites", "facilitators", "related",
    ]
    list_fields = PageHandler.list_fields + ["learning_outcomes", "facilitators"]
    # Checked by the pipeline against the file's member rows and the site's members.
    object_references = {"facilitators": "member"}

    def clean_extra(self, data, cleaned, ctx, error):
        cleaned["level"] = self.run(error, "level", lambda: clean_choice(
            data.get("level"), Level.choices, LEVEL_ALIASES))
        cleaned["format"] = self.run(error, "format", lambda: clean_choice(
            data.get("format"), Format.choices))
        cleaned["teaching_language"] = self.run(error, "teaching_language", lambda: clean_choice(
            data.get("teaching_language"), settings.LANGUAGES))
        cleaned["duration_hours"] = self.run(
            error, "duration_hours", lambda: hours(data.get("duration_hours")))
        cleaned["topic"] = self.run(error, "topic", lambda: cells.text(data.get("topic")))
        if cleaned["topic"] and len(cleaned["topic"]) > 150:
            error("topic", _("longer than %(n)d characters") % {"n": 150})
        cleaned["prerequisites"] = self.run(
            error, "prerequisites", lambda: cells.text(data.get("prerequisites")))
        outcomes = self.run(error, "learning_outcomes",
                            lambda: cells.as_list(data.get("learning_outcomes"))) or []
        if any(not isinstance(o, str) for o in outcomes):
            error("learning_outcomes", _("each learning outcome is a line of text"))
            outcomes = []
        cleaned["learning_outcomes"] = [" ".join(o.split()) for o in outcomes if o.strip()]
        members = self.run(error, "facilitators",
                           lambda: cells.as_list(data.get("facilitators"))) or []
        cleaned["facilitators"] = list(dict.fromkeys(members))

    def apply_extra(self, page, cleaned, ctx):
        page.level = cleaned["level"] or Level.START_UP
        page.format = cleaned["format"] or Format.BLENDED
        page.teaching_language = cleaned["teaching_language"] or ""
        page.duration_hours = cleaned["duration_hours"]
        page.prerequisites = cleaned["prerequisites"] or ""
        page.learning_outcomes = "\n".join(cleaned["learning_outcomes"])
        page.topic = (
            topics(ctx).get_or_create(cleaned["topic"], page.locale, ctx.default_locale.pk)
            if cleaned["topic"] else None
        )
        # Members are written before any page, so every id resolves here.
        page.facilitators = [
            ProgrammeFacilitator(member_id=ctx.object_pk("member", member_id))
            for member_id in cleaned["facilitators"]
        ]

    def export_queryset(self):
        return super().export_queryset().select_related("topic").prefetch_related(
            "related_links", "facilitators__member")

    def export_extra(self, page):
        return {
            "topic": page.topic.slug if page.topic else "",
            "level": page.level,
            "format": page.format,
            "teaching_language": page.teaching_language,
            "duration_hours": format(page.duration_hours.normalize(), "f")
            if page.duration_hours is not None else "",
            "learning_outcomes": page.outcome_list,
            "prerequisites": page.prerequisites,
            "facilitators": member_ids(link.member for link in page.facilitators.all()),
        }
