"""Members, directory, pillars, networks, events and B2B offers and needs."""

from django.utils.translation import gettext_lazy as _

from website.models import SectionIndexPage


class MemberDirectoryPage(SectionIndexPage):
    """The member directory of the network."""

    class Meta:
        verbose_name = _("member directory")


class EventIndexPage(SectionIndexPage):
    """The events calendar: the centre's own events and approved member events."""

    class Meta:
        verbose_name = _("event index")
