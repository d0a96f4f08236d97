"""What can be searched: each content app registers a ``DocumentSource`` here.

A content app's ``documents.py`` (imported by ``SearchConfig.ready()``) does::

    from search.registry import PageSource, register

    class CaseStudySource(PageSource):
        kind = "case_study"            # the import ``type`` of these items
        label = _("Case study")
        model = CaseStudyPage          # the app's own model; search never imports it

        def to_document(self, page):
            doc = self.page_document(page)          # title, url, language, dates, body, taxonomy
            doc.organisation = page.organisation
            return doc

    register(CaseStudySource())

The contract:

- ``kind`` is the import ``type`` of the source's items (``case_study``,
  ``funding_call``, ``member``...), ``label`` is shown on badges and the kind
  facet, ``model`` is what it indexes. A source whose objects are of several
  kinds (B2B posts are ``offer`` or ``need``) names them in ``kinds``
  (``{kind: label}``) and says each object's in ``kind_of(obj)``. ``name`` is
  the source's unique key (the outbox records it); it defaults to ``kind``.
  Two sources may give documents of one kind (the centre's events and the
  members' are both ``event``). ``aliases`` maps former spellings of a kind
  to today's (``{"case-study": ("case_study",)}``): the API still accepts them.
- ``document_id(obj)`` is ``<kind>:<external id>``: the import id of an
  imported item, else ``local_id(obj)``, ``<kind>-<pk>`` (what the item's
  export row calls it, so an exported item keeps its id on the site it is
  imported into).
- ``get_queryset()`` returns only what may be public: live, public, approved.
  ``PageSource`` does ``model.objects.live().public()``; plain models override it
  (e.g. ``filter(status="approved")``).
- ``to_document(obj) -> SearchDocument``.
- Pages (``PageSource``) are synced automatically on publish, unpublish, move,
  delete and privacy change. Plain models (``ObjectSource``) are synced on every
  save and delete when ``auto_sync`` is true (the default); otherwise, and after
  ``QuerySet.update()``, call ``search.sync.object_changed(obj)`` /
  ``search.sync.objects_changed(queryset)``; the worker re-reads the object and
  indexes it if ``get_queryset()`` still contains it, or removes it.
- ``fallback_fields``: for models outside Wagtail's search index, the text fields
  the database fallback matches words in while the engine is down (default ``title``).
- ``register_facet_labels(facet, provider)``: ``provider(values, language)``
  returns ``{value: label}`` for facet values (theme slugs to names and so on).
"""

import importlib
import logging
from collections import Counter

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.module_loading import module_has_submodule
from django.utils.text import normalize_newlines

from search.documents import SearchDocument

logger = logging.getLogger(__name__)

_sources = {}
_label_providers = {}
_content_version = []


class DocumentSource:
    """How one model's objects become search documents."""

    kind = ""
    label = ""
    # Several kinds ({kind: label}) when the kind depends on the object (``kind_of``).
    kinds = None
    # The registry key, recorded in outbox rows; ``kind`` when empty.
    name = ""
    # Former spellings of this source's kinds: {old: (new, ...)}, accepted by the API.
    aliases = {}
    model = None
    # Plain models: connect post_save / pre_delete automatically.
    auto_sync = True
    # Matched word by word by the database fallback when the model is not ``Indexed``.
    fallback_fields = ("title",)

    def get_queryset(self):
        return self.model._default_manager.all()

    def to_document(self, obj):
        raise NotImplementedError

    @property
    def key(self):
        return self.name or self.kind

    def kind_labels(self):
        return dict(self.kinds) if self.kinds else {self.kind: self.label}

    def kind_of(self, obj):
        return self.kind

    def local_id(self, obj, kind=None):
        """The id of an item that was not imported: ``<kind>-<pk>``, as its export row says."""
        return f"{kind or self.kind_of(obj)}-{obj.pk}"

    def document_id(self, obj, kind=None):
        """``<kind>:<import id>``, or ``<kind>:<local id>`` for what was made on the site."""
        kind = kind or self.kind_of(obj)
        return f"{kind}:{getattr(obj, 'import_id', None) or self.local_id(obj, kind)}"

    def former_ids(self, obj):
        """The ids ``obj`` would have under the source's other kinds: a post that became a
        need must not leave its ``offer:`` document behind."""
        kind = self.kind_of(obj)
        return [self.document_id(obj, other) for other in self.kinds or () if other != kind]

    def kind_counts(self):
        """{kind: how many of ``get_queryset()`` are of it} (``search_status`` compares)."""
        if not self.kinds:
            return {self.kind: self.get_queryset().count()}
        return dict(Counter(self.kind_of(obj) for obj in self.get_queryset().iterator(chunk_size=2000)))

    def get_live_objects(self, pks):
        """The objects among ``pks`` that may be public now (the worker re-reads with this)."""
        return self.get_queryset().filter(pk__in=pks)

    def prepare(self, objects):
        """Load in bulk what ``to_document`` will need for these objects (a hook)."""

    def handles(self, obj):
        return isinstance(obj, self.model)


