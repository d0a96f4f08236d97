"""Site settings, navigation and the translatable footer text."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PreviewableMixin, TranslatableMixin


class NavLinkBlock(blocks.StructBlock):
    """A link to a page; shown in the visitor's language when translated."""

    page = blocks.PageChooserBlock(label=_("Page"))
    label = blocks.CharBlock(
        label=_("Label"),
        required=False,
        max_length=60,
        help_text=_("Leave empty to use the page title in each language."),
    )


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """Header and footer links, chosen once and shown in every language."""

    header_links = StreamField(
        [("link", NavLinkBlock())], blank=True, verbose_name=_("header links")
    )
    footer_links = StreamField(
        [("link", NavLinkBlock())], blank=True, verbose_name=_("footer links")
    )

    panels = [FieldPanel("header_links"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("navigation")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Contact details and social links shown in the footer."""

    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("phone"),
        FieldPanel("address"),
        FieldPanel("linkedin_url"),
        FieldPanel("facebook_url"),
    ]

    class Meta:
        verbose_name = _("site settings")


class FooterText(TranslatableMixin, PreviewableMixin, models.Model):
    """The short text in the footer, translated like any other snippet."""

    body = RichTextField(_("text"), features=["bold", "italic", "link"])
    # The postal address is written differently in each language ("София, България",
    # "Sofia, Bulgaria"), so it is translated here; the site settings' one is the fallback.
    address = models.CharField(
        _("address"), max_length=250, blank=True,
        help_text=_("The address as this language writes it; empty: the site settings' address."))

    panels = [FieldPanel("body"), FieldPanel("address")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return _("Footer text")

    def get_preview_template(self, request, mode_name):
        return "website/includes/footer_text.html"

    def get_preview_context(self, request, mode_name):
        return {"footer_text": self.body}
