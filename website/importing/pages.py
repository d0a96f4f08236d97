"""The page-based import handler shared by every curated page type.

A subclass names its ``type``, page ``model`` and ``index_model`` (the section
page new items go under, one per language) and adds its own columns through
``clean_extra``, ``apply_extra`` and ``export_extra``.
"""

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext as _

from website.importing import fields as cells
from website.models import Country, Pillar, Region, ThematicPriority

TAXONOMY_COLUMNS = [
    # column, page attribute, model, key field
    ("themes", "themes", ThematicPriority, "slug"),
    ("pillars", "pillars", Pillar, "slug"),
    ("regions", "regions", Region, "slug"),
    ("countries", "countries", Country, "code"),
]


class TermIndex:
    """Every taxonomy term (and keyword) by key and locale, loaded once per import."""

    def __init__(self):
        self._maps = {}
        self._tags = None

    def terms(self, model, key):
        if model not in self._maps:
            mapping = {}
            for term in model.objects.all():
                mapping.setdefault(getattr(term, key), {})[term.locale_id] = term
            self._maps[model] = mapping
        return self._maps[model]

    def known(self, model, key, value):
        return value in self.terms(model, key)

    def resolve(self, model, key, value, locale_id, default_locale_id):
        """The term in the page's language, else in the default one, else any."""
        by_locale = self.terms(model, key).get(value, {})
        return by_locale.get(locale_id) or by_locale.get(default_locale_id) or next(
            iter(by_locale.values()), None
        )

    def resolve_all(self, model, key, values, locale_id, default_locale_id):
        found = (self.resolve(model, key, v, locale_id, default_locale_id) for v in values)
        return [term for term in found if term is not None]

    def tags(self, names):
        """Tag objects for keywords, created once when new (taggit matches names exactly)."""
        from taggit.models import Tag

        if self._tags is None:
            self._tags = {tag.name: tag for tag in Tag.objects.all()}
        result = []
        for name in names:
            if name not in self._tags:
                self._tags[name] = Tag.objects.create(name=name)
            result.append(self._tags[name])
        return result


