"""The parts of a member's "download my data" file that other apps hold.

The network app writes the file but does not know, say, the learning
records; an app that keeps personal data about a member registers a
callable in its ``AppConfig.ready()``::

    from website.personal_data import register_personal_data
    register_personal_data("learning", learning_data)

``func(member)`` returns JSON-ready data (lists, dicts, strings, numbers),
added to the file under ``name``.
"""

_SOURCES = {}


def register_personal_data(name, func):
    _SOURCES[name] = func


def personal_data(member):
    return {name: func(member) for name, func in _SOURCES.items()}