class ObjectSource(DocumentSource):
    """A plain model with its own moderation (members, offers, posts)."""


class PageSource(DocumentSource):
    """A Wagtail page type; synced by page signals, never on plain save (drafts stay out)."""

    auto_sync = False

    # Many-to-many taxonomy fields read by ``prepare`` for a batch: name -> key of the term.
    taxonomy_fields = {"themes": "slug", "pillars": "slug", "regions": "slug", "countries": "code"}

    def get_queryset(self):
        return self.model.objects.live().public().select_related("locale")

    def prepare(self, pages):
        """Taxonomy and tags of a batch of pages, one values query per field.

        Reading the link tables as (page id, slug) pairs costs a fraction of
        ``prefetch_related``, which builds a model instance and a manager for
        every term of every page.
        """
        from wagtail.models import Site

        by_pk = {page.pk: page for page in pages}
        if not by_pk:
            return
        # Wagtail keeps the site root paths a page's URL is made from on the page itself
        # (``Page._get_site_root_paths``); one list for the batch saves a cache read per page.
        root_paths = Site.get_site_root_paths()
        for page in by_pk.values():
            page._search_terms = {}
            page._wagtail_cached_site_root_paths = root_paths
        fields = {f.name: f for f in self.model._meta.get_fields()}
        for name, key in self.taxonomy_fields.items():
            field = fields.get(name)
            if field is None or not field.many_to_many:
                continue
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows = field.remote_field.through.objects.filter(
                **{f"{source}__in": list(by_pk)}
            ).values_list(source, f"{target}__{key}")
            self._collect(by_pk, name, rows)
        tagged = fields.get("tagged_items")
        if tagged is not None:
            rows = tagged.related_model.objects.filter(
                content_object__in=list(by_pk)
            ).values_list("content_object_id", "tag__slug")
            self._collect(by_pk, "tags", rows)

    @staticmethod
    def _collect(by_pk, name, rows):
        for page in by_pk.values():
            page._search_terms[name] = []
        for pk, value in rows:
            by_pk[pk]._search_terms[name].append(value)
        for page in by_pk.values():
            page._search_terms[name].sort()

    def handles(self, obj):
        # Page signals may send the base Page; compare the specific class.
        from wagtail.models import Page

        if not isinstance(obj, Page):
            return False
        return issubclass(obj.specific_class or type(obj), self.model)

    def page_document(self, page, **extra):
        """The fields every page has: title, url, language, summary, body, dates, taxonomy."""
        summary = (
            getattr(page, "summary", "") or getattr(page, "intro", "") or page.search_description
        )
        first_published = page.first_published_at or page.last_published_at
        fields = {
            "id": self.document_id(page),
            "kind": self.kind_of(page),
            "language": page.locale.language_code,
            "title": page.title,
            "url": page.get_url() or page.url_path,
            "summary": " ".join(str(summary or "").split()),
            "body": stream_text(getattr(page, "body", None)),
            "themes": related_slugs(page, "themes"),
            "pillars": related_slugs(page, "pillars"),
            "regions": related_slugs(page, "regions"),
            "countries": related_codes(page, "countries"),
            "tags": tag_slugs(page),
            "published": timezone.localdate(first_published) if first_published else None,
        }
        fields.update(extra)
        return SearchDocument(**fields)


def plain_text(value):
    """Text without tags, with whitespace collapsed."""
    if not value:
        return ""
    return " ".join(strip_tags(normalize_newlines(str(value))).split())


