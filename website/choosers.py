"""Admin choosers that one app offers for its models and other apps' panels use.

The app that owns a model registers its chooser viewset in ``AppConfig.ready()``
(``register_chooser(member_chooser_viewset)``); a panel of another app names
only its own foreign key, ``ChooserPanel("member")``, and gets the chooser of
the model that key points at, so neither app imports the other. The widget is
looked up when the admin builds the form, after every app has registered, and
a model without a registered chooser fails loudly there.
"""

from django.core.exceptions import ImproperlyConfigured
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import resolve_model_string

_choosers = {}


def register_chooser(viewset):
    """Offer ``viewset`` (a Wagtail ``ChooserViewSet``) for every panel that picks its model."""
    _choosers[resolve_model_string(viewset.model)._meta.label_lower] = viewset
    return viewset


def chooser_for(model):
    label = resolve_model_string(model)._meta.label_lower
    try:
        return _choosers[label]
    except KeyError:
        raise ImproperlyConfigured(
            f"No chooser is registered for {label}; the app that owns the model registers "
            "one with website.choosers.register_chooser() in its AppConfig.ready()."
        ) from None


class ChooserPanel(FieldPanel):
    """A foreign key picked in the modal chooser that the target model's app registered."""

    def get_form_options(self):
        options = super().get_form_options()
        if options and not self.widget:
            widget = chooser_for(self.db_field.related_model).widget_class
            options.setdefault("widgets", {})[self.field_name] = widget
        return options
