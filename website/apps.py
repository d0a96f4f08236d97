from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    label = "website"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_migrate

        from website import chrome, forms, site_url

        chrome.connect_signals()
        forms.register_term_fields()
        checks.register(site_url.check_site_url)
        post_migrate.connect(site_url.sync_default_site, sender=self,
                             dispatch_uid="website-sync-default-site")
