"""Credentials members hold (a programme's certificate), for the profile, the directory and search.

The network app shows members but does not know the learning app; an app
that awards credentials registers a provider in its ``AppConfig.ready()``::

    from website.credentials import register_credentials
    register_credentials(certificate_credentials)

A provider has four methods, all about current credentials only (neither
revoked nor expired):

- ``holdings(member)``: what the member holds, as ``Holding`` records, for its
  profile page and its search document;
- ``choices()``: ``(value, label)`` for every credential some public member
  holds, labelled in the active language (the directory's filter);
- ``holders(value)``: a queryset of the ids of the members holding ``value``
  (any of its credentials when ``value`` is None);
- ``labels(values, language)``: ``{value: label}`` (the search facet).

Values are short keyword strings, unique across providers.
"""

import dataclasses
import datetime as dt

_providers = []


@dataclasses.dataclass
class Holding:
    value: str
    label: str
    url: str = ""
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    # The label in every site language: a member's search document is found in each.
    all_labels: tuple = ()


def register_credentials(provider):
    if provider not in _providers:
        _providers.append(provider)


def holdings(member):
    return [holding for provider in _providers for holding in provider.holdings(member)]


def choices():
    return [choice for provider in _providers for choice in provider.choices()]


def holders_filter(value=None):
    """A ``Q`` on members: holding ``value`` (None: holding any credential)."""
    from django.db.models import Q

    condition = Q(pk__in=[])
    for provider in _providers:
        condition |= Q(pk__in=provider.holders(value))
    return condition


def labels(values, language):
    found = {}
    for provider in _providers:
        found.update(provider.labels(values, language))
    return found
