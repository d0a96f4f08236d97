"""Import and export of the centre's events (``event`` records) through ``website.importing``.

Columns besides the common ones: ``starts`` and ``ends`` (ISO 8601 with an
offset, e.g. 2026-10-08T10:00:00+03:00; a time without offset is read in the
event's ``time_zone``, by default the site's ``TIME_ZONE``, Europe/Sofia, and
both are exported with that zone's offset), ``location``, ``online`` (true/false), ``registration_url``,
``capacity`` and ``time_zone``. Events keep their taxonomy, countries and tags
like the curated pages (search facets them); they have no related links, and
that column is accepted and ignored.

``member`` records (``MemberHandler``) become approved organisation profiles
without a login. It is an object handler (``object_handler = True``): ``clean``
like a page handler, then ``write_object(cleaned, record_id)`` in the import's
transaction, before any page is written, so that case studies in the same
file can name the members they feature.
"""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import EventIndexPage, EventPage, Member
from network.models.pages import TIME_ZONES
from website.importing import fields as cells
from website.importing.ids import normalise_id
from website.importing.pages import TAXONOMY_COLUMNS, PageHandler


def aware_datetime(value, tz=None):
    """A moment from ISO 8601; without an offset, in ``tz`` (default: the site's zone)."""
    text = cells.text(value)
    if not text:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise cells.CellError(
            _("“%(v)s” is not a date and time like 2026-10-08T10:00:00+03:00") % {"v": text}
        ) from exc
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=tz or timezone.get_default_timezone())
    return parsed


def boolean(value):
    if isinstance(value, bool):
        return value
    text = cells.text(value).lower()
    if text in ("", "0", "false", "no", "n"):
        return False
    if text in ("1", "true", "yes", "y"):
        return True
    raise cells.CellError(_("“%(v)s” should be true or false") % {"v": value})


class EventHandler(PageHandler):
    type = "event"
    model = EventPage
    index_model = EventIndexPage
    fields = ["starts", "ends", "location", "online", "registration_url", "capacity", "time_zone"]

    def clean_extra(self, data, cleaned, ctx, error):
        cleaned["time_zone"] = self.run(
            error, "time_zone",
            lambda: cells.choice(data.get("time_zone") or settings.TIME_ZONE, TIME_ZONES),
        )
        tz = zoneinfo.ZoneInfo(cleaned["time_zone"] or settings.TIME_ZONE)
        cleaned["starts"] = self.run(error, "starts", lambda: aware_datetime(data.get("starts"), tz))
        cleaned["ends"] = self.run(error, "ends", lambda: aware_datetime(data.get("ends"), tz))
        if cleaned["starts"] is None and data.get("starts") in (None, ""):
            error("starts", _("an event needs a start"))
        if cleaned["starts"] and cleaned["ends"] and cleaned["ends"] < cleaned["starts"]:
            error("ends", _("the event ends before it starts"))
        cleaned["ends"] = cleaned["ends"] or cleaned["starts"]  # as stored: a point in time
        cleaned["location"] = self.run(error, "location", lambda: cells.text(data.get("location")))
        self.check_value(error, "place", "location", cleaned["location"])
        cleaned["online"] = bool(self.run(error, "online", lambda: boolean(data.get("online"))))
        cleaned["registration_url"] = self.run(
            error, "registration_url", lambda: cells.url(data.get("registration_url"))
        )
        cleaned["capacity"] = self.run(
            error, "capacity", lambda: cells.integer(data.get("capacity"), 0)
        )

    def apply(self, page, cleaned, ctx):
        locale_id, default_id = page.locale_id, ctx.default_locale.pk
        page.title = cleaned["title"]
        page.summary = cleaned["summary"]
        page.body = cells.body_from_text(cleaned["body"])
        for column, attr, model, key in TAXONOMY_COLUMNS:
            found = [ctx.terms.resolve(model, key, v, locale_id, default_id) for v in cleaned[column]]
            # Terms (or their pks, depending on the pipeline's version).
            pks = [getattr(term, "pk", term) for term in found if term]
            setattr(page, attr, list(model.objects.filter(pk__in=pks)))
        page.tags.set(ctx.terms.tags(cleaned["tags"]))
        page.start = cleaned["starts"]
        page.end = cleaned["ends"]
        page.place = cleaned["location"] or ""
        page.is_online = bool(cleaned["online"])
        page.registration_url = cleaned["registration_url"] or ""
        page.capacity = cleaned["capacity"]
        page.time_zone = cleaned["time_zone"] or settings.TIME_ZONE

    def apply_related(self, page, cleaned, ctx):
        """Events have no related links."""

    def export_queryset(self):
        return (
            EventPage.objects.live().select_related("locale")
            .prefetch_related("themes", "pillars", "regions", "countries", "tagged_items__tag")
            .order_by("pk")
        )

    def export(self, page, ids):
        tz = zoneinfo.ZoneInfo(page.time_zone or settings.TIME_ZONE)
        return {
            "type": self.type,
            "id": ids[page.pk][1] if page.pk in ids else (page.import_id or f"event-{page.pk}"),
            "language": page.locale.language_code,
            "translation_of": "",
            "title": page.title,
            "summary": page.summary,
            "body": cells.text_from_body(page.body),
            "themes": sorted(t.slug for t in page.themes.all()),
            "pillars": sorted(t.slug for t in page.pillars.all()),
            "regions": sorted(t.slug for t in page.regions.all()),
            "countries": sorted(t.code for t in page.countries.all()),
            "tags": sorted({item.tag.name for item in page.tagged_items.all()}, key=str.lower),
            "published": "",
            "url": "",
            "starts": page.start.astimezone(tz).isoformat(),  # with the event's own offset
            "ends": page.end.astimezone(tz).isoformat(),
            "location": page.place,
            "online": page.is_online,
            "registration_url": page.registration_url,
            "capacity": page.capacity if page.capacity is not None else "",
            "time_zone": page.time_zone,
            "related": [],
        }


