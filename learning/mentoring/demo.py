"""Demo mentoring (a ``load_demo_content`` step): one mentor and one request waiting for her.

The certified consultant Мария Петрова offers mentoring in the circular
economy; the social enterprise „Втора кройка“ has asked her for help and
waits for an answer. The mentor's profile loads approved, as an editor would
have left it: learners are offered only approved mentors. Idempotent.
"""

from django.apps import apps
from django.utils import timezone

from learning.choices import Level
from website.choices import Status

MENTOR = "m-demo-maria-petrova"
LEARNER = "m-demo-vtora-kroika"


def load(log=print):
    from learning.models import MentoringRequest, MentorProfile
    from learning.models.mentoring import OPEN_STATES
    from website.models import ThematicPriority

    member_model = apps.get_model("network", "Member")
    mentor_member = member_model.objects.filter(import_id=MENTOR).first()
    learner = member_model.objects.filter(import_id=LEARNER).first()
    if mentor_member is None or learner is None:
        log("  demo members for mentoring are missing; skipped")
        return 0
    created = 0
    mentor, made = MentorProfile.objects.get_or_create(member=mentor_member, defaults={
        "expertise": "Кръгови бизнес модели, индустриална симбиоза и подготовка на проекти за "
                     "Хоризонт Европа и EIC. Circular business models, industrial symbiosis, "
                     "Horizon Europe and EIC proposals.",
        "languages": ["bg", "en"], "levels": [Level.START_UP, Level.ADVANCED], "capacity": 3,
        "available": True, "status": Status.APPROVED, "approved_at": timezone.now()})
    if made:
        mentor.themes.set(ThematicPriority.objects.filter(slug="circular-economy"))
        created += 1
    if not MentoringRequest.objects.filter(learner=learner, mentor=mentor).exists():
        MentoringRequest.objects.create(
            learner=learner, mentor=mentor, level=Level.START_UP, language="bg",
            message="Искаме да превърнем изрезките от шивашкия цех в продукт. Бихте ли ни "
                    "помогнали с бизнес модела и с кандидатстване за финансиране?")
        created += 1
    waiting = MentoringRequest.objects.filter(mentor=mentor, state__in=OPEN_STATES).count()
    log(f"  mentor {mentor_member.name}: {waiting} request(s) waiting")
    return created
