"""The curated pages that feature an object of another app (the case studies naming a member).

A member's profile lists the pages that link to it, but the network app does
not know which apps have such pages. Each app whose pages link to another
app's objects registers a provider, for that model named by string, in its
``AppConfig.ready()``::

    from website.curated.featuring import register_featuring
    register_featuring("network.Member", "case-studies", case_studies_featuring)

``provider(obj, request)`` returns ``None`` (nothing to show) or a dict with
``title`` and ``items`` (live, public pages, in the order to show them).
``featuring(obj, request)`` gives the non-empty sections for ``obj``, each with
its ``name``, in the order of registration.
"""

from django.apps import apps

_providers = {}


def register_featuring(model, name, provider):
    label = apps.get_model(model)._meta.label_lower
    _providers.setdefault(label, {})[name] = provider


def featuring(obj, request=None):
    sections = []
    for name, provider in _providers.get(obj._meta.label_lower, {}).items():
        section = provider(obj, request)
        if section and section.get("items"):
            sections.append({"name": name, **section})
    return sections
