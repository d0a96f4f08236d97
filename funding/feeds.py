"""Feeds of policies and calls, and the iCalendar feed of call deadlines."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event
from wagtail.models import Locale

from funding.models import FundingCallIndexPage, FundingCallPage, PolicyIndexPage, PolicyPage
from website import formatting
from website.curated.feeds import AtomMixin, CuratedFeed
from website.site_url import canonical_hostname

ICAL_PAST_DAYS = 90


class PolicyFeed(CuratedFeed):
    model = PolicyPage
    index_model = PolicyIndexPage
    title_text = gettext_lazy("Policies")
    description_text = gettext_lazy("EU, national, regional and municipal policies.")


class PolicyAtomFeed(AtomMixin, PolicyFeed):
    pass


class FundingCallFeed(CuratedFeed):
    model = FundingCallPage
    index_model = FundingCallIndexPage
    title_text = gettext_lazy("Funding calls")
    description_text = gettext_lazy("Calls for proposals for SMEs, NGOs and public bodies.")

    def item_description(self, item):
        summary = super().item_description(item)
        if item.deadline:
            deadline = formatting.date_time(item.local_deadline)
            zone = formatting.zone_label(item.deadline_timezone, item.deadline)
            deadline = f"{deadline} ({zone})"
            return f"{summary}\n{_('Deadline')}: {deadline} · {item.status.label}".strip()
        return summary


class FundingCallAtomFeed(AtomMixin, FundingCallFeed):
    pass


@require_GET
def deadlines_ical(request):
    """Every live, public call's deadlines (stages included) from 90 days ago on."""
    try:
        locale = Locale.objects.get_for_language(translation.get_language())
    except Locale.DoesNotExist:
        locale = Locale.get_default()
    since = timezone.now() - timedelta(days=ICAL_PAST_DAYS)
    calls = (
        FundingCallPage.objects.live()
        .public()
        .filter(locale=locale, deadline__gte=since)
        .select_related("programme")
        .prefetch_related("stage_deadlines")
        .order_by("deadline")
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Competence Hub//Funding call deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Funding call deadlines"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = canonical_hostname()  # UIDs must not change with the host a client used
    for call in calls:
        url = call.get_full_url(request)
        moments = [(stage.label, stage.deadline) for stage in call.stage_deadlines.all()]
        moments.append(("", call.deadline))
        for number, (label, moment) in enumerate(moments):
            event = Event()
            title = _("Deadline: %(title)s") % {"title": call.title}
            event.add("summary", f"{title} ({label})" if label else title)
            event.add("dtstart", moment)
            event.add("dtend", moment)
            event.add("dtstamp", call.last_published_at or timezone.now())
            event.add("uid", f"call-{call.pk}-{number}@{host}")
            if url:
                event.add("url", url)
            description = call.summary or ""
            if call.programme:
                description = f"{call.programme.name}\n{description}".strip()
            event.add("description", f"{description}\n{url or ''}".strip())
            calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="funding-deadlines.ics"'
    return response