class PageHandler:
    """Imports and exports one page type."""

    type = ""
    model = None
    index_model = None
    fields = []  # type-specific columns, in export order
    list_fields = ["themes", "pillars", "regions", "countries", "tags", "related"]
    # Columns every page type understands beyond the common ones.
    shared_extra_fields = ["related"]

    # -- validation ------------------------------------------------------------------

    def clean(self, data, ctx, error):
        """Cleaned values from a record (merged with its source if a translation)."""
        texts = {
            name: self.run(error, name, lambda name=name: cells.text(data.get(name)))
            for name in ("title", "summary", "body")
        }  # None: reported already
        cleaned = {name: value or "" for name, value in texts.items()}
        cleaned.update({
            "published": None,
            "url": "",
            "tags": [],
            "related": [],
        })
        if texts["title"] == "":
            error("title", _("a title is required"))
        elif len(cleaned["title"]) > 255:
            error("title", _("the title is longer than 255 characters"))
        self.run(error, "published", lambda: cleaned.update(published=cells.iso_date(
            data.get("published"))))
        self.run(error, "url", lambda: cleaned.update(url=cells.url(data.get("url"))))
        if len(cleaned["url"]) > 500:
            error("url", _("the address is longer than 500 characters"))
        for column, _attr, model, key in TAXONOMY_COLUMNS:
            values = self.run(error, column, lambda column=column: cells.as_list(data.get(column)))
            values = [v.upper() if key == "code" else v for v in values or []]
            unknown = [v for v in values if not ctx.terms.known(model, key, v)]
            if unknown:
                error(column, _("unknown %(what)s: %(v)s") % {
                    "what": model._meta.verbose_name, "v": ", ".join(unknown)})
            cleaned[column] = sorted(set(values))
        tags = self.run(error, "tags", lambda: cells.as_list(data.get("tags"))) or []
        too_long = [t for t in tags if len(t) > 100]
        if too_long:
            error("tags", _("a keyword is longer than 100 characters: %(v)s") % {"v": too_long[0]})
        cleaned["tags"] = sorted(set(tags), key=str.lower)
        related = self.run(error, "related", lambda: cells.as_list(data.get("related"))) or []
        for reference in related:
            record_type, _sep, record_id = reference.partition(":")
            record_type, record_id = record_type.strip(), cells.record_id(record_id)
            if not record_id:
                error("related", _("“%(v)s” should be type:id, e.g. tool:sroi-guide") % {
                    "v": reference})
            else:
                cleaned["related"].append((record_type, record_id))
        self.clean_extra(data, cleaned, ctx, error)
        return cleaned

    def clean_extra(self, data, cleaned, ctx, error):
        """Type-specific columns: add them to ``cleaned``, report problems with ``error``."""

    @staticmethod
    def run(error, field, func):
        try:
            return func()
        except cells.CellError as exc:
            error(field, str(exc))
            return None

    def check_value(self, error, field_name, column, value):
        """Run the model field's own validators (length, choices) on a value."""
        from django.core.exceptions import ValidationError

        field = self.model._meta.get_field(field_name)
        try:
            if value not in (None, ""):
                field.run_validators(value)
            max_length = getattr(field, "max_length", None)
            if max_length and isinstance(value, str) and len(value) > max_length:
                raise ValidationError(_("longer than %(n)d characters") % {"n": max_length})
        except ValidationError as exc:
            error(column, "; ".join(exc.messages))

    # -- writing -----------------------------------------------------------------------

    def new_page(self, cleaned, record_id, locale, parent, ctx):
        page = self.model(title=cleaned["title"], locale=locale)
        page.slug = ctx.free_slug(parent, slugify(record_id)[:70] or "item")
        return page

    def apply(self, page, cleaned, ctx):
        """Set the cleaned values on the page in memory (saved by the pipeline)."""
        locale_id = page.locale_id
        default_id = ctx.default_locale.pk
        page.title = cleaned["title"]
        page.summary = cleaned["summary"]
        page.body = cells.body_from_text(cleaned["body"])
        page.published_on = cleaned["published"]
        page.external_url = cleaned["url"]
        for column, attr, model, key in TAXONOMY_COLUMNS:
            setattr(page, attr, ctx.terms.resolve_all(
                model, key, cleaned[column], locale_id, default_id))
        page.tags.set(ctx.terms.tags(cleaned["tags"]))
        self.apply_extra(page, cleaned, ctx)

    def apply_extra(self, page, cleaned, ctx):
        """Type-specific values."""

    def apply_related(self, page, cleaned, ctx):
        link_model = page._meta.get_field("related_links").related_model
        links = []
        for record_type, record_id in cleaned["related"]:
            target_pk = ctx.page_pk(record_type, record_id, page.locale_id)
            if target_pk:
                links.append(link_model(target_id=target_pk))
        page.related_links = links

    # -- export -----------------------------------------------------------------------

    def export_queryset(self):
        return (
            self.model.objects.live()
            .select_related("locale")
            .prefetch_related("themes", "pillars", "regions", "countries", "tagged_items__tag")
            .order_by("pk")
        )

    def export(self, page, ids):
        """The record for a page; ``ids`` maps page pks to (type, id) for references."""
        record = {
            "type": self.type,
            "id": ids[page.pk][1],
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
            "published": page.published_on.isoformat() if page.published_on else "",
            "url": page.external_url,
        }
        record.update(self.export_extra(page))
        record["related"] = [
            f"{ids[link.target_id][0]}:{ids[link.target_id][1]}"
            for link in page.related_links.all()
            if link.target_id in ids
        ]
        return record

    def export_extra(self, page):
        return {}


def default_language():
    return settings.LANGUAGE_CODE
