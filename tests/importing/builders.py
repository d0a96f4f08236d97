"""Builders for curated-content tests: section pages, taxonomy terms, import records."""

import json

from casestudies.models import CaseStudyIndexPage, ToolIndexPage
from funding.models import FundingCallIndexPage, PolicyIndexPage
from network.models import EventIndexPage
from tests.factories import build_site_tree, locales, make_page, translate
from website.models import (
    Country,
    Pillar,
    Region,
    SocialInnovationCriterion,
    SocialInnovationDimension,
    ThematicPriority,
)

SECTIONS = {
    "casestudies": (CaseStudyIndexPage, "case-studies", "Case studies"),
    "tools": (ToolIndexPage, "tools", "Tools"),
    "funding": (FundingCallIndexPage, "funding", "Funding"),
    "policies": (PolicyIndexPage, "policies", "Policies"),
}
EVENTS = {"events": (EventIndexPage, "events", "Events")}


def build_sections(events=False):
    """Home pages in bg, en and el, each with the four curated section pages (and, with
    ``events``, the events index)."""
    homes = build_site_tree()
    sections = {}
    for key, (model, slug, title) in {**SECTIONS, **(EVENTS if events else {})}.items():
        source = model.objects.filter(locale=homes["bg"].locale).first()
        if source is None:
            source = make_page(homes["bg"], model, title=title, slug=slug)
        pages = {"bg": source}
        for code in ("en", "el"):
            pages[code] = source.get_translation_or_none(homes[code].locale) or translate(
                source, code, title=f"{title} ({code})"
            )
        sections[key] = {code: page.specific for code, page in pages.items()}
    return homes, sections


def term(model, slug, names=None, **extra):
    """A taxonomy term in every language, sharing one translation key."""
    locs = locales()
    source = None
    for code in ("bg", "en", "el"):
        key = "code" if model is Country else "slug"
        found = model.objects.filter(**{key: slug, "locale": locs[code]}).first()
        if found is None:
            found = model(**{key: slug}, locale=locs[code],
                          name=(names or {}).get(code, f"{slug} ({code})"), **extra)
            if source is not None:
                found.translation_key = source.translation_key
            found.save()
        source = source or found
    return source


def build_taxonomy():
    term(ThematicPriority, "circular-economy", {"en": "Circular economy"})
    term(ThematicPriority, "labour-market", {"en": "Access to the labour market"})
    term(Pillar, "textiles", {"en": "Textiles"})
    term(Pillar, "agri", {"en": "Agri sector"})
    term(Region, "bg-south-west", {"en": "South-West"})
    term(Country, "BG", {"en": "Bulgaria"})
    term(Country, "GR", {"en": "Greece"})
    locs = locales()
    for code in ("bg", "en", "el"):
        dimension, _made = SocialInnovationDimension.objects.get_or_create(
            slug="novelty", locale=locs[code], defaults={"name": f"Novelty ({code})"})
        for slug in ("new-to-context", "meets-social-need"):
            SocialInnovationCriterion.objects.get_or_create(
                slug=slug, locale=locs[code],
                defaults={"name": f"{slug} ({code})", "dimension": dimension})


def jsonl(*records):
    return ("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n").encode()


def case_study(**fields):
    record = {
        "type": "case_study", "id": "cs-1", "language": "en", "title": "Textile reuse hub",
        "summary": "Collecting used textiles.", "body": "First paragraph.\n\nSecond one.",
        "themes": ["circular-economy"], "pillars": ["textiles"], "regions": ["bg-south-west"],
        "countries": ["BG"], "tags": ["reuse", "textiles"], "published": "2024-03-01",
        "url": "https://example.org/hub", "organisation": "Hub Ltd", "year": 2023,
        "stage": "pilot", "impact": "About 120 tonnes of textiles kept out of landfill.",
        "indicators": ["tonnes of waste diverted: 120 t"],
        "criteria": ["new-to-context"],
    }
    record.update(fields)
    return record


def tool(**fields):
    record = {"type": "tool", "id": "tool-1", "language": "en", "title": "SROI guide",
              "tool_type": "guide", "themes": ["labour-market"]}
    record.update(fields)
    return record


def policy(**fields):
    record = {"type": "policy", "id": "pol-1", "language": "en", "title": "Circular strategy",
              "level": "national", "instrument": "strategy", "adopted": "2022-05-01",
              "themes": ["circular-economy"]}
    record.update(fields)
    return record


def call(**fields):
    record = {"type": "funding_call", "id": "call-1", "language": "en",
              "title": "Green transition call", "programme": "ESF+", "funder": "EC",
              "opens": "2025-01-01", "deadline": "2099-06-30", "budget_eur": "1500000",
              "eligible": ["business", "ngo"], "themes": ["circular-economy"]}
    record.update(fields)
    return record


def link_members(page, *members):
    """Link members to a live case study by publishing a new revision, as an editor would."""
    from casestudies.models import CaseStudyMember

    page.featured_members = [CaseStudyMember(member=member) for member in members]
    page.save_revision().publish()
    return page


def import_records(*records, **options):
    """Run the import pipeline on records; fails the test with the problems if any."""
    from website.importing.parsing import parse
    from website.importing.pipeline import run_import

    report = run_import(parse(jsonl(*records), "jsonl"), **options)
    assert report.ok, [str(p) for p in report.problems]
    return report


def empty_site():
    """Remove every imported item (each registered type's pages or objects) and what the
    import made for them (programmes, tags), leaving the site tree and the taxonomy."""
    from taggit.models import Tag

    from funding.models import FundingProgramme
    from website.importing.changes import is_object
    from website.importing.registry import handlers

    for handler in handlers():
        if is_object(handler):
            handler.model.objects.all().delete()
        else:
            for page in handler.model.objects.all():
                page.delete()
    FundingProgramme.objects.all().delete()
    Tag.objects.all().delete()
