"""Topics: the editor-managed subjects of the programmes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from website.models.taxonomy import TaxonomyTerm


class Topic(TaxonomyTerm):
    """A subject programmes teach (design thinking, social impact assessment, the
    circular-economy expert programme...). Translatable like the taxonomy: every
    translation shares the ``slug`` that imports and filters use.
    """

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_locale")
        ]
