from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    label = "casestudies"
    verbose_name = _("Case studies and tools")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casestudies.home import latest_case_studies
        from casestudies.importers import CaseStudyHandler, ToolHandler
        from casestudies.members import case_studies_featuring
        from casestudies.signal_handlers import register_signal_handlers
        from website.curated.featuring import register_featuring
        from website.importing.registry import register_handler
        from website.sections import register_home_section

        register_signal_handlers()
        register_featuring("network.Member", "case-studies", case_studies_featuring)
        register_home_section("latest_case_studies", latest_case_studies, order=20)
        register_handler(CaseStudyHandler())
        register_handler(ToolHandler())
