from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import registry
        from search.signal_handlers import register_signal_handlers

        # Each content app's documents.py registers its sources.
        registry.autodiscover()
        register_signal_handlers()
