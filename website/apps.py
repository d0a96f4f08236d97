from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    label = "website"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from website import chrome, login_throttle
        from website.curated.signal_handlers import register_signal_handlers

        chrome.connect_signals()
        login_throttle.connect_signals()
        register_signal_handlers()
