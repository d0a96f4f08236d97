"""Blocks of a consultation page: its reading list and the sections of its draft text."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from monitoring.blocks.questions import CodeBlock
from website.blocks import DocumentLinkBlock


class ReadingLinkBlock(blocks.StructBlock):
    """A document to read before commenting: a page of this site or another address."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External link"), required=False)
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=250)

    class Meta:
        icon = "link"
        template = "monitoring/blocks/reading_link.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(non_block_errors=[ValidationError(
                _("Choose either a page or an external link."))])
        return value


class ReadingListBlock(blocks.StreamBlock):
    document = DocumentLinkBlock()
    link = ReadingLinkBlock()


class DraftSectionBlock(blocks.StructBlock):
    """One section of the draft text; comments attach to its code, in every language."""

    code = CodeBlock(label=_("Code"), help_text=_("Comments are kept under this code, e.g. 2-1."))
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "doc-full"
        label = _("Section")


class DraftBlock(blocks.StreamBlock):
    section = DraftSectionBlock()

    def clean(self, value):
        value = super().clean(value)
        seen, errors = set(), {}
        for index, child in enumerate(value):
            if child.value["code"] in seen:
                errors[index] = StructBlockValidationError(block_errors={
                    "code": ValidationError(_("Another section has this code."))})
            seen.add(child.value["code"])
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value
