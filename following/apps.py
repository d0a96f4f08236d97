from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "following"
    label = "following"
    verbose_name = _("Following")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from following.dashboard import dashboard_panel, follow_of, personal_data
        from website.dashboard import register_dashboard_panel
        from website.follows import register_follow_state
        from website.personal_data import register_personal_data

        register_dashboard_panel("following", dashboard_panel, order=15)
        register_follow_state(follow_of)
        register_personal_data("following", personal_data)
