"""Mentor suggestions, ranked by fit: shared expertise, language, growth level, free places.

The score is a plain sum a person can follow, and each suggestion carries the
reasons that made it (shown beside the mentor): 3 points per shared theme or
topic, 2 for a shared language, 2 for serving the wanted level, up to 1 for
free places. Only available, approved and listed mentors with a free place
are suggested, never the learner; for peer mentoring, only members of that
network or working group.
"""

import dataclasses

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from learning.choices import Level
from learning.models import MentorProfile
from learning.models.mentoring import ACTIVE_STATES
from website.choices import Status


@dataclasses.dataclass
class Suggestion:
    mentor: MentorProfile
    score: float
    reasons: list
    free: int


@dataclasses.dataclass
class Wish:
    themes: set
    topics: set
    languages: set
    level: str = ""


def wish_for(learner, programme=None, level="", language="", themes=()):
    """What the learner looks for: given, else from the programme and the learner's profile."""
    wanted_themes = set(themes)
    wanted_topics = set()
    if programme is not None:
        wanted_themes |= set(programme.themes.values_list("slug", flat=True))
        if programme.topic_id:
            wanted_topics.add(programme.topic.slug)
        level = level or programme.level
    if not wanted_themes:
        wanted_themes = set(learner.themes.values_list("slug", flat=True))
    languages = {language} if language else set(learner.language_list)
    if not languages and programme is not None:
        languages = {programme.teaching_language or programme.locale.language_code}
    return Wish(wanted_themes, wanted_topics, languages or {settings.LANGUAGE_CODE}, level)


def candidates(learner, network=None):
    """Approved profiles only: their rows are the approved version (an edit waits aside)."""
    mentors = (
        MentorProfile.objects.offered()
        .exclude(member=learner)
        .annotate(running=Count("requests", filter=Q(requests__state__in=ACTIVE_STATES)))
        .select_related("member").prefetch_related("themes", "topics")
    )
    if network is not None:
        mentors = mentors.filter(member__network_memberships__network=network,
                                 member__network_memberships__status=Status.APPROVED)
    return mentors


def score(mentor, wish):
    names = dict(settings.LANGUAGES)
    reasons = []
    themes = {theme.slug: theme for theme in mentor.themes.all()}
    topics = {topic.slug: topic for topic in mentor.topics.all()}
    shared = [themes[slug] for slug in sorted(wish.themes & set(themes))]
    shared += [topics[slug] for slug in sorted(wish.topics & set(topics))]
    points = 3.0 * len(shared)
    if shared:
        reasons.append(_("Shared expertise: %(names)s") % {
            "names": ", ".join(term.localized.name for term in shared)})
    languages = sorted(wish.languages & set(mentor.languages))
    if languages:
        points += 2
        reasons.append(_("Speaks %(languages)s") % {
            "languages": ", ".join(str(names.get(code, code)) for code in languages)})
    if wish.level and wish.level in mentor.levels:
        points += 2
        reasons.append(_("Mentors at the %(level)s level") % {
            "level": str(dict(Level.choices).get(wish.level, wish.level)).lower()})
    free = max(0, mentor.capacity - mentor.running)
    points += free / mentor.capacity
    reasons.append(_("%(free)s of %(capacity)s places free") % {
        "free": free, "capacity": mentor.capacity})
    return Suggestion(mentor, round(points, 2), reasons, free)


def suggestions(learner, wish, network=None, limit=12):
    ranked = [score(mentor, wish) for mentor in candidates(learner, network)]
    ranked = [suggestion for suggestion in ranked if suggestion.free > 0]
    ranked.sort(key=lambda s: (-s.score, s.mentor.member.name.lower()))
    return ranked[:limit]
