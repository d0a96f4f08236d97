"""Demo questionnaires and consultations, loaded by ``load_demo_content`` after the imports.

From ``website/demo/surveys.json``: the competence-needs diagnostic (invited,
anonymised: 8 competence blocks rated for relevance and for interest), the
"voice of the user" survey (members only) and six public consultations on the
cluster topics, each with its questionnaire, in Bulgarian and English (the
consultations in Greek too). Every language version of a page gets the same
block ids and codes, as wagtail-localize would give it. Some answers are made
up (seeded, so every load gives the same figures) so that the results pages
show figures above the smallest published group.

Idempotent: a page that exists (by slug under its parent) is left alone, and
answers, invitations and comments are added only to a questionnaire or
consultation that has none.
"""

import datetime as dt
import json
import random
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from monitoring import invitations
from monitoring.models import (
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationPolicyLink,
    Invitation,
    QuestionnaireIndexPage,
    QuestionnairePage,
    Response,
)
from monitoring.questions import prune
from monitoring.respond import role_for
from website.choices import Status
from website.models import HomePage, NavigationSettings
from website.site_url import absolute_url

DATA = Path(settings.BASE_DIR) / "website" / "demo" / "surveys.json"
DEFAULT = settings.LANGUAGE_CODE
NAMESPACE = uuid.UUID("0f4c3a52-9d52-4a7e-9b1f-7d8e51b5c0aa")
COMMENTS = {
    "bg": ["Подкрепяме предложението, но срокът е твърде кратък за малките фирми.",
           "Добре е да се посочи кой ще отговаря за изпълнението в районите."],
    "en": ["We support this, but small companies need more time to prepare.",
           "Please say who will be responsible for this in each region."],
}
TEXTS = {"bg": "Повече съвместни събития, моля.", "en": "More joint events, please."}
# The phases of the demo consultations, in days from today: comments, questionnaire.
PHASES = {
    "result": ((-80, -50), (-60, -30)),
    "questionnaire": ((-40, -10), (-10, 30)),
    "comments": ((-5, 25), (-5, 40)),
    "comments-only": ((-3, 27), (30, 60)),
    "reading": ((10, 40), (20, 50)),
}


def text(values, code):
    if not isinstance(values, dict):
        return values or ""
    return values.get(code) or values.get("en") or values.get(DEFAULT) or ""


def block_id(*parts):
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def items(pairs, code, key):
    result = []
    for pair in pairs:
        value = {"code": pair[0], "label": text(pair[1], code)}
        if len(pair) > 2:
            value["counts_as"] = pair[2]
        result.append({"type": "item", "id": block_id(key, pair[0]), "value": value})
    return result


def question_block(spec, code, key):
    kind = spec["kind"]
    if kind == "page_break":
        return {"title": text(spec.get("title"), code), "intro": ""}
    condition = spec.get("condition") or ["", "any", ""]
    value = {"code": spec["code"], "label": text(spec["label"], code),
             "help_text": text(spec.get("help", ""), code), "required": spec.get("required", False),
             "condition": dict(zip(("question", "operator", "values"), condition, strict=True))}
    key = f"{key}:{spec['code']}"
    for name in ("options", "rows", "columns"):
        if name in spec:
            value[name] = items(spec[name], code, f"{key}:{name}")
    for scale in ("first", "second"):
        if scale in spec:
            value[f"{scale}_heading"] = text(spec[scale]["heading"], code)
            value[f"{scale}_columns"] = items(spec[scale]["columns"], code, f"{key}:{scale}")
    value.update({
        "allow_other": spec.get("allow_other", False),
        "other_label": text(spec.get("other_label", ""), code),
        "max_choices": spec.get("max_choices"), "rank_count": spec.get("rank_count"),
        "scale_min": spec.get("low", 1), "scale_max": spec.get("high", 5),
        "min_label": text(spec.get("low_label", ""), code),
        "max_label": text(spec.get("high_label", ""), code),
        "point_labels": [{"type": "item", "id": block_id(key, "point", str(n)),
                          "value": text(label, code)} for n, label in enumerate(spec.get("points", []))],
        "min_value": spec.get("min"), "max_value": spec.get("max"), "whole_numbers": True,
        "unit": text(spec.get("unit", ""), code), "max_length": 5000 if kind == "long_text" else 250,
    })
    return value


def stream(questions, code, key):
    return [{"type": spec["kind"], "id": block_id(key, spec.get("code") or f"page{n}"),
             "value": question_block(spec, code, key)} for n, spec in enumerate(questions)]


def homes():
    return {page.locale.language_code: page
            for page in HomePage.objects.select_related("locale")}


