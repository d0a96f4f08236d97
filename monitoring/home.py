"""The "Have your say" section of the home page: questionnaires and consultations open now."""

from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring.choices import PhaseState


def open_now(home, request):
    from monitoring.consultations import phases
    from monitoring.models import ConsultationPage, QuestionnairePage

    now = timezone.now()
    items = []
    for page in ConsultationPage.objects.descendant_of(home).live().public().order_by("-pk"):
        current = [info for info in phases(page, now) if info.state == PhaseState.OPEN
                   and info.phase != "reading"]
        if current:
            items.append({"title": page.title, "url": page.get_url(request),
                          "card_kind": _("Public consultation"),
                          "card_meta": ", ".join(str(info.label) for info in current),
                          "card_summary": page.summary})
    questionnaires = QuestionnairePage.objects.descendant_of(home).live().public().filter(
        mode="open").order_by("-pk")
    for page in questionnaires:
        if page.is_open(now) and page.get_parent().specific_class is not ConsultationPage:
            items.append({"title": page.title, "url": page.get_url(request),
                          "card_kind": _("Questionnaire"), "card_summary": page.intro})
    return {"title": _("Have your say"), "items": items[:4]} if items else None