def stream_text(stream):
    """A StreamField's text: each block's searchable content (what Wagtail's own index uses).

    Rendering every block's template gave the same words at a quarter of the
    rebuild speed; a block that cannot say its content is rendered instead.
    """
    if stream is None:
        return ""
    parts = []
    for block in stream:
        try:
            parts.extend(str(text) for text in block.block.get_searchable_content(block.value))
        except Exception:  # noqa: BLE001 - one broken block must not keep a page out
            try:
                parts.append(str(block.render()))
            except Exception:  # noqa: BLE001
                logger.warning("search: could not read block %s", block.block_type, exc_info=True)
    # Block boundaries become spaces so words from two blocks do not merge.
    return plain_text(" ".join(p.replace("<", " <") for p in parts))


def tag_slugs(page):
    """Free tags: prepared in bulk, or from ``tagged_items`` (prefetched by some sources)."""
    prepared = getattr(page, "_search_terms", {}).get("tags")
    if prepared is not None:
        return prepared
    if hasattr(page, "tagged_items"):
        return [item.tag.slug for item in page.tagged_items.all()]
    if hasattr(page, "tags"):
        return [tag.slug for tag in page.tags.all()]
    return []


def related_slugs(obj, name):
    prepared = getattr(obj, "_search_terms", {}).get(name)
    if prepared is not None:
        return prepared
    manager = getattr(obj, name, None)
    return [term.slug for term in manager.all()] if manager is not None else []


def related_codes(obj, name):
    prepared = getattr(obj, "_search_terms", {}).get(name)
    if prepared is not None:
        return prepared
    manager = getattr(obj, name, None)
    return [term.code for term in manager.all()] if manager is not None else []


def build_document(source, obj):
    """``source.to_document(obj)`` with the object's primary key recorded."""
    doc = source.to_document(obj)
    doc.object_pk = str(obj.pk)
    return doc


# Registration ---------------------------------------------------------------


def register(source):
    """Register a source instance; its ``key`` (``name`` or ``kind``) must be unique."""
    if not source.key or not source.kind_labels() or source.model is None:
        raise ValueError("A DocumentSource needs a kind and a model.")
    existing = _sources.get(source.key)
    if existing is not None and type(existing) is not type(source):
        raise ValueError(f"Search source {source.key!r} is already registered.")
    _sources[source.key] = source
    return source


def get_sources():
    return list(_sources.values())


def get_source(key):
    return _sources.get(key)


def source_for(obj):
    """The source that handles ``obj`` (most specific model first), or None."""
    candidates = [s for s in _sources.values() if s.handles(obj)]
    if not candidates:
        return None
    return max(candidates, key=lambda s: len(s.model.__mro__))


def kinds():
    """Every kind of document, with its label (the first source's, for a shared kind)."""
    found = {}
    for source in _sources.values():
        for kind, label in source.kind_labels().items():
            found.setdefault(kind, label)
    return found


def kind_aliases():
    """Former kind spellings -> today's kinds (``{"b2b": ("offer", "need")}``)."""
    found = {}
    for source in _sources.values():
        for old, new in source.aliases.items():
            found[old] = tuple(dict.fromkeys((*found.get(old, ()), *new)))
    return found


def register_facet_labels(facet, provider):
    """``provider(values, language) -> {value: label}`` for one facet."""
    _label_providers[facet] = provider


def facet_labels(facet, values, language):
    if facet == "kind":
        labels = kinds()
        return {value: str(labels[value]) for value in values if value in labels}
    if facet == "language":
        names = dict(settings.LANGUAGES)
        return {value: str(names.get(value, value)) for value in values}
    provider = _label_providers.get(facet)
    if provider is None:
        return {}
    try:
        return provider(values, language) or {}
    except Exception:  # noqa: BLE001 - labels are cosmetic; values still work
        logger.warning("search: facet label provider for %s failed", facet, exc_info=True)
        return {}


def register_content_version(provider):
    """``provider()`` -> the site's content generation: it changes with every publish,
    unpublish, move, deletion, privacy or taxonomy change. The database fallback caches
    page documents under it; without a provider it builds them on every search."""
    _content_version[:] = [provider]


def content_version():
    return _content_version[0]() if _content_version else None


def autodiscover():
    """Import ``documents`` of every installed app (except search's own schema module)."""
    for config in apps.get_app_configs():
        if config.name == "search":
            continue
        if module_has_submodule(config.module, "documents"):
            importlib.import_module(f"{config.name}.documents")
