from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    label = "network"
    verbose_name = _("Network")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from network.events import upcoming_for_home
        from network.follows import register_followables
        from network.importers import EventHandler, MemberHandler
        from network.moderation import register_queues
        from network.signal_handlers import register_signal_handlers
        from network.sitemaps import MemberSitemap
        from network.viewsets import member_chooser_viewset
        from website.choosers import register_chooser
        from website.demo_loader import register_demo_step
        from website.importing.registry import register_handler
        from website.sections import register_home_section
        from website.sitemaps import register_sitemap

        register_signal_handlers()
        register_queues()
        register_followables()

        register_home_section("upcoming_events", upcoming_for_home, order=30)
        register_chooser(member_chooser_viewset)
        register_demo_step("network.demo.load")
        register_handler(EventHandler())
        register_handler(MemberHandler())
        register_sitemap("members", MemberSitemap)