def pages_in(parents, model, slug, fields, languages):
    """One page under each language's parent, linked as translations; (pages, created)."""
    source = model.objects.child_of(parents[DEFAULT]).filter(slug=slug).first()
    created = source is None
    if created:
        source = model(slug=slug, **fields(DEFAULT))
        parents[DEFAULT].add_child(instance=source)
        source.save_revision().publish()
    pages = {DEFAULT: source}
    for code in languages:
        if code == DEFAULT or code not in parents:
            continue
        locale = Locale.objects.get(language_code=code)
        existing = source.get_translation_or_none(locale)
        if existing is None:
            existing = source.copy_for_translation(locale).specific
            for name, value in fields(code).items():
                setattr(existing, name, value)
            existing.save_revision().publish()
        pages[code] = existing.specific
    return pages, created


def index(parents, model, slug, texts):
    return pages_in(parents, model, slug, lambda code: {
        "title": text(texts["title"], code), "intro": text(texts["intro"], code)},
        list(parents))[0]


def questionnaire_fields(spec, now, window=None):
    opens, closes = window or (spec.get("opens_days", -7), spec.get("closes_days", 30))

    def fields(code):
        return {
            "title": text(spec["title"], code), "intro": text(spec.get("intro", ""), code),
            "thank_you": text(spec.get("thank_you", ""), code), "mode": spec["mode"],
            "anonymised": spec.get("anonymised", False),
            "opens_at": now + dt.timedelta(days=opens), "closes_at": now + dt.timedelta(days=closes),
            "results_public": spec.get("results_public", False),
            "results_summary": text(spec.get("results_summary", ""), code),
            "questions": stream(spec["questions"], code, spec["slug"]),
        }

    return fields


# -- made-up answers -------------------------------------------------------------------


def made_up(definition, rng, code, favourites=()):
    answers = {}
    for question in definition.questions:
        kind, codes = question.kind, [option.code for option in question.options]
        if kind in ("single_choice", "respondent_role"):
            answers[question.code] = rng.choice(codes)
        elif kind == "multiple_choice":
            answers[question.code] = rng.sample(codes, rng.randint(1, question.max_choices or 2))
        elif kind == "rating":
            answers[question.code] = rng.choice([question.low + 1, question.high - 1, question.high])
        elif kind == "matrix":
            answers[question.code] = {row.code: rng.choice(question.scales[0].columns).code
                                      for row in question.rows}
        elif kind == "dual_matrix":
            answers[question.code] = {scale.code: {row.code: rng.choice(
                scale.columns[-2:] if row.code in favourites and scale.code == "second"
                else scale.columns).code for row in question.rows} for scale in question.scales}
        elif kind == "ranking":
            liked = [c for c in codes if c in favourites] or codes
            first = rng.choice(liked) if rng.random() < 0.8 else rng.choice(codes)
            rest = rng.sample([c for c in codes if c != first], question.ranks - 1)
            answers[question.code] = [first, *rest]
        elif kind == "number":
            answers[question.code] = rng.randint(1, 25)
        elif kind in ("short_text", "long_text") and (question.required or rng.random() < 0.3):
            answers[question.code] = TEXTS.get(code, TEXTS["en"])
    return prune(definition, answers)


def add_answers(page, spec, now, rng, members=()):
    count = (spec.get("demo") or {}).get("answers", 0)
    key = page.questionnaire_key
    if not count or Response.objects.filter(questionnaire_key=key).exists():
        return 0
    favourites = (spec.get("demo") or {}).get("favourites", ())
    for number in range(count):
        answers = made_up(page.definition, rng, page.locale.language_code, favourites)
        member = members[number % len(members)] if members else None
        day = now - dt.timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 12))
        anonymised = page.mode == "invited" and page.anonymised
        Response.objects.create(
            questionnaire_key=key, mode=page.mode, language=rng.choice(["bg", "en"]),
            answers=answers, role=role_for(page, answers, member), member=member,
            browser_id=f"demo-{page.slug}-{number}" if page.mode == "open" else None,
            submitted_on=timezone.localdate(day), submitted_at=None if anonymised else day,
        )
    return count


def add_invitations(page, spec, log):
    total = (spec.get("demo") or {}).get("invitations", 0)
    if not total or Invitation.objects.filter(questionnaire_key=page.questionnaire_key).exists():
        return 0
    answered = (spec.get("demo") or {}).get("answers", 0)
    for number in range(total):
        Invitation.objects.create(
            questionnaire_key=page.questionnaire_key, email=f"remo.staff{number + 1}@example.org",
            language="bg" if number % 2 else "en", completed=number < answered,
            invited_at=timezone.now(), last_mailed_at=timezone.now())
    open_one = Invitation.objects.filter(questionnaire_key=page.questionnaire_key,
                                         completed=False, language="en").first()
    log(f"  demo invitation link: {absolute_url(page.get_url() or '/')}"
        f"?token={invitations.token_for(open_one)}")
    return total


# -- consultations ------------------------------------------------------------------


