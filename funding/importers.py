"""Import and export of policies and funding calls (registered in ``FundingConfig.ready``).

``programme`` (and a policy's ``programmes``) name a funding programme by
slug, acronym or name; unknown programmes are created. The export names them
by name, so that a site importing the file gets programmes called as here. ``opens`` and
``deadline`` take an ISO date or date-time; without an offset they are in
``timezone`` (the site's ``TIME_ZONE``, Europe/Sofia, by default), and a bare deadline date means the end
of that day. Several deadlines (``|``-separated, or a JSON list) make the last
one the final deadline and the others stage deadlines.
"""

import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from funding.choices import PolicyInstrument, PolicyLevel, PolicyStatus
from funding.models import (
    CallStageDeadline,
    FundingCallIndexPage,
    FundingCallPage,
    FundingProgramme,
    PolicyIndexPage,
    PolicyPage,
)
from funding.status import parse_deadline
from website.choices import OrganisationType
from website.importing import fields as cells
from website.importing.pages import PageHandler


def number_text(value):
    return format(value.normalize(), "f") if value is not None else ""


class ProgrammeIndex:
    """Programmes by lower-cased slug, acronym and name; creates missing ones on demand."""

    def __init__(self):
        self.by_key = {}
        for programme in FundingProgramme.objects.all():
            self.add(programme)

    def add(self, programme):
        for key in (programme.slug, programme.acronym, programme.name):
            if key:
                self.by_key.setdefault(key.lower(), []).append(programme)

    def find(self, value, locale_id, default_locale_id):
        matches = self.by_key.get(value.lower(), [])
        if not matches:
            return None
        for wanted in (locale_id, default_locale_id):
            for programme in matches:
                if programme.locale_id == wanted:
                    return programme
        # A translation in the page's language, if one exists, else the match itself.
        first = matches[0]
        return FundingProgramme.objects.filter(
            translation_key=first.translation_key, locale_id=locale_id).first() or first

    def get_or_create(self, value, locale, default_locale_id):
        found = self.find(value, locale.pk, default_locale_id)
        if found is not None:
            return found
        base = slugify(value)[:70] or "programme"
        slug, number = base, 1
        while FundingProgramme.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        programme = FundingProgramme.objects.create(
            name=value[:200], slug=slug, locale=locale,
            acronym=value[:40] if len(value) <= 40 and value != slug else "",
        )
        self.add(programme)
        return programme


def programmes(ctx):
    if "programmes" not in ctx.cache:
        ctx.cache["programmes"] = ProgrammeIndex()
    return ctx.cache["programmes"]


class PolicyHandler(PageHandler):
    type = "policy"
    model = PolicyPage
    index_model = PolicyIndexPage
    fields = ["level", "instrument", "issuing_body", "adopted", "in_force", "status",
              "programmes", "related"]
    list_fields = PageHandler.list_fields + ["programmes"]

    def clean_extra(self, data, cleaned, ctx, error):
        cleaned["level"] = self.run(
            error, "level", lambda: cells.choice(data.get("level"), PolicyLevel.choices))
        if cleaned["level"] == "":
            error("level", _("the level is required (eu, national, regional or municipal)"))
        cleaned["status"] = self.run(
            error, "status", lambda: cells.choice(data.get("status"), PolicyStatus.choices)
        ) or PolicyStatus.IN_FORCE
        cleaned["instrument"] = self.run(
            error, "instrument", lambda: cells.choice(data.get("instrument"), PolicyInstrument.choices))
        cleaned["issuing_body"] = self.run(error, "issuing_body", lambda: cells.text(data.get("issuing_body")))
        self.check_value(error, "issuing_body", "issuing_body", cleaned["issuing_body"])
        for name in ("adopted", "in_force"):
            cleaned[name] = self.run(error, name, lambda name=name: cells.iso_date(data.get(name)))
        if cleaned["adopted"] and cleaned["in_force"] and cleaned["in_force"] < cleaned["adopted"]:
            error("in_force", _("in force before it was adopted"))
        names = self.run(error, "programmes", lambda: cells.as_list(data.get("programmes")))
        cleaned["programmes"] = names or []

    def apply_extra(self, page, cleaned, ctx):
        page.level = cleaned["level"]
        page.policy_status = cleaned["status"]
        page.instrument = cleaned["instrument"] or ""
        page.issuing_body = cleaned["issuing_body"] or ""
        page.adopted = cleaned["adopted"]
        page.in_force = cleaned["in_force"]
        index = programmes(ctx)
        page.programmes = [
            index.get_or_create(name, page.locale, ctx.default_locale.pk)
            for name in cleaned["programmes"]
        ]

    def export_queryset(self):
        return super().export_queryset().prefetch_related("programmes", "related_links")

    def export_extra(self, page):
        return {
            "level": page.level,
            "instrument": page.instrument,
            "issuing_body": page.issuing_body,
            "adopted": page.adopted.isoformat() if page.adopted else "",
            "in_force": page.in_force.isoformat() if page.in_force else "",
            "status": page.policy_status,
            "programmes": sorted((p.name for p in page.programmes.all()),
                                 key=lambda name: (name.casefold(), name)),
        }


