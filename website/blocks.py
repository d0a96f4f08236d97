"""The shared body StreamBlock that every page body uses."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the outline under the page's h1."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "website/blocks/heading.html"
        preview_value = {"text": "Circular economy in practice", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    """A pull quote with an optional attribution."""

    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "website/blocks/quote.html"
        preview_value = {
            "text": "Social innovations are social in their ends and in their means.",
            "attribution": "European Commission",
        }


class CallToActionBlock(blocks.StructBlock):
    """A prominent link to a page or an external address."""

    label = blocks.CharBlock(label=_("Button text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External link"), required=False)

    class Meta:
        icon = "link"
        template = "website/blocks/call_to_action.html"
        preview_value = {"label": "Join the cluster", "url": "https://example.org/"}

    def clean(self, value):
        result = super().clean(value)
        if bool(result.get("page")) == bool(result.get("url")):
            raise ValidationError(
                _("Choose either a page or an external link."),
                params={},
            )
        return result


class DocumentLinkBlock(blocks.StructBlock):
    """A downloadable document with a short description."""

    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        template = "website/blocks/document_link.html"


class BodyBlock(blocks.StreamBlock):
    """Body content for every page type of the site."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="website/blocks/paragraph.html",
        preview_value="<p>One company's waste can be another's raw material.</p>",
    )
    image = ImageBlock(label=_("Image"), template="website/blocks/image.html")
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    embed = EmbedBlock(label=_("Embedded media"), template="website/blocks/embed.html")

    class Meta:
        block_counts = {}
