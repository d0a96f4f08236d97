from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    label = "monitoring"
    verbose_name = _("Surveys and consultations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from monitoring.home import open_now
        from monitoring.signal_handlers import register_signal_handlers
        from monitoring.viewsets import register_queues
        from website.demo_loader import register_demo_step
        from website.sections import register_home_section

        register_signal_handlers()
        register_queues()
        register_home_section("have_your_say", open_now, order=40)
        register_demo_step("monitoring.demo.load")
        register_demo_step("monitoring.demo_indicators.load")
