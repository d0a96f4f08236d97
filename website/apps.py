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
        from wagtail.signals import copy_for_translation_done

        from website import chrome, follows, forms, login_throttle, site_url
        from website.curated.signal_handlers import register_signal_handlers
        from website.models.taxonomy import localise_copied_translation

        chrome.connect_signals()
        login_throttle.connect_signals()
        register_signal_handlers()
        forms.register_term_fields()
        follows.register_taxonomy_followables()
        checks.register(site_url.check_site_url)
        post_migrate.connect(site_url.sync_default_site, sender=self,
                             dispatch_uid="website-sync-default-site")
        copy_for_translation_done.connect(localise_copied_translation,
                                          dispatch_uid="website-localise-term-links")
