"""The certificates section of a member's dashboard (``website.dashboard``)."""

from django.utils.translation import gettext as _


def certificates_panel(request, member):
    from learning.models import Certificate

    certificates = list(Certificate.objects.filter(learner=member).select_related("programme"))
    if not certificates:
        return None
    return {"title": _("Your certificates"), "certificates": certificates,
            "template": "learning/certificates/dashboard_panel.html"}