def consultation_fields(spec, now):
    (comments_from, comments_until), _questionnaire = PHASES[spec["phase"]]

    def fields(code):
        return {
            "title": text(spec["title"], code), "summary": text(spec["summary"], code),
            "draft": [{"type": "section", "id": block_id(spec["slug"], "section", section[0]),
                       "value": {"code": section[0], "heading": text(section[1], code),
                                 "text": text(section[2], code)}} for section in spec["sections"]],
            "documents_from": timezone.localdate(now) - dt.timedelta(
                days=90 if spec["phase"] == "result" else 2),
            "comments_from": now + dt.timedelta(days=comments_from),
            "comments_until": now + dt.timedelta(days=comments_until),
            "programme": programme(spec.get("programme")),
            "working_group": apps.get_model("network", "Network").objects.filter(
                slug=spec.get("working_group") or "-").first(),
        }

    return fields


def programme(name):
    model = apps.get_model("funding", "FundingProgramme")
    matches = model.objects.filter(name__iexact=name or "-") | model.objects.filter(
        acronym__iexact=name or "-")
    return matches.filter(locale=Locale.get_default()).first() or matches.first()


def link_policies(page, ids):
    policy_model = apps.get_model("funding", "PolicyPage")
    if page.policy_links.exists():
        return
    for order, policy in enumerate(policy_model.objects.filter(import_id__in=ids,
                                                               locale=page.locale)):
        ConsultationPolicyLink.objects.create(page=page, policy=policy, sort_order=order)


def add_comments(page, spec, rng, members):
    if spec["phase"] == "reading" or not members or ConsultationComment.objects.filter(
            consultation_key=page.consultation_key).exists():
        return 0
    count = 0
    for number, section in enumerate(spec["sections"]):
        language = "bg" if number % 2 == 0 else "en"
        approved = number < 2
        ConsultationComment.objects.create(
            consultation_key=page.consultation_key, page=page, section=section[0],
            member=rng.choice(members), language=language, body=COMMENTS[language][number % 2],
            status=Status.APPROVED if approved else Status.PENDING, submitted_at=timezone.now(),
            approved_at=timezone.now() if approved else None)
        count += 1
    return count


def publish_result(pages, spec):
    for code, page in pages.items():
        page.result_published, page.result_date = True, timezone.localdate()
        page.result_synopsis = text(spec["result"]["synopsis"], code)
        page.result_changes = text(spec["result"]["changes"], code)
        page.save_revision().publish()


def navigation(sections):
    nav = NavigationSettings.objects.first()
    if nav is None or not nav.header_links:
        return
    linked = {block.value["page"].pk for block in nav.header_links if block.value.get("page")}
    added = [page for page in sections if page.pk not in linked]
    if added:
        nav.header_links.extend([("link", {"page": page, "label": ""}) for page in added])
        nav.save()


def load(log=print):
    now = timezone.now().replace(second=0, microsecond=0)
    data = json.loads(DATA.read_text(encoding="utf-8"))
    parents = homes()
    if DEFAULT not in parents:
        log("  surveys: no home page, nothing loaded")
        return 0
    rng = random.Random(2019)  # noqa: S311 - made-up demo answers, not security
    created = 0
    members = list(apps.get_model("network", "Member").objects.filter(
        status=Status.APPROVED).order_by("pk")[:12])
    with transaction.atomic():
        surveys = index(parents, QuestionnaireIndexPage, "surveys", data["sections"]["surveys"])
        consultations = index(parents, ConsultationIndexPage, "consultations",
                              data["sections"]["consultations"])
        for spec in data["questionnaires"]:
            pages, made = pages_in(surveys, QuestionnairePage, spec["slug"],
                                   questionnaire_fields(spec, now), ["bg", "en"])
            source = pages[DEFAULT]
            created += made + add_invitations(source, spec, log)
            created += add_answers(source, spec, now, rng,
                                   members if source.mode == "members" else ())
        for spec in data["consultations"]:
            pages, made = pages_in(consultations, ConsultationPage, spec["slug"],
                                   consultation_fields(spec, now), list(parents))
            for page in pages.values():
                link_policies(page, spec.get("policies", []))
            window = PHASES[spec["phase"]][1]
            questionnaire_spec = spec["questionnaire"]
            questionnaires, made_questionnaire = pages_in(
                pages, QuestionnairePage, questionnaire_spec["slug"],
                questionnaire_fields(questionnaire_spec, now, window), list(pages))
            created += made + made_questionnaire
            created += add_answers(questionnaires[DEFAULT], questionnaire_spec, now, rng)
            created += add_comments(pages[DEFAULT], spec, rng, members)
            if made and spec.get("result"):
                publish_result(pages, spec)
        navigation([consultations[DEFAULT], surveys[DEFAULT]])
    log(f"  questionnaires and consultations: {created} created")
    return created
