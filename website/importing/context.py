"""What one import knows while it runs: locales, terms, the pages and objects already
on the site (by normalised import id), section pages and the slugs in use."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale, Page

from website.importing.ids import normalise_id
from website.importing.pages import TermIndex
from website.importing.registry import get_handler


@dataclass
class PageRef:
    pk: int
    import_id: str
    locale_id: int
    translation_key: object
    import_hash: str
    live: bool
    has_unpublished_changes: bool


@dataclass
class Item:
    """One record on its way in."""

    line: int
    type: str
    id: str
    language: str
    translation_of: str
    raw: dict
    handler: object = None
    cleaned: dict = None
    merged: dict = None
    existing: PageRef = None
    depth: int = 0
    hash: str = ""
    page: object = None
    outcome: str = ""


class ImportContext:
    """What validation and writing share: locales, terms, existing pages, slugs."""

    def __init__(self):
        self.terms = TermIndex()
        self.locales = {loc.language_code: loc for loc in Locale.objects.all()}
        default = settings.LANGUAGE_CODE
        self.default_locale = self.locales.get(default) or Locale.objects.get_or_create(
            language_code=default)[0]
        self.locale_ids = {code: loc.pk for code, loc in self.locales.items()}
        self._existing = {}
        self._by_key = {}
        self._indexes = {}
        self._slugs = {}
        self.page_ids = {}  # (type, id) -> page or object pk, for related links
        self._object_ids = {}
        self.new_pages = []  # (page, parent) of new live pages, inserted in bulk
        self.cache = {}  # per-import lookups that handlers keep for themselves
        self.now = timezone.now()

    def locale(self, code):
        if code not in self.locales:
            self.locales[code] = Locale.objects.get_or_create(language_code=code)[0]
            self.locale_ids[code] = self.locales[code].pk
        return self.locales[code]

    def existing(self, handler):
        if handler.type not in self._existing:
            by_id, by_key = {}, {}
            rows = handler.model.objects.values_list(
                "pk", "import_id", "locale_id", "translation_key", "import_hash", "live",
                "has_unpublished_changes",
            )
            for row in rows:
                ref = PageRef(*row)
                if ref.import_id:
                    by_id.setdefault(normalise_id(ref.import_id), ref)
                by_key[(ref.translation_key, ref.locale_id)] = ref
            self._existing[handler.type] = by_id
            self._by_key[handler.type] = by_key
        return self._existing[handler.type]

    def translation_of(self, handler, translation_key, locale_id):
        self.existing(handler)
        return self._by_key[handler.type].get((translation_key, locale_id))

    def index_page(self, handler, locale_id):
        key = (handler.index_model, locale_id)
        if key not in self._indexes:
            self._indexes[key] = (
                handler.index_model.objects.filter(locale_id=locale_id).order_by("path").first()
            )
        return self._indexes[key]

    def free_slug(self, parent, base):
        if parent.pk not in self._slugs:
            self._slugs[parent.pk] = set(
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .values_list("slug", flat=True)
            )
        used = self._slugs[parent.pk]
        slug, number = base, 1
        while slug in used:
            number += 1
            slug = f"{base}-{number}"
        used.add(slug)
        return slug

    def release_slug(self, parent, slug):
        self._slugs.get(parent.pk, set()).discard(slug)

    def object_ids(self, record_type):
        """Import id -> pk of the plain-model objects of a type already on the site."""
        if record_type not in self._object_ids:
            handler = get_handler(record_type)
            self._object_ids[record_type] = handler.existing_ids() if handler else {}
        return self._object_ids[record_type]

    def object_pk(self, record_type, record_id):
        """The object written by this import, else the one on the site (None if neither)."""
        pk = self.page_ids.get((record_type, record_id))
        return pk if pk is not None else self.object_ids(record_type).get(record_id)

    def page_pk(self, record_type, record_id, locale_id):
        """The page of (type, id), or its translation in ``locale_id`` when there is one."""
        handler = get_handler(record_type)
        pk = self.page_ids.get((record_type, record_id))
        ref = self.existing(handler).get(record_id) if handler else None
        if pk is None and ref is not None:
            pk = ref.pk
        if pk is None:
            return None
        row = handler.model.objects.filter(pk=pk).values("translation_key", "locale_id").first()
        if row and row["locale_id"] != locale_id:
            other = handler.model.objects.filter(
                translation_key=row["translation_key"], locale_id=locale_id
            ).values_list("pk", flat=True).first()
            return other or pk
        return pk
