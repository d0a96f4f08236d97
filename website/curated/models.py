"""What every curated page shares: the taxonomy, a summary, a body and an import id.

Case studies, tools, policies and funding calls all subclass ``CuratedPage`` so
that browsing, related content, feeds, the API and the importer treat them
alike. Taxonomy links point at the terms of the page's own language; filters
and imports use the terms' language-independent slugs.

The curated types are not listed anywhere: ``curated_page_types()`` finds every
concrete subclass among the installed models (and ``related_link_models()``
every concrete ``RelatedLinkBase``), so a content app adds a type by defining it.

Each item has one date, ``publication_date``: its own (``published_on``, from
the source or the import) or, without one, the day it was first published on
this site. Cards, the page, feeds, the search index and the API all show it,
and "newest first" sorts by it (``website.curated.listing.PUBLICATION_DATE`` in queries).
"""

import datetime as dt

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from website.blocks import BodyBlock
from website.chrome import CachedViewRestrictionsMixin
from website.forms import TaxonomyPageForm
from website.importing.ids import normalise_id


class CuratedPage(CachedViewRestrictionsMixin, Page):
    """Abstract base of the curated database pages (case studies, tools, policies, calls)."""

    # Not editable: set by the importer only, and kept out of wagtail-localize's
    # translatable and synchronised fields (a translation has an id of its own).
    import_id = models.CharField(
        _("external id"),
        max_length=120,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Stable id from an import file; re-importing that id updates this page."),
    )
    import_hash = models.CharField(max_length=40, blank=True, editable=False)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_url = models.URLField(_("external link"), max_length=500, blank=True)
    published_on = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("When the item itself was published (a report, a decision...)."),
    )
    themes = ParentalManyToManyField(
        "website.ThematicPriority", blank=True, related_name="+", verbose_name=_("themes")
    )
    pillars = ParentalManyToManyField(
        "website.Pillar", blank=True, related_name="+", verbose_name=_("pillars")
    )
    regions = ParentalManyToManyField(
        "website.Region", blank=True, related_name="+", verbose_name=_("regions")
    )
    countries = ParentalManyToManyField(
        "website.Country", blank=True, related_name="+", verbose_name=_("countries")
    )

    # Taxonomy pickers: one choice per concept, the term of the page's language.
    base_form_class = TaxonomyPageForm
    taxonomy_panels = [
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("pillars", widget=forms.CheckboxSelectMultiple),
                FieldPanel("regions"),
                FieldPanel("countries"),
                FieldPanel("tags"),
            ],
            heading=_("Classification"),
        )
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("import_id"),
    ]
    api_fields = [
        APIField("import_id"),
        APIField("summary"),
        APIField("body"),
        APIField("external_url"),
        APIField("published_on"),
        APIField("publication_date"),
        APIField("themes", serializer=serializers.SlugRelatedField(
            many=True, read_only=True, slug_field="slug")),
        APIField("pillars", serializer=serializers.SlugRelatedField(
            many=True, read_only=True, slug_field="slug")),
        APIField("regions", serializer=serializers.SlugRelatedField(
            many=True, read_only=True, slug_field="slug")),
        APIField("countries", serializer=serializers.SlugRelatedField(
            many=True, read_only=True, slug_field="code")),
        APIField("tags"),
    ]
    # An editor's copy must not steal the import id of the original.
    exclude_fields_in_copy = ["import_id", "import_hash"]

    # The importer's record type, set by each subclass ("case_study", "tool"...).
    import_type = ""
    # The endpoint under /api/v2/ that lists this type ("case-studies"...); "" for none.
    api_name = ""
    card_kind_label = ""
    # Only funding calls have a (computed) status; templates test it on every card,
    # and a missing attribute costs a dir() of the page in Django's template engine.
    status = None

    class Meta:
        abstract = True
        # One page per type and import id (translations have ids of their own;
        # copies made in the admin start without one). Ids are stored normalised.
        constraints = [
            models.UniqueConstraint(
                fields=["import_id"], condition=~Q(import_id=""),
                name="%(app_label)s_%(class)s_unique_import_id",
            )
        ]

    def clean(self):
        super().clean()
        self.import_id = normalise_id(self.import_id or "")
        if self.import_id:
            clash = type(self).objects.filter(import_id=self.import_id).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {"import_id": _("Another page of this type has this id.")}
                )

    def save(self, *args, **kwargs):
        self.import_id = normalise_id(self.import_id or "")
        return super().save(*args, **kwargs)

    # -- cards and templates --------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from website.curated.related import content_version

        context = super().get_context(request, *args, **kwargs)
        # Part of the cache key of the detail fragment: any publish, unpublish,
        # move, privacy or taxonomy change makes every cached fragment stale.
        # Previews show unsaved content: never read or store the cached fragment.
        preview = getattr(request, "is_preview", False)
        context["content_version"] = "preview" if preview else content_version()
        context["fragment_timeout"] = 0 if preview else 600
        return context

    @property
    def publication_date(self):
        """The item's own date, else the day it was first published here (Europe/Sofia)."""
        if self.published_on:
            return self.published_on
        first = self.first_published_at or self.last_published_at
        return timezone.localdate(first) if first else None

    @property
    def publication_datetime(self):
        """``publication_date`` as a moment, for feeds: the first publication when it is that day."""
        day = self.publication_date
        if day is None:
            return None
        first = self.first_published_at
        if first and timezone.localdate(first) == day:
            return first
        return dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_current_timezone())

    @property
    def card_kind(self):
        return self.card_kind_label

    @property
    def card_summary(self):
        return self.summary or self.search_description

    @property
    def card_meta(self):
        return ""


class CuratedPageChooserPanel(PageChooserPanel):
    """A page chooser limited to the curated types, found when the admin builds the form.

    The panel is declared while the models are still loading, before every
    curated type exists; the admin builds its forms once they all do.
    """

    def get_form_options(self):
        options = super().get_form_options()
        if options:
            options.setdefault("widgets", {})[self.field_name] = AdminPageChooser(
                target_models=curated_page_types(), can_choose_root=False
            )
        return options


class RelatedLinkBase(Orderable):
    """An explicit link from one curated page to another, shown before computed ones."""

    target = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [CuratedPageChooserPanel("target")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("related item")
        verbose_name_plural = _("related items")


def curated_page_types():
    """Every installed concrete ``CuratedPage`` subclass, in app and definition order."""
    return [model for model in apps.get_models() if issubclass(model, CuratedPage)]


def related_link_models():
    """Every installed concrete ``RelatedLinkBase`` subclass (one per curated type)."""
    return [model for model in apps.get_models() if issubclass(model, RelatedLinkBase)]


__all__ = [
    "CuratedPage",
    "CuratedPageChooserPanel",
    "RelatedLinkBase",
    "curated_page_types",
    "related_link_models",
]
