"""The import round trip on a multilingual corpus that uses every column in awkward ways.

Import it, export it, and: re-importing the export (or the corpus) changes nothing
and says "unchanged"; the dry run reports what the real run then does; importing
the export into an empty site and exporting again gives the same file, in JSON
Lines and in CSV.
"""

import unicodedata

import pytest
from wagtail.models import Page, PageLogEntry, Revision

from network.models import Member
from tests.importing.builders import build_sections, empty_site, jsonl
from website.importing.export import export_string
from website.importing.parsing import parse
from website.importing.pipeline import run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(sections):
    """The curated sections and the events index (the corpus has events)."""
    return {**sections, **build_sections(events=True)[1]}


def nfd(text):
    return unicodedata.normalize("NFD", text)


def corpus():
    """Records of every page type and members: Cyrillic and Greek (some decomposed),
    translations inheriting columns, references by id in any case, offsets and zones."""
    return [
        {"type": "member", "id": "M-Sofia ", "language": "bg", "title": nfd("Сдружение „Йога и труд“"),
         "summary": "Социално предприятие.", "body": "Работим с младежи.\n\nИ с възрастни.",
         "member_type": "social-enterprise", "city": "София", "website": "https://example.bg",
         "latitude": "42.6977", "longitude": 23.3219, "themes": ["labour-market"],
         "pillars": ["textiles"], "regions": ["bg-south-west"], "countries": ["bg"],
         "tags": ["шиене", "Шиене"]},
        {"type": "member", "id": "m-athens", "language": "el", "title": nfd("Κοινωνική Συνεταιριστική Επιχείρηση"),
         "member_type": "ngo", "city": "Αθήνα", "expertise_offered": "Ανακύκλωση ρούχων",
         "countries": ["GR"], "contact_email": "info@example.gr"},
        {"type": "tool", "id": "Tool-Guide", "language": "en", "title": "Repair café guide",
         "tool_type": "guide", "level": "", "licence": "CC BY 4.0", "audience": "NGOs",
         "tags": ["Repair", "DIY"], "published": "2023-11-30"},
        {"type": "tool", "id": "tool-guide-bg", "language": "bg", "translation_of": "TOOL-GUIDE",
         "title": nfd("Наръчник за кафене за поправки"), "tags": ["поправка"]},
        {"type": "policy", "id": "pol-strategy", "language": "bg", "title": "Стратегия за кръгова икономика",
         "level": "national", "instrument": "strategy", "issuing_body": "Министерски съвет",
         "adopted": "2022-05-01", "in_force": "2022-06-01", "status": "in-force",
         "programmes": ["Horizon Europe", "ESF+"], "themes": ["circular-economy"]},
        {"type": "policy", "id": "pol-strategy-el", "language": "el", "translation_of": "pol-strategy",
         "title": "Στρατηγική για την κυκλική οικονομία", "programmes": []},
        {"type": "case_study", "id": "CS-Sofia", "language": "bg",
         "title": nfd("Йога, шиене и работа"), "summary": "Платове & конци <без> остатък.",
         "body": "Първи абзац.\n\n\n\nВтори абзац,\nна два реда.\n  \nТрети.",
         "organisation": ["Сдружение „Йога и труд“", "Община София"], "year": "2021",
         "stage": "scaling", "impact": "Около 4 тона изрезки годишно; 7 постоянни работни места.",
         "indicators": ["работни места: 7 души", {"name": "тона изрезки", "value": "4,5", "unit": "t"},
                        "бюджет: 1 200 000 лв."],
         "criteria": ["meets-social-need", "new-to-context"], "members": ["m-sofia", "M-ATHENS"],
         "related": ["tool:TOOL-GUIDE", "policy:pol-strategy"],
         "themes": ["labour-market", "circular-economy"], "pillars": ["textiles"],
         "regions": ["bg-south-west"], "countries": ["bg", "GR"],
         "tags": ["Повторна употреба", "повторна употреба", "CESME", "Ζ-tag"],
         "published": "2024-02-29", "url": "https://example.bg/cs"},
        {"type": "case_study", "id": "cs-sofia-en", "language": "en", "translation_of": "cs-sofia",
         "title": "Yoga, sewing and work", "summary": "", "impact": ""},
        {"type": "case_study", "id": "cs-sofia-el", "language": "el", "translation_of": "cs-sofia",
         "title": "Γιόγκα, ράψιμο και εργασία", "themes": [], "year": "",
         "impact": ["Περίπου 4 τόνοι ανά έτος.", "Επτά μόνιμες θέσεις εργασίας."]},
        {"type": "funding_call", "id": "call-athens", "language": "el", "title": "Πρόσκληση για ΚΑλΟ",
         "programme": "ESF+", "funder": "Περιφέρεια Αττικής", "call_identifier": "ATT-2025/01",
         "timezone": "Europe/Athens", "opens": "2025-03-01T09:00",
         "deadline": ["2099-06-30", "2099-01-15T17:00"], "budget_eur": "1 500 000,50",
         "cofinancing_rate": "85,5", "eligible": ["social-enterprise", "ngo"],
         "related": ["case_study:cs-sofia-el"]},
        {"type": "funding_call", "id": "call-utc", "language": "en", "title": "Green skills call",
         "programme": "Horizon Europe", "opens": "2025-01-10T08:00:00+02:00",
         "deadline": "2099-05-01T12:00:00Z", "budget_eur": 250000, "eligible": []},
        {"type": "event", "id": "ev-sofia", "language": "bg", "title": "Ден на отворените врати",
         "starts": "2026-10-08T10:00:00+03:00", "location": "София", "online": "yes",
         "capacity": "30", "themes": ["circular-economy"]},
        {"type": "event", "id": "ev-athens", "language": "el", "title": "Εργαστήριο",
         "starts": "2026-11-02T09:30", "ends": "2026-11-02T17:00:00+02:00",
         "time_zone": "Europe/Brussels", "online": False, "registration_url": "https://example.gr/r"},
    ]


