from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    label = "network"
    verbose_name = _("Network")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from network.events import upcoming_for_home
        from network.signal_handlers import register_signal_handlers
        from website.sections import register_home_section

        register_signal_handlers()

        register_home_section("upcoming_events", upcoming_for_home, order=30)
        self.register_importers()

    def register_importers(self):
        try:
            from website.importing.registry import register_handler
        except ImportError:
            return
        try:
            from network.importers import handlers
        except ImportError:
            return
        for handler in handlers():
            register_handler(handler)
