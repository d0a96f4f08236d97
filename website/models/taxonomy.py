"""The shared vocabulary: themes, pillars, regions, countries and the SI criteria.

Every content type links to these, so browsing, facets, related content and
KPIs speak one language. They are translatable snippets: each translation shares
the ``slug`` (or ISO ``code``) of its source, which is what imports, URLs and the
search index use.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index

from website.forms import TaxonomyAdminForm


class TaxonomyQuerySet(models.QuerySet):
    def in_active_locale(self):
        """The translations for the current language, falling back to the default."""
        locale = Locale.get_active()
        localised = self.filter(locale=locale)
        if localised.exists():
            return localised
        return self.filter(locale=Locale.get_default())


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    """Abstract base: a named term with a stable slug shared by its translations."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=False,
        help_text=_("Stable identifier used by imports and URLs; the same in every language."),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TaxonomyQuerySet.as_manager()
    # A criterion's dimension is picked in the criterion's own language.
    base_form_class = TaxonomyAdminForm

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)
        clash = (
            type(self)
            .objects.filter(slug=self.slug, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .exists()
        )
        if self.slug and self.locale_id and clash:
            raise ValidationError({"slug": _("This slug is already used in this language.")})


class ThematicPriority(TaxonomyTerm):
    """A thematic priority of the centre, reviewed yearly (hence its validity period)."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the priority is current."),
    )

    panels = TaxonomyTerm.panels + [FieldPanel("valid_from"), FieldPanel("valid_until")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("thematic priority")
        verbose_name_plural = _("thematic priorities")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_theme_slug_locale")
        ]

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end of validity is before its start.")})

    @property
    def is_current(self):
        today = timezone.localdate()
        return (self.valid_from is None or self.valid_from <= today) and (
            self.valid_until is None or today <= self.valid_until
        )


class Pillar(TaxonomyTerm):
    """A sector group of the cluster (textiles, plastics and packaging, agri)."""

    membership_target = models.PositiveIntegerField(
        _("membership target"), default=20, help_text=_("Members this pillar aims to have.")
    )

    panels = TaxonomyTerm.panels + [FieldPanel("membership_target")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_pillar_slug_locale")
        ]


iso_country_code = RegexValidator(r"^[A-Z]{2}$", _("Use the two-letter ISO 3166-1 code, e.g. BG."))


class Country(TranslatableMixin, index.Indexed, models.Model):
    """A country, identified by its ISO 3166-1 alpha-2 code."""

    code = models.CharField(_("ISO code"), max_length=2, validators=[iso_country_code])
    name = models.CharField(_("name"), max_length=100)

    objects = TaxonomyQuerySet.as_manager()
    # What names the country in every language (website.forms); terms use their slug.
    concept_field = "code"
    base_form_class = TaxonomyAdminForm

    search_fields = [index.SearchField("name"), index.FilterField("code")]
    panels = [FieldPanel("code"), FieldPanel("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_country_code_locale")
        ]

    def __str__(self):
        return self.name

    @property
    def slug(self):
        return self.code


class Region(TaxonomyTerm):
    """A region within a country, such as one of Bulgaria's six planning regions."""

    country_code = models.CharField(
        _("country"), max_length=2, default="BG", validators=[iso_country_code]
    )

    panels = TaxonomyTerm.panels + [FieldPanel("country_code")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_region_slug_locale")
        ]


class SocialInnovationDimension(TaxonomyTerm):
    """One of the five dimensions of the operationalised EC definition of social innovation."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("social-innovation dimension")
        verbose_name_plural = _("social-innovation dimensions")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_si_dimension_slug_locale"
            )
        ]


class SocialInnovationCriterion(TaxonomyTerm):
    """A characteristic within a dimension; case studies say which ones they meet."""

    dimension = models.ForeignKey(
        SocialInnovationDimension,
        verbose_name=_("dimension"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )

    panels = [FieldPanel("dimension")] + TaxonomyTerm.panels

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("social-innovation criterion")
        verbose_name_plural = _("social-innovation criteria")
        ordering = ["dimension__sort_order", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_si_criterion_slug_locale"
            )
        ]


def localise_term_links(obj):
    """Point ``obj``'s taxonomy links at the terms of its own language (in memory).

    A translation starts as a copy of its source (Wagtail's ``copy_for_translation``,
    which wagtail-localize uses too), links included, so they name the source
    language's terms. Each is swapped for the term of the same concept (slug, or
    code) in ``obj``'s language, where there is one. Returns whether any changed.
    """
    from modelcluster.fields import ParentalManyToManyField

    from website.forms import concept_field, is_term_model

    changed = False
    for field in obj._meta.get_fields():
        if not isinstance(field, ParentalManyToManyField | models.ForeignKey):
            continue
        model = field.related_model
        if not is_term_model(model):
            continue
        key = concept_field(model)
        current = list(getattr(obj, field.name).all()) if field.many_to_many else (
            [getattr(obj, field.name)] if getattr(obj, field.attname) else [])
        if all(term.locale_id == obj.locale_id for term in current):
            continue
        own = {getattr(t, key): t for t in model._default_manager.filter(
            locale_id=obj.locale_id, **{f"{key}__in": [getattr(t, key) for t in current]})}
        localised = [own.get(getattr(term, key), term) for term in current]
        setattr(obj, field.name, localised if field.many_to_many else localised[0])
        changed = True
    return changed


def localise_copied_translation(sender, source_obj, target_obj, **kwargs):
    """``copy_for_translation_done``: the new translation links its own language's terms.

    A page copy is already saved (so its links are saved again); a snippet copy is
    saved later by whoever asked for it, with the links changed here.
    """
    if localise_term_links(target_obj) and target_obj.pk:
        target_obj.save()
