"""Member profiles in the sitemap (registered in ``NetworkConfig.ready()``)."""

from website.sitemaps import CanonicalSitemap


class MemberSitemap(CanonicalSitemap):
    """Approved profiles whose members chose to be listed: the only public ones."""

    def items(self):
        from network.models import Member

        return Member.objects.public().order_by("pk").only("slug", "updated_at")

    def lastmod(self, member):
        return member.updated_at
