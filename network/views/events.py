from django.shortcuts import get_object_or_404
from wagtail.models import Locale

from network.ical import event_page_response, feed_response
from network.models import EventIndexPage, EventPage


def event_page_ical(request, pk):
    page = get_object_or_404(EventPage.objects.live().public(), pk=pk)
    return event_page_response(page, request)


def feed(request):
    """Upcoming events: the centre's (in the current language) and approved member events."""
    index = EventIndexPage.objects.live().filter(locale=Locale.get_active()).first()
    return feed_response(index, request)
