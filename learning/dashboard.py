"""The learning section of a member's dashboard (``website.dashboard``)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from learning.choices import BookingStatus
from learning.enrolment import in_locale
from learning.structure import progress


def learning_panel(request, member):
    from learning.models import Booking, ProgrammeIndexPage

    locale = Locale.get_active()
    rows = []
    for enrolment in member.enrolments.select_related("programme", "completion"):
        rows.append({"enrolment": enrolment,
                     "programme": in_locale(enrolment.programme, locale),
                     "progress": progress(enrolment),
                     "completion": getattr(enrolment, "completion", None)})
    index = ProgrammeIndexPage.objects.live().filter(locale=locale).first()
    upcoming = Booking.objects.filter(
        learner=member, status__in=[BookingStatus.CONFIRMED, BookingStatus.WAITING],
        session__starts_at__gte=timezone.now()).count()
    return {
        "title": _("Your learning"), "template": "learning/includes/dashboard_panel.html",
        "rows": rows, "upcoming": upcoming, "index_url": index.url if index else "",
    }
