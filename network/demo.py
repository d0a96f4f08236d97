"""Demo content of the network, loaded by ``load_demo_content`` after the imports.

Members come from the ``member`` rows of ``website/demo/network.jsonl`` (the
demo loader imports that file through the pipeline; rows it did not bring in
are created here with the same handler, as approved organisation profiles
without a login, placed on the map by their city: ``Member.place``), the centre's events from
its ``event`` rows through the import pipeline when ``import_content`` did not
bring them in; then the B2B offers and needs of ``b2b.json`` and the networks and working
groups. Idempotent: what exists (by import id, title or slug) is left alone.
"""

import datetime as dt
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from network.choices import GroupKind, Status
from network.models import B2BPost, EventPage, Member, Network
from website.importing.parsing import Record
from website.importing.pipeline import run_import
from website.models import Pillar, Region

DEMO_DIR = Path(settings.BASE_DIR) / "website" / "demo"
NETWORKS = [
    ("si-plus-programmes-funds", "SI PLUS network: administration of programmes and funds supporting social innovation",
     "Managing authorities and intermediate bodies exchanging how programmes and funds can support social innovation."),
    ("si-plus-poverty-inclusion", "SI PLUS network: poverty and inclusion",
     "Partners working on social innovation against poverty and for social inclusion."),
    ("si-plus-sustainability", "SI PLUS network: social innovation and sustainability",
     "Partners linking social innovation with the green transition and the circular economy."),
]


def read_rows(name):
    path = DEMO_DIR / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        if name.endswith(".jsonl"):
            return [json.loads(line) for line in handle if line.strip()]
        return json.load(handle)


def default_terms(model, key="slug"):
    from wagtail.models import Locale

    locale = Locale.get_default()
    return {getattr(term, key): term for term in model.objects.filter(locale=locale)}


def load_members(rows, log):
    """Member rows the import did not create, through the same ``MemberHandler``."""
    from network.importers import MemberHandler

    handler = MemberHandler()
    existing = set(Member.objects.exclude(import_id=None).values_list("import_id", flat=True))
    created = 0
    for row in rows:
        if row.get("type") != "member" or row.get("translation_of") or row["id"] in existing:
            continue
        problems = []
        cleaned = handler.clean(row, None, lambda field, _message, problems=problems: problems.append(field))
        if problems:
            log(f"  member {row['id']}: bad {', '.join(problems)}")
            continue
        handler.write_object(cleaned, row["id"])
        created += 1
    log(f"  members: {created} created")
    return created


def load_events(rows, log):
    """Import the event rows through the pipeline unless import_content already did."""
    events = [row for row in rows if row.get("type") == "event"]
    ids = {row["id"] for row in events}
    if not events or EventPage.objects.filter(import_id__in=ids).exists():
        return 0
    report = run_import([Record(n, row) for n, row in enumerate(events, start=1)])
    if not report.ok:
        for problem in report.problems[:10]:
            log(f"  event import problem: {problem}")
        return 0
    count = EventPage.objects.filter(import_id__in=ids).count()
    log(f"  events: {count} imported")
    return count


def load_posts(rows, log):
    members = {m.import_id: m for m in Member.objects.exclude(import_id=None)}
    regions = default_terms(Region)
    created = 0
    for row in rows:
        member = members.get(row.get("member"))
        if member is None or B2BPost.objects.filter(member=member, title=row["title"]).exists():
            continue
        B2BPost.objects.create(
            member=member, kind=row["kind"], title=row["title"][:200],
            description=row.get("description", ""), category=row["category"],
            waste_code=row.get("ewc_code") or row.get("waste_code") or "",
            quantity=row.get("quantity"), unit=row.get("unit") or "",
            frequency=row.get("frequency") or "one-off", region=regions.get(row.get("region")),
            valid_until=dt.date.fromisoformat(row["valid_until"]),
            status=Status.APPROVED, approved_at=timezone.now(),
        )
        created += 1
    log(f"  offers and needs: {created} created")
    return created


def load_networks(log):
    created = 0
    for slug, name, description in NETWORKS:
        _network, made = Network.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": GroupKind.NETWORK, "description": description},
        )
        created += made
    for pillar in default_terms(Pillar).values():
        coordinator = Member.objects.filter(member_type="cluster").first()
        _group, made = Network.objects.get_or_create(
            slug=f"working-group-{pillar.slug}",
            defaults={
                "name": f"Working group: {pillar.name}", "kind": GroupKind.WORKING_GROUP,
                "pillar": pillar, "coordinator": coordinator,
                "description": f"The cluster's working group of the {pillar.name} pillar.",
            },
        )
        created += made
    log(f"  networks and working groups: {created} created")
    return created


def load(log=print):
    rows = read_rows("network.jsonl")
    with transaction.atomic():
        created = load_members(rows, log)
    created += load_events(rows, log)
    with transaction.atomic():
        created += load_posts(read_rows("b2b.json"), log)
        created += load_networks(log)
    return created