class FundingCallHandler(PageHandler):
    type = "funding_call"
    model = FundingCallPage
    index_model = FundingCallIndexPage
    fields = ["programme", "funder", "call_identifier", "opens", "deadline", "timezone",
              "budget_eur", "cofinancing_rate", "eligible", "related"]
    list_fields = PageHandler.list_fields + ["eligible", "deadline"]

    def clean_extra(self, data, cleaned, ctx, error):
        tz_name = self.run(error, "timezone", lambda: cells.text(data.get("timezone"))) or settings.TIME_ZONE
        try:
            tz = zoneinfo.ZoneInfo(tz_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            error("timezone", _("unknown time zone “%(v)s”") % {"v": tz_name})
            tz, tz_name = timezone.get_default_timezone(), settings.TIME_ZONE
        cleaned["timezone"] = tz_name
        cleaned["programme"] = self.run(error, "programme", lambda: cells.text(
            data.get("programme")))
        for name in ("funder", "call_identifier"):
            cleaned[name] = self.run(error, name, lambda name=name: cells.text(data.get(name)))
            self.check_value(error, name, name, cleaned[name])
        cleaned["opens"] = self.moment(data.get("opens"), tz, "opens", error, end_of_day=False)
        deadlines = []
        for value in self.run(error, "deadline", lambda: cells.as_list(data.get("deadline"))) or []:
            moment = self.moment(value, tz, "deadline", error)
            if moment is not None:
                deadlines.append(moment)
        deadlines.sort()
        cleaned["deadline"] = deadlines[-1] if deadlines else None
        cleaned["stages"] = deadlines[:-1]
        if cleaned["opens"] and cleaned["deadline"] and cleaned["deadline"] <= cleaned["opens"]:
            error("deadline", _("the deadline is before the call opens"))
        cleaned["budget_eur"] = self.run(error, "budget_eur", lambda: cells.decimal(
            data.get("budget_eur")))
        if cleaned["budget_eur"] is not None and (
                cleaned["budget_eur"] < 0 or cleaned["budget_eur"] >= 10**14):
            error("budget_eur", _("the budget must be a positive amount in euro"))
        else:  # at most two decimal places: stored as given, never rounded
            self.check_value(error, "budget_eur", "budget_eur", cleaned["budget_eur"])
        rate = self.run(error, "cofinancing_rate", lambda: cells.decimal(
            data.get("cofinancing_rate")))
        if rate is not None and not 0 <= rate <= 100:
            error("cofinancing_rate", _("a rate is a percentage between 0 and 100"))
        else:
            self.check_value(error, "cofinancing_rate", "cofinancing_rate", rate)
        cleaned["cofinancing_rate"] = rate
        eligible = self.run(error, "eligible", lambda: cells.as_list(data.get("eligible"))) or []
        unknown = [value for value in eligible if value not in OrganisationType.values]
        if unknown:
            error("eligible", _("unknown applicant type: %(v)s (expected: %(all)s)") % {
                "v": ", ".join(unknown), "all": ", ".join(OrganisationType.values)})
        cleaned["eligible"] = [v for v in OrganisationType.values if v in eligible]

    def moment(self, value, tz, column, error, end_of_day=True):
        value = self.run(error, column, lambda: cells.text(value))
        if not value:
            return None
        try:
            return parse_deadline(value, tz, end_of_day=end_of_day)
        except ValueError:
            error(column, _("“%(v)s” is not an ISO date or date-time (YYYY-MM-DD or "
                            "YYYY-MM-DDTHH:MM)") % {"v": value})
            return None

    def apply_extra(self, page, cleaned, ctx):
        page.deadline_timezone = cleaned["timezone"]
        page.funder = cleaned["funder"] or ""
        page.call_identifier = cleaned["call_identifier"] or ""
        page.opens = cleaned["opens"]
        page.deadline = cleaned["deadline"]
        page.budget_eur = cleaned["budget_eur"]
        page.cofinancing_rate = cleaned["cofinancing_rate"]
        page.eligible = cleaned["eligible"]
        page.programme = (
            programmes(ctx).get_or_create(cleaned["programme"], page.locale, ctx.default_locale.pk)
            if cleaned["programme"] else None
        )
        with translation.override(page.locale.language_code):
            page.stage_deadlines = [
                CallStageDeadline(label=_("Stage %(n)d") % {"n": number}, deadline=moment)
                for number, moment in enumerate(cleaned["stages"], start=1)
            ]

    def export_queryset(self):
        return super().export_queryset().select_related("programme").prefetch_related(
            "stage_deadlines", "related_links")

    def export_extra(self, page):
        tz = page.tz
        moments = [stage.deadline for stage in page.stage_deadlines.all()]
        if page.deadline:
            moments.append(page.deadline)
        moments = [moment.astimezone(tz).isoformat() for moment in sorted(moments)]
        return {
            "programme": page.programme.name if page.programme else "",
            "funder": page.funder,
            "call_identifier": page.call_identifier,
            "opens": page.opens.astimezone(tz).isoformat() if page.opens else "",
            "deadline": moments if len(moments) > 1 else (moments[0] if moments else ""),
            "timezone": page.deadline_timezone,
            "budget_eur": number_text(page.budget_eur),
            "cofinancing_rate": number_text(page.cofinancing_rate),
            "eligible": list(page.eligible or []),
        }
