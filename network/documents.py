"""How members, offers and needs, member events and the centre's events look in the search index.

Only what may be public is indexed: ``get_queryset`` of each source is the
same ``public()`` filter the pages use, so the search worker drops anything
pending, rejected, unlisted or expired when it re-reads an object.

Kinds are the import ``type`` values: ``member``, ``event`` (the centre's and
the members' alike), ``offer`` and ``need`` (B2B posts) and ``news``. A
profile is indexed in the language it was written or imported in
(``Member.language``), and so are its member's posts, events and news.
Items made on the site have ``<kind>:<kind>-<pk>`` ids; the members' events
and news ``<kind>:member-<kind>-<pk>``, apart from the centre's events.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from network.choices import ActivityKind, PostKind
from network.models import B2BPost, EventPage, Member, MemberActivity
from search.documents import SearchDocument
from search.registry import ObjectSource, PageSource, plain_text, register
from website import credentials

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


def in_default_language(func):
    with translation.override(DEFAULT_LANGUAGE):
        return func()


def written_in(member):
    """The language a member's texts are in: the profile's, else the site's default."""
    return member.language if member.language in dict(settings.LANGUAGES) else DEFAULT_LANGUAGE


class MemberSource(ObjectSource):
    kind = "member"
    label = _("Member")
    model = Member
    fallback_fields = ("name", "description", "expertise_offered", "city")

    def get_queryset(self):
        return Member.objects.public().select_related("region", "country").prefetch_related(
            "pillars", "themes"
        )

    def prepare(self, members):
        """Which of a batch hold a credential, in one query: only they are asked for theirs
        (a query each), not every member of the rebuild."""
        holders = set(
            Member.objects.filter(pk__in=[member.pk for member in members])
            .filter(credentials.holders_filter()).values_list("pk", flat=True)
        )
        for member in members:
            member._search_holds_credentials = member.pk in holders

    def to_document(self, member):
        # Certificates and other credentials (website.credentials): a facet, a "certified"
        # tag, and their titles in every language, so "certified expert" finds the member.
        held = credentials.holdings(member) if getattr(
            member, "_search_holds_credentials", True) else []
        return SearchDocument(
            id=self.document_id(member),
            kind=self.kind,
            language=written_in(member),
            title=member.name,
            url=in_default_language(member.get_absolute_url),
            summary=plain_text(member.description)[:500],
            body=plain_text(
                " ".join([member.description, member.expertise_offered, member.help_sought,
                          member.city, *(label for h in held for label in h.all_labels)])
            ),
            credentials=[holding.value for holding in held],
            tags=["certified"] if held else [],
            themes=[t.slug for t in member.themes.all()],
            pillars=[p.slug for p in member.pillars.all()],
            regions=[member.region.slug] if member.region else [],
            countries=[member.country.code] if member.country else [],
            organisation=member.name,
            member_type=member.member_type,
            published=member.approved_at.date() if member.approved_at else None,
        )


class B2BPostSource(ObjectSource):
    name = "b2b_post"
    kinds = {PostKind.OFFER: _("Offer"), PostKind.NEED: _("Need")}
    aliases = {"b2b": (PostKind.OFFER.value, PostKind.NEED.value)}
    model = B2BPost
    fallback_fields = ("title", "description")

    def get_queryset(self):
        return B2BPost.objects.public().select_related("member", "region").prefetch_related(
            "member__pillars", "member__themes"
        )

    def kind_of(self, post):
        return str(post.kind)

    def to_document(self, post):
        return SearchDocument(
            id=self.document_id(post),
            kind=self.kind_of(post),
            language=written_in(post.member),
            title=post.title,
            url=in_default_language(post.get_absolute_url),
            summary=plain_text(post.description)[:500],
            body=plain_text(f"{post.description} {post.get_category_display()} {post.waste_code}"),
            themes=[t.slug for t in post.member.themes.all()],
            pillars=[p.slug for p in post.member.pillars.all()],
            regions=[post.region.slug] if post.region else [],
            tags=[post.category],
            organisation=post.member.name,
            published=post.approved_at.date() if post.approved_at else None,
        )


class MemberActivitySource(ObjectSource):
    name = "member_activity"
    kinds = {ActivityKind.EVENT: _("Event"), ActivityKind.NEWS: _("News")}
    aliases = {"member-activity": (ActivityKind.EVENT.value, ActivityKind.NEWS.value)}
    model = MemberActivity
    fallback_fields = ("title", "summary")

    def get_queryset(self):
        return MemberActivity.objects.public().select_related("member")

    def kind_of(self, activity):
        return str(activity.kind)

    def local_id(self, activity, kind=None):
        # Apart from the centre's own events (``event:event-<pk>``).
        return f"member-{kind or self.kind_of(activity)}-{activity.pk}"

    def to_document(self, activity):
        return SearchDocument(
            id=self.document_id(activity),
            kind=self.kind_of(activity),
            language=written_in(activity.member),
            title=activity.title,
            url=in_default_language(activity.get_absolute_url),
            summary=plain_text(activity.summary)[:500],
            body=plain_text(f"{activity.summary} {activity.place}"),
            organisation=activity.member.name,
            starts=activity.start,
            published=activity.approved_at.date() if activity.approved_at else None,
        )


class EventPageSource(PageSource):
    kind = "event"
    label = _("Event")
    model = EventPage

    def handles(self, obj):
        # PageSource.handles assumes a page; members and posts reach every source too.
        return isinstance(obj, Page) and super().handles(obj)

    def to_document(self, page):
        return self.page_document(page, starts=page.start, body=" ".join(
            [self.page_document(page).body, page.place]
        ))


register(MemberSource())
register(B2BPostSource())
register(MemberActivitySource())
register(EventPageSource())
