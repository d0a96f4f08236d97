"""Learning numbers for monitoring: counts per programme, pillar and month; gender in totals only."""

import datetime as dt

import pytest
from django.utils import timezone

from learning import metrics
from learning.enrolment import enrol
from learning.models import Completion, Enrolment
from tests.importing.builders import build_taxonomy
from tests.learning.builders import make_programme
from tests.network.factories import make_member
from website.models import Pillar

pytestmark = pytest.mark.django_db


def enrol_many(programme, count, gender="", when=None):
    made = []
    for _n in range(count):
        enrolment = enrol(programme, make_member(), gender=gender)[0]
        if when:
            Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=when)
        made.append(enrolment)
    return made


def test_counts_per_programme_pillar_and_month(index):
    build_taxonomy()
    textiles = make_programme(index["bg"], title="Текстил")
    textiles.pillars = [Pillar.objects.get(slug="textiles", locale=textiles.locale)]
    textiles.save_revision().publish()
    other = make_programme(index["bg"], title="Друга")
    march = timezone.make_aware(dt.datetime(2026, 3, 10, 12))
    april = timezone.make_aware(dt.datetime(2026, 4, 2, 12))
    done = enrol_many(textiles, 3, when=march)
    enrol_many(other, 2, when=april)
    Completion.objects.create(enrolment=done[0], completed_at=april)

    rows = {row["programme"].title: row for row in metrics.per_programme()}
    assert (rows["Текстил"]["enrolments"], rows["Текстил"]["completions"]) == (3, 1)
    assert (rows["Друга"]["enrolments"], rows["Друга"]["completions"]) == (2, 0)
    assert metrics.per_pillar() == [
        {"pillar": "textiles", "enrolments": 3, "completions": 1, "certificates": 0}]
    months = {row["month"]: (row["enrolments"], row["completions"]) for row in metrics.per_month()}
    assert months == {dt.date(2026, 3, 1): (3, 0), dt.date(2026, 4, 1): (2, 1)}
    # The period includes its last day, in Sofia time.
    assert metrics.enrolments(end=dt.date(2026, 3, 10)).count() == 3
    assert metrics.enrolments(start=dt.date(2026, 3, 11)).count() == 2


def test_small_gender_groups_are_hidden(index):
    programme = make_programme(index["bg"])
    enrol_many(programme, 7, "female")
    enrol_many(programme, 6, "male")
    enrol_many(programme, 2, "other")
    counts = {row["gender"]: row["count"] for row in metrics.participants_by_gender()}
    # "other" (2) is hidden, and so is the next smallest group, or 15 - 7 - 0 would give it away.
    assert counts == {"female": 7, "male": None, "other": None, "": 0}


def test_gender_of_those_who_completed(index):
    programme = make_programme(index["bg"])
    for enrolment in enrol_many(programme, 5, "female") + enrol_many(programme, 5, "male"):
        Completion.objects.create(enrolment=enrolment)
    enrol_many(programme, 9, "male")
    counts = {row["gender"]: row["count"]
              for row in metrics.participants_by_gender(completed=True)}
    assert counts == {"female": 5, "male": 5, "other": 0, "": 0}


def test_the_report_in_the_admin(admin_client, index):
    programme = make_programme(index["bg"], title="Отчетна програма")
    enrol_many(programme, 6, "female")
    html = admin_client.get("/admin/learning/numbers/").content.decode()
    assert "Отчетна програма" in html
    response = admin_client.get("/admin/learning/numbers/", {"start": "2026-13-01"})
    assert response.status_code == 200


def test_certificates_per_programme_pillar_and_month_leave_out_revoked_ones(
        admin_client, index, settings, tmp_path):
    from learning.certificates import issuing
    from tests.learning.certificate_builders import issued_certificate, use_new_signing_key

    use_new_signing_key(settings, tmp_path)
    build_taxonomy()
    programme = make_programme(index["bg"], title="Сертифицираща програма")
    programme.pillars = [Pillar.objects.get(slug="textiles", locale=programme.locale)]
    programme.save_revision().publish()
    kept = issued_certificate(index, programme=programme)
    issuing.revoke(issued_certificate(index, programme=programme), "Грешка")
    make_programme(index["bg"], title="Без сертификати")

    [row] = metrics.per_programme()
    assert (row["programme"].title, row["completions"], row["certificates"]) == (
        "Сертифицираща програма", 2, 1)
    assert metrics.per_pillar()[0]["certificates"] == 1
    month = timezone.localtime(kept.issued_at).date().replace(day=1)
    assert {r["month"]: r["certificates"] for r in metrics.per_month()} == {month: 1}
    assert metrics.certificates(end=timezone.localdate() - dt.timedelta(days=1)).count() == 0
    html = admin_client.get("/admin/learning/numbers/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<th scope=\"col\">Certificates</th>" in html
