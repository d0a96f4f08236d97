"""``{% image %}`` as Wagtail's, except that a rendition that cannot be written leaves the image out.

Wagtail writes a rendition file (and its database row) the first time a page
shows an image at a size, inside an ordinary GET. On a full disk that write
fails, and with Wagtail's own tag the whole page becomes a server error; here the
failure is logged and the page renders without that image. A source image that
is missing is Wagtail's concern as before (it renders a broken image).
"""

import logging

from django import template
from django.db import DatabaseError
from wagtail.images.templatetags.wagtailimages_tags import image as wagtail_image

logger = logging.getLogger(__name__)
register = template.Library()


class FailSafeImageNode(template.Node):
    def __init__(self, node):
        self.node = node

    def render(self, context):
        try:
            return self.node.render(context)
        except (OSError, DatabaseError) as error:
            logger.warning("image rendition could not be written (%s: %s); image left out",
                           type(error).__name__, error)
            return ""


@register.tag
def image(parser, token):
    return FailSafeImageNode(wagtail_image(parser, token))
