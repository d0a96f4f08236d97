"""Template helpers for the curated pages: related content and the SI checklist."""

from django import template

from website.curated.related import related_items
from website.models import SocialInnovationCriterion

register = template.Library()


@register.simple_tag(takes_context=True)
def related_content(context, page, limit=6):
    return related_items(page, context.get("request"), limit)


@register.simple_tag
def criteria_checklist(page):
    """The criteria of the page's language by dimension, each marked met or not (none: empty)."""
    met = {criterion.pk for criterion in page.criteria.all()}
    if not met:
        return []
    groups = []
    criteria = SocialInnovationCriterion.objects.filter(locale_id=page.locale_id).select_related(
        "dimension"
    ).order_by("dimension__sort_order", "dimension__name", "sort_order", "name")
    for criterion in criteria:
        if not groups or groups[-1]["dimension"].pk != criterion.dimension_id:
            groups.append({"dimension": criterion.dimension, "criteria": []})
        groups[-1]["criteria"].append({"criterion": criterion, "met": criterion.pk in met})
    return groups


@register.simple_tag(takes_context=True)
def query_toggle(context, name, value):
    """Whether ``value`` is selected for the GET parameter ``name``."""
    request = context.get("request")
    return request is not None and str(value) in request.GET.getlist(name)
