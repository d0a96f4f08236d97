"""The page head's description, Open Graph and Twitter card, canonical and hreflang links,
and share links that need no third-party script (``website.seo`` computes them)."""

from urllib.parse import urlencode

from django import template

from website import seo

register = template.Library()


@register.inclusion_tag("website/includes/seo_head.html", takes_context=True)
def seo_head(context, title="", description="", image="", indexable=True):
    """The head tags for the page in context, or for a view that names its title etc.

    ``indexable=False`` (error pages) leaves out the canonical and alternate links:
    the address shown there is not one to index.
    """
    request = context.get("request")
    if request is None:
        return {}
    meta = seo.head(request, context.get("page"), title=title, description=description,
                    image=image, indexable=indexable)
    return {"meta": meta}


@register.simple_tag
def theme_colour():
    return seo.THEME_COLOUR


@register.inclusion_tag("website/includes/share.html", takes_context=True)
def share_links(context, title=""):
    """Plain links to share what is shown: e-mail, LinkedIn, Facebook, X, and the address itself.

    Each is an ordinary link to the service's share address (nothing is loaded from
    it until the visitor follows one), so no page makes a request to another host.
    """
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return {}
    url = seo.canonical_url(request, page)
    title = str(title or getattr(page, "title", ""))
    return {
        "url": url,
        "title": title,
        "email": "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=_quote),
        "linkedin": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        "facebook": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        "x": "https://x.com/intent/post?" + urlencode({"text": title, "url": url}),
    }


def _quote(value, safe="", encoding=None, errors=None):
    # mailto: wants %20 for spaces (RFC 6068), not the "+" of form encoding.
    from urllib.parse import quote

    return quote(value, safe=safe, encoding=encoding, errors=errors)
