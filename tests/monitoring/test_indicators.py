"""Indicators: actuals from the platform's own records, reported figures and their approval,
``/api/indicators/``, status by direction, the Impact page and the dashboard panel.

Every actual is checked against a count taken independently (the directory's
own public queryset, the pages' live and public querysets), with drafts,
private, rejected and unapproved items among the fixtures.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from casestudies.models import CaseStudyPage
from learning.enrolment import enrol
from learning.models import Completion
from monitoring import figures
from monitoring.choices import Direction, FigureStatus, Progress
from monitoring.indicators import status
from monitoring.models import ImpactPage, ReportedFigure
from monitoring.periods import parse_period
from network.models import Member
from tests.factories import make_page, translate
from tests.importing.builders import build_sections, build_taxonomy
from tests.learning.builders import make_programme
from tests.monitoring.builders import answer, make_consultation, make_questionnaire, single
from tests.monitoring.indicator_builders import make_indicator
from tests.network.factories import make_member
from website.choices import Status
from website.models import Pillar

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def sections(db):
    homes, sections = build_sections()
    build_taxonomy()
    return {"homes": homes, **sections}


def api(client, **params):
    response = client.get("/api/indicators/", params)
    assert response.status_code == 200, response.content
    return {row["slug"]: row for row in response.json()}


def staff(name, *codenames):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(
        codename__in=("access_admin", *codenames)))
    return user


EDITOR_PERMS = ("add_reportedfigure", "change_reportedfigure", "view_reportedfigure",
                "approve_reportedfigure", "view_indicator", "add_indicator", "change_indicator")


# Periods and status -------------------------------------------------------------------------

def test_periods_are_years_halves_and_quarters():
    assert parse_period("2026-H2").start == dt.date(2026, 7, 1)
    assert parse_period("2026-H2").end == dt.date(2026, 12, 31)
    assert parse_period("2026-Q1").end == dt.date(2026, 3, 31)
    for bad in ("2026-H3", "2026-Q0", "26", "2026-01", "", "2026-h1"):
        with pytest.raises(ValueError):
            parse_period(bad)


def test_status_follows_the_direction():
    higher = make_indicator("h", direction=Direction.HIGHER, baseline=0)
    lower = make_indicator("l", direction=Direction.LOWER, baseline=100)
    year = parse_period("2026")
    mid = dt.date(2026, 7, 2)  # half the year gone
    assert status(higher, 20, 20, year, mid) == Progress.ACHIEVED
    assert status(higher, 20, 11, year, mid) == Progress.ON_TRACK
    assert status(higher, 20, 5, year, mid) == Progress.BEHIND
    assert status(higher, 20, 19, year, dt.date(2027, 1, 5)) == Progress.BEHIND
    assert status(lower, 50, 50, year, mid) == Progress.ACHIEVED
    assert status(lower, 50, 70, year, mid) == Progress.ON_TRACK  # expected 75 by now
    assert status(lower, 50, 90, year, mid) == Progress.BEHIND
    assert status(higher, 20, None, year, mid) is None


# Computed actuals ----------------------------------------------------------------------------

def test_members_per_pillar_count_only_approved_listed_members_of_the_pillar(client, sections):
    textiles = Pillar.objects.filter(slug="textiles")
    agri = Pillar.objects.get(slug="agri", locale__language_code="en")
    for pillar in textiles:  # any language version of the pillar
        make_member(pillars=[pillar])
    make_member(pillars=[textiles[0], agri])
    make_member(status=Status.PENDING, pillars=[textiles[0]])
    make_member(status=Status.REJECTED, pillars=[textiles[0]])
    make_member(listed=False, pillars=[textiles[0]])
    make_member(pillars=[agri])
    make_indicator("textile-members", metric="members_per_pillar", pillar=textiles[0],
                   targets=((str(YEAR), 20),))
    expected = Member.objects.public().filter(pillars__slug="textiles").distinct().count()
    assert expected == 4
    period = api(client)["textile-members"]["periods"][0]
    assert (period["actual"], period["target"]) == (expected, 20)
    assert api(client)["textile-members"]["pillar"] == "textiles"


def test_case_studies_count_live_public_ones_of_the_year_once(client, sections):
    index = sections["casestudies"]["bg"]
    counted = make_page(index, CaseStudyPage, title="Counted", published_on=dt.date(YEAR, 2, 1))
    translate(counted, "en", title="Counted (en)")  # its translation is the same case study
    make_page(index, CaseStudyPage, title="Also counted")  # first published today
    make_page(index, CaseStudyPage, title="Draft", publish_it=False)
    make_page(index, CaseStudyPage, title="Last year", published_on=dt.date(YEAR - 1, 6, 1))
    private = make_page(index, CaseStudyPage, title="Private", published_on=dt.date(YEAR, 3, 1))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_indicator("stories", metric="case_studies_per_year",
                   targets=((str(YEAR - 1), 1), (str(YEAR), 5)))
    periods = {p["period"]: p for p in api(client)["stories"]["periods"]}
    assert periods[str(YEAR)]["actual"] == 2
    assert periods[str(YEAR - 1)]["actual"] == 1
    assert periods[str(YEAR - 1)]["status"] == Progress.ACHIEVED


def test_course_completions_in_the_period(client, db):
    from tests.learning.builders import build_index

    programme = make_programme(build_index()["bg"])
    for when in (dt.datetime(YEAR, 1, 1, 0, 30), dt.datetime(YEAR - 1, 12, 31, 23, 30)):
        enrolment = enrol(programme, make_member())[0]
        Completion.objects.create(enrolment=enrolment, completed_at=timezone.make_aware(when))
    enrol(programme, make_member())  # enrolled, not completed
    make_indicator("completions", metric="course_completions",
                   targets=((str(YEAR - 1), 1), (str(YEAR), 1)))
    periods = {p["period"]: p["actual"] for p in api(client)["completions"]["periods"]}
    # Days in Sofia: 00:30 on 1 January belongs to the new year, 23:30 on 31 December to the old.
    assert periods == {str(YEAR - 1): 1, str(YEAR): 1}


def test_consultation_respondents_come_from_the_consultations(client, site_tree):
    page = make_consultation(site_tree["en"])
    questionnaire = make_questionnaire(page, [single("Q1", "Agree?", [("y", "Yes")])])
    for _n in range(3):
        assert answer(Client(), questionnaire, {"q.Q1": "y"}).status_code == 302
    make_indicator("stakeholders", metric="consultation_respondents",
                   targets=((str(YEAR), 260), (str(YEAR + 1), 260)))
    periods = api(client)["stakeholders"]["periods"]
    assert periods[0]["actual"] == 3
    assert periods[1] == {"period": str(YEAR + 1), "target": 260, "actual": None,
                          "status": None}  # not begun


# Reported figures and their approval ---------------------------------------------------------

def report(indicator, author, value=2, **fields):
    return ReportedFigure.objects.create(
        indicator_key=indicator.translation_key, period=str(YEAR), value=value,
        created_by=author, **fields)


def test_a_reported_figure_counts_only_once_another_editor_approved_it(client, db):
    indicator = make_indicator("meetings", targets=((str(YEAR), 2),), unit="meetings")
    author, approver = staff("author", *EDITOR_PERMS), staff("approver", *EDITOR_PERMS)
    figure = report(indicator, author)
    assert api(client)["meetings"]["periods"][0]["actual"] is None  # draft
    with pytest.raises(ValidationError):
        figures.submit(figure, author)  # no evidence yet
    ReportedFigure.objects.filter(pk=figure.pk).update(evidence_note="Minutes of both meetings")
    figure = figures.submit(figure, author)
    assert api(client)["meetings"]["periods"][0]["actual"] is None  # submitted
    with pytest.raises(PermissionDenied):
        figures.approve(figure, author)  # not one's own
    figure = figures.approve(figure, approver)
    assert figure.status == FigureStatus.APPROVED
    row = api(client)["meetings"]
    assert row["metric"] is None
    assert row["periods"][0] == {"period": str(YEAR), "target": 2, "actual": 2,
                                 "status": "achieved"}
    with pytest.raises(ValidationError):
        figures.approve(figure, approver)  # already decided: nothing changes


def test_a_returned_figure_does_not_count_and_goes_back_to_its_reporter(client, db):
    indicator = make_indicator("smes", targets=((str(YEAR), 30),))
    author, approver = staff("author", *EDITOR_PERMS), staff("approver", *EDITOR_PERMS)
    figure = figures.submit(report(indicator, author, evidence_link="https://example.org/l"),
                            author)
    with pytest.raises(ValidationError):
        figures.return_figure(figure, approver, "  ")
    figure = figures.return_figure(figure, approver, "The list shows 25 SMEs.")
    assert figure.status == FigureStatus.RETURNED
    assert api(client)["smes"]["periods"][0]["actual"] is None
    assert figures.submit(figure, author).status == FigureStatus.SUBMITTED


def test_the_admin_flow_submit_then_approve(client, db):
    indicator = make_indicator("informed", targets=((str(YEAR), 30),))
    author, approver = staff("author", *EDITOR_PERMS), staff("approver", *EDITOR_PERMS)
    client.force_login(author)
    base = "/admin/snippets/monitoring/reportedfigure/"
    response = client.post(f"{base}add/", {
        "indicator": indicator.pk, "period": "2026-H7", "value": "12", "evidence_note": "List"})
    assert response.status_code == 200 and not ReportedFigure.objects.exists()
    response = client.post(f"{base}add/", {
        "indicator": indicator.pk, "period": str(YEAR), "value": "12", "evidence_note": "List"})
    assert response.status_code == 302, response.content.decode()[:3000]
    figure = ReportedFigure.objects.get()
    assert (figure.created_by, figure.indicator_key) == (author, indicator.translation_key)
    client.post(f"{base}{figure.pk}/approve/")  # the admin turns the refusal into a redirect
    assert ReportedFigure.objects.get().status == FigureStatus.DRAFT
    assert client.post(f"{base}{figure.pk}/submit/").status_code == 302
    client.post(f"{base}{figure.pk}/approve/")  # nor once submitted: not one's own
    assert ReportedFigure.objects.get().status == FigureStatus.SUBMITTED
    # Submitted: no longer editable, even by its reporter.
    client.post(f"{base}edit/{figure.pk}/", {
        "indicator": indicator.pk, "period": str(YEAR), "value": "99", "evidence_note": "x"})
    assert ReportedFigure.objects.get().value == 12
    client.force_login(approver)
    assert client.post(f"{base}{figure.pk}/approve/").status_code == 302
    assert api(Client())["informed"]["periods"][0]["actual"] == 12


# The API and the pages -----------------------------------------------------------------------

def test_api_shape_and_language(client, sections):
    make_indicator("members", names={"en": "Members", "el": "Μέλη", "bg": "Членове"},
                   metric="members_per_pillar", unit="members", targets=(("2026-H1", 10),))
    make_indicator("rate", is_percentage=True)
    rows = client.get("/api/indicators/", {"language": "el"}).json()
    assert set(rows[0]) == {"slug", "name", "unit", "metric", "pillar", "periods"}
    assert set(rows[0]["periods"][0]) == {"period", "target", "actual", "status"}
    names = {row["slug"]: row["name"] for row in rows}
    assert names["members"] == "Μέλη"
    assert api(client, lang="en")["members"]["name"] == "Members"
    assert api(client)["members"]["name"] == "Членове"  # the default language
    assert api(client)["rate"]["unit"] == "%"
    bad = client.get("/api/indicators/", {"language": "xx"})
    assert bad.status_code == 400 and "error" in bad.json()
    assert client.post("/api/indicators/").status_code == 405


@pytest.mark.parametrize("code, name, heading", [
    ("bg", "Членове", "Статус"), ("en", "Members", "Status"), ("el", "Μέλη", "Κατάσταση")])
def test_the_impact_page_in_each_language(client, sections, code, name, heading):
    pillar = Pillar.objects.get(slug="textiles", locale__language_code="bg")
    make_member(pillars=[pillar])
    make_indicator("members", names={"en": "Members", "el": "Μέλη", "bg": "Членове"},
                   metric="members_per_pillar", pillar=pillar, targets=((str(YEAR), 20),))
    page = make_page(sections["homes"][code], ImpactPage, title="Impact", slug="impact")
    html = client.get(page.url).content.decode()
    assert f"<h2 id=\"indicator-members-name\">{name}</h2>" in html
    assert "<table" in html and f'<th scope="col">{heading}</th>' in html
    assert '<meter min="0" max="20" value="1">' in html
    assert "<td>1</td>" in html  # the actual, in the table too


def test_the_dashboard_panel(client, db):
    make_indicator("meetings", names={"bg": "Срещи за проследяване"},
                   targets=((str(YEAR), 2),))
    client.force_login(staff("editor", *EDITOR_PERMS))
    html = client.get("/admin/").content.decode()  # the admin in the default language
    panel = html[html.index('id="indicators-section"'):]
    assert "Срещи за проследяване" in panel and f"<td>{YEAR}</td><td>2</td>" in panel
    client.force_login(staff("outsider"))
    assert 'id="indicators-section"' not in client.get("/admin/").content.decode()


def test_the_admin_screens_open_and_list_the_approval_buttons(client, db):
    indicator = make_indicator("informed", targets=((str(YEAR), 30),))
    author, approver = staff("author", *EDITOR_PERMS), staff("approver", *EDITOR_PERMS)
    figures.submit(report(indicator, author, evidence_note="List of participants"), author)
    client.force_login(approver)
    assert client.get("/admin/snippets/monitoring/indicator/add/?locale=bg").status_code == 200
    assert client.get("/admin/snippets/monitoring/reportedfigure/add/").status_code == 200
    listing = client.get("/admin/snippets/monitoring/reportedfigure/").content.decode()
    figure = ReportedFigure.objects.get()
    assert f"/admin/snippets/monitoring/reportedfigure/{figure.pk}/approve/" in listing
    client.force_login(author)  # the reporter sees no approve button on its own figure
    listing = client.get("/admin/snippets/monitoring/reportedfigure/").content.decode()
    assert f"/{figure.pk}/approve/" not in listing
