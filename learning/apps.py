import mimetypes

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    label = "learning"
    verbose_name = _("Learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from learning.certificates import wiring as certificates
        from learning.dashboard import learning_panel
        from learning.importers import ProgrammeHandler
        from learning.members import facilitated_programmes, learning_data
        from learning.mentoring import wiring as mentoring
        from learning.signal_handlers import register_signal_handlers
        from website.curated.featuring import register_featuring
        from website.dashboard import register_dashboard_panel
        from website.demo_loader import register_demo_step
        from website.importing.registry import register_handler
        from website.personal_data import register_personal_data

        # Captions tracks are served as documents; browsers want them as text/vtt.
        mimetypes.add_type("text/vtt", ".vtt")
        register_signal_handlers()
        register_handler(ProgrammeHandler())
        register_dashboard_panel("learning", learning_panel, order=20)
        register_demo_step("learning.demo.load")
        certificates.connect()
        mentoring.connect()
        register_featuring("network.Member", "programmes", facilitated_programmes)
        register_personal_data("learning", learning_data)