class MemberHandler:
    """``member`` rows: approved, listed organisation profiles without an account."""

    type = "member"
    object_handler = True
    model = Member  # its ``import_id`` column bounds the ids
    fields = ["member_type", "city", "website", "latitude", "longitude", "expertise_offered",
              "help_sought", "contact_email"]
    list_fields = ["themes", "pillars", "regions", "countries", "tags"]

    def clean(self, data, ctx, error):
        from website.choices import OrganisationType

        run = PageHandler.run

        def text(name):
            return run(error, name, lambda: cells.text(data.get(name)))

        title = text("title")
        cleaned = {"title": title or ""}
        if title == "":
            error("title", _("a name (title) is required"))
        elif len(cleaned["title"]) > 200:
            error("title", _("the name is longer than 200 characters"))
        summary, body = text("summary"), text("body")
        cleaned["description"] = "\n\n".join(part for part in (summary, body) if part)
        cleaned["member_type"] = run(error, "member_type", lambda: cells.choice(
            data.get("member_type") or "business", OrganisationType.choices)) or "business"
        cleaned["website"] = run(error, "website", lambda: cells.url(data.get("website"))) or ""
        for name in ("city", "expertise_offered", "help_sought", "contact_email"):
            cleaned[name] = text(name) or ""
        tags = run(error, "tags", lambda: cells.as_list(data.get("tags"))) or []
        if not cleaned["expertise_offered"] and tags:
            cleaned["expertise_offered"] = ", ".join(tags)
        for name, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
            value = run(error, name, lambda name=name: cells.decimal(data.get(name)))
            if value is not None and not low <= value <= high:
                error(name, _("out of range"))
            cleaned[name] = float(value) if value is not None else None
        for field, limit in (("city", 100), ("contact_email", 254)):
            if len(cleaned[field]) > limit:
                error(field, _("longer than %(n)d characters") % {"n": limit})
        for column, _attr, model, key in TAXONOMY_COLUMNS:
            if column == "countries":
                key = "code"
            values = run(error, column, lambda column=column: cells.as_list(data.get(column)))
            values = [v.upper() if key == "code" else v for v in values or []]
            unknown = [v for v in values if not ctx.terms.known(model, key, v)] if ctx else []
            if unknown:
                error(column, _("unknown %(what)s: %(v)s") % {
                    "what": model._meta.verbose_name, "v": ", ".join(unknown)})
            cleaned[column] = values
        cleaned["language"] = text("language") or ""
        return cleaned

    def stored_values(self, cleaned):
        """The member's fields, pillars and themes as this record would leave them."""
        from wagtail.models import Locale

        from website.models import Country, Pillar, Region, ThematicPriority

        locale = Locale.get_default()

        def terms(model, key, values):
            found = {getattr(term, key): term for term in model.objects.filter(
                locale=locale, **{f"{key}__in": values})}
            return [found[value] for value in values if value in found]  # the record's order

        regions = terms(Region, "slug", cleaned["regions"])
        countries = terms(Country, "code", cleaned["countries"])
        values = {
            "name": cleaned["title"], "description": cleaned["description"],
            "member_type": cleaned["member_type"], "website": cleaned["website"],
            "city": cleaned["city"], "expertise_offered": cleaned["expertise_offered"],
            "help_sought": cleaned["help_sought"], "contact_email": cleaned["contact_email"],
            "latitude": cleaned["latitude"], "longitude": cleaned["longitude"],
            "languages": cleaned["language"], "region": regions[0] if regions else None,
            # The language the profile is written in: search indexes it under this one.
            "language": cleaned["language"],
            "country": countries[0] if countries else None,
        }
        return values, terms(Pillar, "slug", cleaned["pillars"]), terms(
            ThematicPriority, "slug", cleaned["themes"])

    def outcome(self, cleaned, record_id):
        """What ``write_object`` would do: "created", "updated" or "unchanged"."""
        member = Member.objects.filter(import_id=record_id).first()
        if member is None:
            return "created"
        return "unchanged" if self.matches(member, *self.stored_values(cleaned)) else "updated"

    @staticmethod
    def matches(member, values, pillars, themes):
        from network.choices import LocationSource

        if values["latitude"] is None and member.location_source == LocationSource.CITY:
            # No coordinates in the row: the ones the city gave are what it leaves.
            values = {**values, "latitude": member.latitude, "longitude": member.longitude}
        return all(getattr(member, name) == value for name, value in values.items()) and (
            {p.pk for p in member.pillars.all()} == {p.pk for p in pillars}) and (
            {t.pk for t in member.themes.all()} == {t.pk for t in themes})

    def write_object(self, cleaned, record_id):
        """Create or update the member with this import id.

        Returns (member, True) when created, (member, False) when updated and
        (member, None) when the row matches what is stored (nothing is written).
        """
        from network.choices import Status

        values, pillars, themes = self.stored_values(cleaned)
        member = Member.objects.filter(import_id=record_id).first()
        created = member is None
        if created:
            member = Member(import_id=record_id, status=Status.APPROVED, listed=True,
                            approved_at=timezone.now())
        elif self.matches(member, values, pillars, themes):
            return member, None  # unchanged: nothing written
        for name, value in values.items():
            setattr(member, name, value)
        member.save()
        member.pillars.set(pillars)
        member.themes.set(themes)
        return member, created

    def existing_ids(self):
        """Import id -> pk of the members on the site, for columns that name members."""
        from network.models import Member

        return {
            normalise_id(import_id): pk
            for import_id, pk in Member.objects.exclude(import_id=None).values_list(
                "import_id", "pk")
            if import_id
        }

    @staticmethod
    def reference(member):
        """The id other records use for a member: the one its own export row has.

        None for a member with an account and no import id: it is not exported,
        and no other site could resolve its primary key.
        """
        if member.import_id:
            return member.import_id
        return f"member-{member.pk}" if member.user_id is None else None

    def export_queryset(self):
        from network.models import Member

        return (
            Member.objects.filter(user__isnull=True).select_related("region", "country")
            .prefetch_related("pillars", "themes").order_by("pk")
        )

    def export(self, member, ids=None):
        from network.choices import LocationSource

        given = member.has_location and member.location_source != LocationSource.CITY
        return {
            "type": self.type, "id": self.reference(member),
            "language": member.language or (
                member.languages.split(",")[0] if member.languages else "bg"),
            "translation_of": "", "title": member.name, "summary": "",
            "body": member.description, "themes": sorted(t.slug for t in member.themes.all()),
            "pillars": sorted(p.slug for p in member.pillars.all()),
            "regions": [member.region.slug] if member.region else [],
            "countries": [member.country.code] if member.country else [],
            "tags": [], "published": "", "url": "",
            "member_type": member.member_type, "city": member.city, "website": member.website,
            # Coordinates from the city are not the member's: the row gives the city alone.
            "latitude": member.latitude if given else "",
            "longitude": member.longitude if given else "",
            "expertise_offered": member.expertise_offered, "help_sought": member.help_sought,
            "contact_email": member.contact_email,
        }

