"""Home-page sections contributed by the content apps.

A content app registers a callable in its ``AppConfig.ready()``::

    from website.sections import register_home_section
    register_home_section("open_calls", open_calls_for_home, order=10)

The callable takes the home page and the request and returns ``None`` (nothing
to show) or a dict with ``title``, ``items`` (objects with ``title`` and
``url``), and optionally ``more_url`` and ``template``.
"""

_SECTIONS = []


def register_home_section(name, func, order=50):
    _SECTIONS[:] = [entry for entry in _SECTIONS if entry[1] != name]
    _SECTIONS.append((order, name, func))
    _SECTIONS.sort(key=lambda entry: entry[0])


def home_sections(home, request):
    sections = []
    for _order, name, func in _SECTIONS:
        section = func(home, request)
        if section and section.get("items"):
            section.setdefault("name", name)
            section.setdefault("template", "website/includes/home_section.html")
            sections.append(section)
    return sections
