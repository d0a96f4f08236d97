"""Import and export of case studies and tools (registered in ``CaseStudiesConfig.ready``).

A case study's ``impact`` is its impact told in words, as good-practice
databases hold it ("About 4 tonnes of offcuts reused per year; 7 permanent
jobs"); a JSON list of texts becomes its paragraphs. ``indicators`` are the
measured results, each "name: value unit" (e.g. "tonnes of waste diverted:
120 t"; ``|``-separated in CSV), or in JSON an object with ``name``, ``value``
and ``unit``; they are what KPIs add up. Such objects in a JSON ``impact``
list (files written before the two columns were split) are read as
indicators too: an object cannot be a sentence, so nothing is guessed. A unit
starts with a letter or a sign (not a digit, "." or ",") and holds no ":",
"=" or "|", so that the exported text reads back as the same indicator. ``criteria`` lists social-innovation
criterion slugs, ``members`` the import ids of the network members the case
study is about (in the file or on the site; shown on the page only while they
are public).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from casestudies.choices import Stage, ToolLevel, ToolType
from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyMember,
    CaseStudyPage,
    ImpactIndicator,
    ToolIndexPage,
    ToolPage,
)
from website.importing import fields as cells
from website.importing.pages import PageHandler
from website.importing.registry import get_handler
from website.models import SocialInnovationCriterion

# The name is everything up to the last ":" or "=" before the number; the value is
# as short as it can be, so that "1 200 t" is 1200 tonnes and "120 m2" is 120 m2.
INDICATOR_PATTERN = re.compile(
    r"^(?P<name>.*\S)\s*[:=]\s*(?P<value>[-+]?\d[\d\s.,]*?)\s*(?P<unit>[^\d\s.,:=+-][^:=]*)?$")
UNIT_PATTERN = re.compile(r"^([^\d\s.,:=|+-][^:=|]*)?$")
INDICATOR_KEYS = {"name", "value", "unit"}
VALUE_FIELD = ImpactIndicator._meta.get_field("value")


def indicator_example():
    return _("e.g. “jobs created: 14 people”")


def parse_indicator(entry):
    """One indicator, from "name: value unit" or {"name", "value", "unit"}."""
    if isinstance(entry, dict):
        unknown = sorted(set(entry) - INDICATOR_KEYS)
        if unknown:
            raise cells.CellError(_("an indicator has only name, value and unit, not %(keys)s")
                                  % {"keys": ", ".join(unknown)})
        name, unit = cells.text(entry.get("name")), cells.text(entry.get("unit"))
        value = cells.decimal(entry.get("value"))
    else:
        match = INDICATOR_PATTERN.match(cells.text(entry))
        if not match:
            raise cells.CellError(
                _("“%(v)s” should read “indicator: value unit”, %(example)s")
                % {"v": entry, "example": indicator_example()})
        name, unit = match["name"].strip(), (match["unit"] or "").strip()
        value = cells.decimal(match["value"].strip())
    if not name or value is None:
        raise cells.CellError(_("an indicator needs a name and a value, %(example)s")
                              % {"example": indicator_example()})
    if len(name) > 200 or len(unit) > 40:
        raise cells.CellError(_("an indicator's name has at most 200 characters and its unit 40"))
    if "|" in name or not UNIT_PATTERN.match(unit):
        raise cells.CellError(_("“%(unit)s” cannot be a unit: a unit starts with a letter or a "
                                "sign and holds no “:”, “=” or “|”") % {"unit": unit})
    try:
        VALUE_FIELD.run_validators(value)
    except ValidationError as exc:
        raise cells.CellError("; ".join(exc.messages)) from exc
    return {"name": name, "value": value, "unit": unit}


def indicator_text(indicator):
    """How an indicator is exported ("name: value unit"), read back by ``parse_indicator``."""
    return f"{indicator.name}: {format_number(indicator.value)} {indicator.unit}".strip()


def split_impact(value):
    """The impact in words (a text, or a JSON list of texts: its paragraphs) and the
    indicator objects a JSON list may also hold."""
    if isinstance(value, list):  # paragraphs may hold "|": the export writes one text
        texts = [cells.text(item) for item in value if not isinstance(item, dict)]
        return ("\n\n".join(text for text in texts if text),
                [item for item in value if isinstance(item, dict)])
    return cells.text(value), []


def format_number(value):
    return format(value.normalize(), "f")


def export_members(page):
    """Ids of the page's linked members, in order (members without a stable id left out)."""
    handler = get_handler("member")
    if handler is None:
        return []
    ids = (handler.reference(link.member) for link in page.featured_members.all())
    return [member_id for member_id in ids if member_id]


