from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    label = "funding"
    verbose_name = _("Funding and policies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from funding.dashboard import eligible_calls_panel, saved_calls_data
        from funding.home import open_calls
        from funding.importers import FundingCallHandler, PolicyHandler
        from funding.models import FundingProgramme
        from website.curated.signal_handlers import bump_on_change
        from website.dashboard import register_dashboard_panel
        from website.importing.registry import register_handler
        from website.personal_data import register_personal_data
        from website.sections import register_home_section

        register_home_section("open_calls", open_calls, order=10)
        register_dashboard_panel("funding", eligible_calls_panel, order=15)
        register_personal_data("saved_calls", saved_calls_data)
        # Programme names show in cached call and policy pages, like taxonomy terms.
        bump_on_change(FundingProgramme)
        register_handler(PolicyHandler())
        register_handler(FundingCallHandler())
