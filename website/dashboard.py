"""Sections of a member's dashboard contributed by other apps.

The network app owns the dashboard but not, say, learning; an app that has
something to show a member there registers a callable in its
``AppConfig.ready()``::

    from website.dashboard import register_dashboard_panel
    register_dashboard_panel("learning", learning_panel, order=20)

``panel(request, member)`` returns ``None`` (nothing to show) or a dict with
``title``, ``template`` (rendered with the dict as ``panel``) and whatever
that template needs. Panels are built for each request: they show the
member's own data and are never cached.
"""

_PANELS = []


def register_dashboard_panel(name, func, order=50):
    _PANELS[:] = [entry for entry in _PANELS if entry[1] != name]
    _PANELS.append((order, name, func))
    _PANELS.sort(key=lambda entry: entry[0])


def dashboard_panels(request, member):
    panels = []
    for _order, name, func in _PANELS:
        panel = func(request, member)
        if panel:
            panels.append({"name": name, **panel})
    return panels
