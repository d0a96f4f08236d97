"""Import and export of case studies and tools (registered in ``CaseStudiesConfig.ready``).

Case-study ``impact`` is a list of indicators written "name: value unit", e.g.
"tonnes of waste diverted: 120 t"; JSON may also give objects with ``name``,
``value`` and ``unit``. ``criteria`` lists social-innovation criterion slugs,
``members`` the import ids of the network members the case study is about (in
the file or on the site; shown on the page only while they are public).
"""

import re

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

IMPACT_PATTERN = re.compile(r"^(?P<name>.+?)\s*[:=]\s*(?P<value>[-+]?[\d][\d\s.,]*)\s*(?P<unit>.*)$")


def parse_impact(entry):
    if isinstance(entry, dict):
        name = cells.text(entry.get("name"))
        value = cells.decimal(entry.get("value"))
        unit = cells.text(entry.get("unit"))
    else:
        match = IMPACT_PATTERN.match(cells.text(entry))
        if not match:
            raise cells.CellError(
                _("“%(v)s” should read “indicator: value unit”, e.g. “jobs created: 14 people”")
                % {"v": entry}
            )
        name, unit = match["name"].strip(), match["unit"].strip()
        value = cells.decimal(match["value"].strip())
    if not name or value is None:
        raise cells.CellError(_("an impact indicator needs a name and a value"))
    if len(name) > 200 or len(unit) > 40:
        raise cells.CellError(_("an impact indicator's name or unit is too long"))
    return {"name": name, "value": value, "unit": unit}


def format_number(value):
    text = format(value.normalize(), "f")
    return text


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
        "organisation", "year", "stage", "impact", "criteria", "challenge", "solution",
        "funding_sources", "lessons_learned", "members", "related",
    ]
    list_fields = PageHandler.list_fields + ["impact", "criteria", "members"]
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
        indicators = []
        impact = self.run(error, "impact", lambda: cells.as_list(data.get("impact"), objects=True))
        for entry in impact or []:
            indicator = self.run(error, "impact", lambda entry=entry: parse_impact(entry))
            if indicator:
                indicators.append(indicator)
        cleaned["impact"] = indicators
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
        for name in ("organisation", "year", "stage", "challenge", "solution", "funding_sources",
                     "lessons_learned"):
            setattr(page, name, cleaned[name] if cleaned[name] is not None else None)
        page.organisation = page.organisation or ""
        page.stage = page.stage or ""
        for name in ("challenge", "solution", "funding_sources", "lessons_learned"):
            setattr(page, name, getattr(page, name) or "")
        page.impact_indicators = [ImpactIndicator(**values) for values in cleaned["impact"]]
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
            "impact": [
                f"{i.name}: {format_number(i.value)} {i.unit}".strip()
                for i in page.impact_indicators.all()
            ],
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
