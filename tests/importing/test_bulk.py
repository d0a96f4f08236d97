"""New live pages inserted in bulk match pages made the ordinary way: created as drafts
(``add_child``, ``save_revision``) and then published, as an editor publishes them."""

import json

import pytest
from django.test import Client
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from casestudies.models import CaseStudyPage
from funding.models import FundingCallPage
from search.models import OutboxEntry
from tests.importing.builders import call, case_study, import_records, policy, tool
from website.importing.history import IMPORT_ACTION
from website.importing.registry import get_handler

pytestmark = pytest.mark.django_db


def records(suffix):
    return [
        case_study(id=f"cs-{suffix}", related=[f"tool:tool-{suffix}"],
                   indicators=["tonnes of waste diverted: 120 t", "jobs created: 4 people"]),
        case_study(id=f"cs-{suffix}-bg", language="bg", translation_of=f"cs-{suffix}",
                   title="Хъб за текстил"),
        tool(id=f"tool-{suffix}"),
        policy(id=f"pol-{suffix}"),
        call(id=f"call-{suffix}", deadline=["2099-03-01", "2099-06-30"]),
    ]


def strip(value, page_ids):
    """Revision content without ids that necessarily differ between the two imports."""
    if isinstance(value, str) and value.startswith("[{"):
        return strip(json.loads(value), page_ids)
    if isinstance(value, dict):
        return {k: strip(v, page_ids) for k, v in value.items() if k not in {
            "pk", "id", "page", "content_object", "path", "url_path", "slug", "import_id",
            "import_hash", "translation_key", "page_ptr", "first_published_at",
            "last_published_at", "latest_revision_created_at", "live_revision",
            "latest_revision", "target", "owner",
            "live", "has_unpublished_changes"}}  # a draft's revision was saved before publishing
    if isinstance(value, list):
        return [strip(v, page_ids) for v in value]
    return value


def snapshot(suffix):
    client = Client(HTTP_HOST="localhost")
    result = {}
    for record in records(suffix):
        page = get_handler(record["type"]).model.objects.get(import_id=record["id"])
        parent = page.get_parent()
        source = record.get("translation_of")
        revision = page.live_revision
        refs = sorted(
            (r.to_content_type_id, r.model_path,
             r.content_path.split(".")[0]) for r in ReferenceIndex.objects.filter(
                object_id=str(page.pk), base_content_type=r_base()))
        response = client.get(page.url)
        result[record["id"].replace(suffix, "X")] = {
            "depth": page.depth,
            "url_path": page.url_path.replace(suffix, "X"),
            "path_under_parent": page.path.startswith(parent.path) and len(page.path) == len(parent.path) + 4,
            "parent_numchild": parent.numchild == parent.get_children().count(),
            "live": page.live, "unpublished": page.has_unpublished_changes,
            "published": (page.first_published_at is not None, page.last_published_at is not None),
            "live_is_latest": page.live_revision_id == page.latest_revision_id is not None,
            "revisions": page.revisions.count(),
            "revision": strip(revision.content, None),
            "translation": (
                page.translation_key == type(page).objects.get(import_id=source).translation_key
                if source else None),
            "locale": page.locale.language_code,
            "themes": sorted(t.slug for t in page.themes.all()),
            "tags": sorted(page.tags.names()),
            "related": [type(link.target.specific).__name__ for link in page.related_links.all()],
            "references": refs,
            "public": Page.objects.live().public().filter(pk=page.pk).exists(),
            "status": response.status_code,
            "title_shown": page.title in response.content.decode(),
            "wagtail_search": page.pk in [p.pk for p in type(page).objects.search(page.title)],
            "outbox": OutboxEntry.objects.filter(object_pk=str(page.pk)).count(),
            "history": [(entry.action, entry.revision_id == revision.pk, entry.label)
                        for entry in PageLogEntry.objects.filter(page=page).order_by("pk")],
            "latest_revision_created_at": page.latest_revision_created_at == revision.created_at,
        }
        if isinstance(page, CaseStudyPage):
            result[record["id"].replace(suffix, "X")].update(
                impact=[str(i) for i in page.impact_indicators.all()],
                criteria=[c.slug for c in page.criteria.all()])
        if isinstance(page, FundingCallPage):
            result[record["id"].replace(suffix, "X")].update(
                stages=[s.deadline for s in page.stage_deadlines.all()],
                programme=page.programme.name)
    return result


def r_base():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Page).pk


def publish_drafts(suffix):
    for record in records(suffix):
        page = get_handler(record["type"]).model.objects.get(import_id=record["id"])
        page.get_latest_revision().publish()


def test_bulk_insert_matches_drafts_published_one_by_one(sections):
    import_records(*records("slow"), draft=True)
    publish_drafts("slow")
    import_records(*records("fast"))
    slow, fast = snapshot("slow"), snapshot("fast")
    differences = {key: {name: (value, fast[key].get(name)) for name, value in entry.items()
                         if fast[key].get(name) != value} for key, entry in slow.items()}
    revision_differences = {
        key: {name: (value, fast[key]["revision"].get(name))
              for name, value in entry["revision"].items()
              if fast[key]["revision"].get(name) != value}
        for key, entry in slow.items()}
    assert not any(revision_differences.values()), revision_differences
    assert not any(differences.values()), differences
    assert fast == slow
    assert fast["cs-X"]["references"] and fast["cs-X"]["tags"] and fast["cs-X"]["outbox"]
    assert fast["cs-X"]["related"] == ["ToolPage"] and fast["cs-X"]["translation"] is None
    assert fast["cs-X-bg"]["translation"] is True and len(fast["call-X"]["stages"]) == 1
    assert fast["cs-X"]["history"] == [
        ("wagtail.create", False, "Textile reuse hub"), (IMPORT_ACTION, True, "Textile reuse hub"),
        ("wagtail.publish", True, "Textile reuse hub")]
    assert all(entry["status"] == 200 and entry["public"] and entry["wagtail_search"]
               for entry in fast.values())
    assert not any(Page.find_problems())
    # A second run adds after the existing children, and re-importing changes nothing.
    import_records(*records("more"))
    assert snapshot("more") == slow
    assert not any(Page.find_problems())
    report = import_records(*records("fast"))
    assert report.unchanged == len(records("fast"))


def test_new_pages_ask_for_the_search_outbox_once(sections, django_capture_on_commit_callbacks):
    """Each page is recorded in the outbox by its publish signal, and the outbox task is
    scheduled once for the import, not once a page."""
    from search import sync

    with django_capture_on_commit_callbacks() as callbacks:
        import_records(*records("once"))
    assert callbacks.count(sync.schedule) == 1
    pages = [get_handler(r["type"]).model.objects.get(import_id=r["id"]) for r in records("once")]
    assert OutboxEntry.objects.filter(object_pk__in=[str(p.pk) for p in pages]).count() == len(pages)
