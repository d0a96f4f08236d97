"""Funding programmes: the non-page model editors manage as snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from funding.choices import PolicyLevel


class FundingProgramme(TranslatableMixin, index.Indexed, models.Model):
    """A programme that publishes calls (ESF+, Horizon Europe, LIFE, a national OP...).

    Translatable like the taxonomy: translations share the ``slug`` that
    imports use in their ``programme`` column.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=PolicyLevel.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("acronym"),
        FieldPanel("funder"),
        FieldPanel("level"),
        FieldPanel("description"),
        FieldPanel("url"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("acronym"),
        index.FilterField("level"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_programme_slug_locale")
        ]

    def __str__(self):
        return self.name
