"""Home-page sections contributed by the content apps.

A content app registers a callable in its ``AppConfig.ready()``::

    from website.sections import register_home_section
    register_home_section("open_calls", open_calls_for_home, order=10)

The callable takes the home page and the request and returns ``None`` (nothing
to show) or a dict with ``title``, ``items`` (objects with ``title`` and
``url``, optionally ``card_kind``, ``card_meta``, ``card_summary``), and
optionally ``more_url`` and ``template``.

The sections are cached for a few minutes (and dropped on any publish), so the
home page costs a handful of queries whatever the content; the short lifetime
keeps time-dependent sections such as open calls current.
"""

from django.utils import translation

from website import chrome

SECTION_TIMEOUT = 300
CARD_FIELDS = ("title", "url", "card_kind", "card_meta", "card_summary", "search_description", "intro")

_SECTIONS = []


def register_home_section(name, func, order=50):
    _SECTIONS[:] = [entry for entry in _SECTIONS if entry[1] != name]
    _SECTIONS.append((order, name, func))
    _SECTIONS.sort(key=lambda entry: entry[0])


def card(item):
    """The fields a card shows, as plain data that can be cached."""
    values = {}
    for field in CARD_FIELDS:
        value = getattr(item, field, None) if not isinstance(item, dict) else item.get(field)
        if value not in (None, ""):
            values[field] = str(value)
    return values


def build_sections(home, request):
    sections = []
    for _order, name, func in _SECTIONS:
        section = func(home, request)
        if section and section.get("items"):
            section = dict(section)
            section["items"] = [card(item) for item in section["items"]]
            section["title"] = str(section["title"])
            section.setdefault("name", name)
            section.setdefault("template", "website/includes/home_section.html")
            sections.append(section)
    return sections


def home_sections(home, request):
    key = f"sections:{chrome.generation()}:{home.pk}:{translation.get_language()}"
    from django.core.cache import cache

    sections = cache.get(key)
    if sections is None:
        sections = build_sections(home, request)
        cache.set(key, sections, SECTION_TIMEOUT)
    return sections