class CaseStudyHandler(PageHandler):
    type = "case_study"
    model = CaseStudyPage
    index_model = CaseStudyIndexPage
    fields = [
        "organisation", "year", "stage", "impact", "indicators", "criteria", "challenge",
        "solution", "funding_sources", "lessons_learned", "members", "related",
    ]
    list_fields = PageHandler.list_fields + ["indicators", "criteria", "members"]
    # Checked by the pipeline against the file's member rows and the site's members.
    object_references = {"members": "member"}

    def clean_extra(self, data, cleaned, ctx, error):
        organisation = data.get("organisation")
        if isinstance(organisation, list):  # several organisations, joined
            organisation = self.run(error, "organisation", lambda: "; ".join(
                cells.as_list(organisation))) or ""
        cleaned["organisation"] = self.run(error, "organisation", lambda: cells.text(organisation))
        self.check_value(error, "organisation", "organisation", cleaned["organisation"])
        cleaned["year"] = self.run(
            error, "year", lambda: cells.integer(data.get("year"), 1900, 2100))
        cleaned["stage"] = self.run(
            error, "stage", lambda: cells.choice(data.get("stage"), Stage.choices)) or ""
        for name in ("challenge", "solution", "funding_sources", "lessons_learned"):
            cleaned[name] = self.run(error, name, lambda name=name: cells.text(data.get(name)))
        cleaned["impact"], in_impact = self.run(
            error, "impact", lambda: split_impact(data.get("impact"))) or ("", [])
        entries = [("impact", entry) for entry in in_impact] + [
            ("indicators", entry) for entry in self.run(error, "indicators", lambda: cells.as_list(
                data.get("indicators"), objects=True)) or []]
        indicators = [
            self.run(error, column, lambda entry=entry: parse_indicator(entry))
            for column, entry in entries
        ]
        cleaned["indicators"] = [indicator for indicator in indicators if indicator]
        criteria = self.run(error, "criteria", lambda: cells.as_list(data.get("criteria"))) or []
        unknown = [c for c in criteria if not ctx.terms.known(SocialInnovationCriterion, "slug", c)]
        if unknown:
            error("criteria", _("unknown social-innovation criterion: %(v)s") % {
                "v": ", ".join(unknown)})
        cleaned["criteria"] = sorted(set(criteria))
        members = self.run(error, "members", lambda: [
            cells.record_id(member) for member in cells.as_list(data.get("members"))]) or []
        cleaned["members"] = list(dict.fromkeys(members))  # the editors' order, once each

    def apply_extra(self, page, cleaned, ctx):
        page.year = cleaned["year"]
        for name in ("organisation", "stage", "impact", "challenge", "solution",
                     "funding_sources", "lessons_learned"):
            setattr(page, name, cleaned[name] or "")
        page.impact_indicators = [
            ImpactIndicator(sort_order=position, **values)
            for position, values in enumerate(cleaned["indicators"])
        ]
        page.criteria = ctx.terms.resolve_all(
            SocialInnovationCriterion, "slug", cleaned["criteria"], page.locale_id,
            ctx.default_locale.pk)
        # Members are written before any page, so every id resolves here, on the
        # bulk path for new live pages and on the revision path alike.
        page.featured_members = [
            CaseStudyMember(member_id=ctx.object_pk("member", member_id))
            for member_id in cleaned["members"]
        ]

    def export_queryset(self):
        return super().export_queryset().prefetch_related(
            "criteria", "impact_indicators", "related_links", "featured_members__member")

    def export_extra(self, page):
        return {
            "organisation": page.organisation,
            "year": page.year if page.year is not None else "",
            "stage": page.stage,
            "impact": page.impact,
            "indicators": [indicator_text(i) for i in page.impact_indicators.all()],
            "criteria": sorted(c.slug for c in page.criteria.all()),
            "challenge": page.challenge,
            "solution": page.solution,
            "funding_sources": page.funding_sources,
            "lessons_learned": page.lessons_learned,
            "members": export_members(page),
        }


class ToolHandler(PageHandler):
    type = "tool"
    model = ToolPage
    index_model = ToolIndexPage
    fields = ["tool_type", "audience", "level", "licence", "related"]

    def clean_extra(self, data, cleaned, ctx, error):
        cleaned["tool_type"] = self.run(
            error, "tool_type", lambda: cells.choice(data.get("tool_type"), ToolType.choices))
        if not cleaned["tool_type"] and cleaned["tool_type"] is not None:
            error("tool_type", _("the tool type is required"))
        cleaned["level"] = self.run(
            error, "level", lambda: cells.choice(data.get("level"), ToolLevel.choices)) or ""
        for name in ("audience", "licence"):
            cleaned[name] = self.run(error, name, lambda name=name: cells.text(data.get(name)))
            self.check_value(error, name, name, cleaned[name])

    def apply_extra(self, page, cleaned, ctx):
        page.tool_type = cleaned["tool_type"]
        page.level = cleaned["level"]
        page.audience = cleaned["audience"] or ""
        page.licence = cleaned["licence"] or ""

    def export_queryset(self):
        return super().export_queryset().prefetch_related("related_links")

    def export_extra(self, page):
        return {
            "tool_type": page.tool_type,
            "audience": page.audience,
            "level": page.level,
            "licence": page.licence,
        }