def import_file(content, fmt="jsonl", **options):
    report = run_import(parse(content, fmt), **options)
    assert report.ok, [str(p) for p in report.problems]
    return report


def history():
    return (Revision.objects.count(), PageLogEntry.objects.count(), Page.objects.count(),
            Member.objects.count())


def counts(report):
    return {kind: dict(values) for kind, values in report.by_type.items()}


def all_unchanged(report):
    return all(values["created"] == values["updated"] == 0 for values in report.by_type.values())


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_reimporting_the_export_changes_nothing_and_the_dry_run_says_so(sections, fmt):
    import_file(jsonl(*corpus()))
    exported = export_string(fmt).encode()
    before = history()
    dry = import_file(exported, fmt, dry_run=True)
    real = import_file(exported, fmt)
    assert counts(dry) == counts(real)
    assert all_unchanged(real) and real.unchanged == len(corpus()), counts(real)
    assert history() == before  # no revision, no history entry, no page, no member
    # The file the pages came from is unchanged too.
    again = import_file(jsonl(*corpus()))
    assert all_unchanged(again), counts(again)
    assert history() == before


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_import_into_an_empty_site_and_export_again_gives_the_same_file(sections, fmt):
    import_file(jsonl(*corpus()))
    first = export_string(fmt)
    assert len(parse(first.encode(), fmt)) == len(corpus())
    empty_site()
    report = import_file(first.encode(), fmt)
    assert report.created == len(corpus())
    assert export_string(fmt) == first
    assert export_string("jsonl" if fmt == "csv" else "csv").encode()  # and the other way
    again = import_file(first.encode(), fmt)
    assert all_unchanged(again), counts(again)


def test_a_changed_file_is_predicted_exactly_by_the_dry_run(sections):
    import_file(jsonl(*corpus()))
    changed = corpus()
    changed[0]["city"] = "Пловдив"  # a member
    changed[2]["licence"] = ""  # a tool loses a value
    changed[6]["indicators"] = changed[6]["indicators"][::-1]  # the order of a list counts
    changed[9]["deadline"] = ["2099-06-30T23:00"]
    changed.append({"type": "tool", "id": "tool-new", "language": "el", "title": "Νέο",
                    "tool_type": "guide"})
    dry = import_file(jsonl(*changed), dry_run=True)
    real = import_file(jsonl(*changed))
    assert counts(dry) == counts(real)
    # The translations of the tool and the case study inherit the changed columns.
    assert (real.created, real.updated) == (1, 7), counts(real)


def test_what_the_corpus_leaves_on_the_site(sections):
    import_file(jsonl(*corpus()))
    from casestudies.models import CaseStudyPage
    from funding.models import FundingCallPage
    from network.models import EventPage

    page = CaseStudyPage.objects.get(import_id="cs-sofia")
    assert page.title == unicodedata.normalize("NFC", "Йога, шиене и работа")
    assert sorted(page.tags.names(), key=str.casefold) == [
        "CESME", "Ζ-tag", "Повторна употреба"]  # one keyword per spelling, whatever its case
    assert [(i.name, str(i.value), i.unit) for i in page.impact_indicators.all()] == [
        ("работни места", "7.00", "души"), ("тона изрезки", "4.50", "t"),
        ("бюджет", "1200000.00", "лв.")]
    assert [link.member.import_id for link in page.featured_members.all()] == [
        "m-sofia", "m-athens"]
    greek = CaseStudyPage.objects.get(import_id="cs-sofia-el")
    assert greek.year == 2021 and greek.impact == (
        "Περίπου 4 τόνοι ανά έτος.\n\nΕπτά μόνιμες θέσεις εργασίας.")
    assert CaseStudyPage.objects.get(import_id="cs-sofia-en").impact == page.impact
    bg_links = [link.target.specific.import_id for link in page.related_links.all()]
    assert bg_links == ["tool-guide-bg", "pol-strategy"]  # the tool in the page's language
    call = FundingCallPage.objects.get(import_id="call-athens")
    assert call.deadline.isoformat() == "2099-06-30T20:59:59+00:00"  # 23:59:59 in Athens
    assert str(call.budget_eur) == "1500000.50" and call.eligible == ["ngo", "social-enterprise"]
    assert EventPage.objects.get(import_id="ev-sofia").end == EventPage.objects.get(
        import_id="ev-sofia").start
    exported = export_string()
    # Read in the event's own zone, and exported with its offset.
    assert '"starts": "2026-11-02T09:30:00+01:00", "ends": "2026-11-02T16:00:00+01:00"' in exported
    assert '"programme": "ESF+"' in exported  # programmes by name, as created
