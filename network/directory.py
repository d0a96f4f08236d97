"""The directory's filters, listing and map data (approved, listed members only).

A directory page costs the same few queries whatever the number of members and
filters: the taxonomy names are read from the cache (keyed by the content
generation, which any taxonomy change raises), many-to-many filters are
sub-selects so that no DISTINCT over whole rows is needed, and the page's
members come with their pillars in one more query.
"""

import logging

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from network.models import Member
from search.api import page_ids
from website import chrome, credentials
from website.choices import OrganisationType
from website.models import Country, Pillar, Region, ThematicPriority

logger = logging.getLogger(__name__)
ANY_CREDENTIAL = "any"


def localised_terms(model, key="slug"):
    """[(key, name)] of a taxonomy in the active language (else the default one), cached."""

    def build():
        return [(getattr(term, key), term.name) for term in model.objects.in_active_locale()]

    return chrome.cached("terms", build, model._meta.label, key, translation.get_language())


def term_choices(model, key="slug"):
    return [("", _("Any"))] + localised_terms(model, key)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search members"), required=False, max_length=200)
    type = forms.ChoiceField(label=_("Type"), required=False)
    pillar = forms.ChoiceField(label=_("Pillar"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    theme = forms.ChoiceField(label=_("Thematic priority"), required=False)
    expertise = forms.CharField(label=_("Offers expertise in"), required=False, max_length=200)
    certificate = forms.ChoiceField(label=_("Certificate"), required=False)
    view = forms.ChoiceField(
        label=_("View"), required=False,
        choices=[("list", _("List")), ("map", _("Map"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Any"))] + list(OrganisationType.choices)
        self.fields["pillar"].choices = term_choices(Pillar)
        self.fields["region"].choices = term_choices(Region)
        self.fields["country"].choices = term_choices(Country, "code")
        self.fields["theme"].choices = term_choices(ThematicPriority)
        self.fields["certificate"].choices = [
            ("", _("Any")), (ANY_CREDENTIAL, _("Holds a certificate"))] + credentials.choices()


def filtered_members(params):
    """(form, members, search_limited): limited when the engine could not add its matches."""
    form = DirectoryFilterForm(params or None)
    members = Member.objects.public()
    limited = False
    if form.is_valid():
        data = form.cleaned_data
        if data.get("type"):
            members = members.filter(member_type=data["type"])
        if data.get("pillar"):
            members = members.filter(pk__in=linked(pillars__slug=data["pillar"]))
        if data.get("region"):
            members = members.filter(region__slug=data["region"])
        if data.get("country"):
            members = members.filter(country__code=data["country"])
        if data.get("theme"):
            members = members.filter(pk__in=linked(themes__slug=data["theme"]))
        if data.get("certificate"):
            value = data["certificate"]
            members = members.filter(credentials.holders_filter(
                None if value == ANY_CREDENTIAL else value))
        if data.get("expertise"):
            members = members.filter(expertise_offered__icontains=data["expertise"])
        if data.get("q"):
            q = data["q"]
            # The search engine (stemming, accents) plus a plain substring match, so
            # a member is found even while its index update is still queued.
            condition = (
                Q(name__icontains=q) | Q(description__icontains=q)
                | Q(expertise_offered__icontains=q) | Q(city__icontains=q)
            )
            ids = page_ids(q, model=Member)
            limited = ids is None
            if ids:
                condition |= Q(pk__in=ids)
            members = members.filter(condition)
    return form, members, limited


def linked(**lookup):
    """The members linked to a term, as a sub-select: a join would repeat members."""
    return Member.objects.filter(**lookup).values("pk")


def localised_names(model, key="slug"):
    return dict(localised_terms(model, key))


def decorate(members):
    """Attach the active language's names of pillars, region and country (no extra queries)."""
    pillars = localised_names(Pillar)
    regions = localised_names(Region)
    countries = localised_names(Country, "code")
    for member in members:
        member.pillar_names = [pillars.get(p.slug, p.name) for p in member.pillars.all()]
        member.region_name = regions.get(member.region.slug, member.region.name) if member.region else ""
        member.country_name = (
            countries.get(member.country.code, member.country.name) if member.country else ""
        )
    return members


def decorate_posts(posts):
    """The active language's region names on posts (one query for any number of posts)."""
    regions = localised_names(Region)
    for post in posts:
        post.region_name = regions.get(post.region.slug, post.region.name) if post.region else ""
    return posts


def directory_context(request, per_page):
    form, members, limited = filtered_members(request.GET)
    members = members.select_related("region", "country").prefetch_related("pillars")
    page = Paginator(members.order_by("name"), per_page).get_page(request.GET.get("page"))
    decorate(page.object_list)
    view = (form.cleaned_data.get("view") if form.is_bound and form.is_valid() else "") or "list"
    context = {"filter_form": form, "members": page, "view": view, "search_limited": limited}
    if view == "map":
        # No map at all when none of these members has a place on it.
        context["located_count"] = located(members).count()
    return context


def located(members):
    return members.filter(latitude__isnull=False, longitude__isnull=False)


def geojson(params):
    """A FeatureCollection of the (filtered) public members that have a location."""
    _form, members, _limited = filtered_members(params)
    members = located(members)
    features = []
    for member in members.only("name", "slug", "member_type", "city", "latitude", "longitude"):
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [member.longitude, member.latitude]},
            "properties": {
                "name": member.name,
                "type": member.get_member_type_display(),
                "city": member.city,
                "url": member.get_absolute_url(),
            },
        })
    return {"type": "FeatureCollection", "features": features}
