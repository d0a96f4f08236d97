"""The demo questionnaires and consultations: loaded by the real command, shown with figures."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from monitoring import demo
from monitoring.metrics import consultation_respondents
from monitoring.models import (
    ConsultationComment,
    ConsultationPage,
    ImpactPage,
    Indicator,
    Invitation,
    QuestionnairePage,
    ReportedFigure,
    Response,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_has_the_surveys_of_the_documents_with_figures_and_loads_once(demo_content):
    """One test: loading the whole demo is the slow part."""
    diagnostic = QuestionnairePage.objects.get(slug="competence-needs-diagnostic",
                                               locale__language_code="bg")
    dual = next(q for q in diagnostic.definition.questions if q.kind == "dual_matrix")
    assert len(dual.rows) == 8 and [s.heading for s in dual.scales] == ["Значимост",
                                                                        "Интерес към обучение"]
    english = diagnostic.get_translation(
        diagnostic.locale.__class__.objects.get(language_code="en")).specific
    assert [r.code for r in english.definition.questions[2].rows] == [r.code for r in dual.rows]
    assert diagnostic.mode == "invited" and diagnostic.anonymised
    assert Invitation.objects.filter(questionnaire_key=diagnostic.questionnaire_key).count() == 20
    anonymous = Response.objects.filter(questionnaire_key=diagnostic.questionnaire_key)
    assert anonymous.count() == 14
    assert not anonymous.exclude(member=None, invitation=None, submitted_at=None).exists()
    voice = QuestionnairePage.objects.get(slug="voice-of-the-user", locale__language_code="en")
    assert voice.mode == "members"
    assert Response.objects.filter(questionnaire_key=voice.questionnaire_key,
                                   member__isnull=False).count() == 12
    consultations = ConsultationPage.objects.filter(locale__language_code="el")
    assert consultations.count() == 6
    for page in consultations:
        assert page.questionnaires().count() == 1

    client = Client()
    diagnostic = QuestionnairePage.objects.get(slug="competence-needs-diagnostic",
                                               locale__language_code="en")
    html = client.get(diagnostic.results_url).content.decode()
    assert "14 answers in all." in html and "<svg" in html
    innovation = ConsultationPage.objects.get(slug="innovation", locale__language_code="en")
    page = client.get(innovation.url).content.decode()
    assert innovation.result_published and "participants took part" in page
    assert consultation_respondents(innovation).total >= 18
    assert ConsultationComment.objects.filter(status="approved").exists()
    home = client.get("/en/").content.decode()
    assert "Have your say" in home

    # The KPIs of the three action plans, their actuals from the demo's own records.
    rows = {row["slug"]: row for row in client.get("/api/indicators/?language=en").json()}
    year = timezone.localdate()
    participants = consultation_respondents(since=year.replace(month=1, day=1), until=year)
    stakeholders = rows["consultation-stakeholders"]["periods"][0]
    assert (stakeholders["target"], stakeholders["actual"]) == (260, participants.total)
    assert rows["consultation-policy-makers"]["periods"][0]["target"] == 52
    assert rows["members-textiles"]["periods"][0]["target"] == 20
    assert rows["smes-informed"]["periods"][0]["actual"] is None  # submitted, not approved
    assert rows["follow-up-meetings"]["periods"][0]["actual"] == 1
    impact = ImpactPage.objects.get(locale__language_code="el")
    assert "Μέλη στον πυλώνα" in client.get(impact.url).content.decode()

    before = (QuestionnairePage.objects.count(), Response.objects.count(),
              ConsultationComment.objects.count(), Invitation.objects.count(),
              Indicator.objects.count(), ReportedFigure.objects.count())
    assert demo.load(log=lambda *args: None) == 0
    call_command("load_demo_content", verbosity=0)
    after = (QuestionnairePage.objects.count(), Response.objects.count(),
             ConsultationComment.objects.count(), Invitation.objects.count(),
             Indicator.objects.count(), ReportedFigure.objects.count())
    assert after == before
