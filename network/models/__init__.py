"""Members, directory, pillars, networks, events and B2B offers and needs."""

from .activities import MemberActivity
from .b2b import B2BPost, MatchNotice
from .groups import Network, NetworkMembership
from .members import Consent, Member
from .messages import ContactMessage
from .pages import AnnouncementPage, EventIndexPage, EventPage, MemberDirectoryPage, NewsIndexPage

__all__ = [
    "AnnouncementPage",
    "B2BPost",
    "Consent",
    "ContactMessage",
    "EventIndexPage",
    "EventPage",
    "MatchNotice",
    "Member",
    "MemberActivity",
    "MemberDirectoryPage",
    "Network",
    "NetworkMembership",
    "NewsIndexPage",
]
