"""The PDF in three scripts (text extracted with pypdf), the learner's own certificate pages, the
editors' ZIP, and certificates on the profile, in the directory and in search.
"""

import io
import zipfile

import pytest
from pypdf import PdfReader

from learning.certificates import issuing
from tests.factories import translate
from tests.learning.builders import make_programme
from tests.learning.certificate_builders import issued_certificate, use_new_signing_key
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def signing_key(settings, tmp_path):
    settings.SITE_URL = "http://testserver"
    return use_new_signing_key(settings, tmp_path)


@pytest.fixture
def programme(index):
    programme = make_programme(
        index["bg"], title="Експерт по кръгова икономика", slug="circular-expert",
        certificate_title="Сертифициран експерт по кръгова икономика",
        certificate_valid_months=24)
    translate(programme, "en", title="Circular-economy expert",
              certificate_title="Certified circular-economy expert")
    translate(programme, "el", title="Εμπειρογνώμονας κυκλικής οικονομίας",
              certificate_title="Πιστοποιημένος εμπειρογνώμονας κυκλικής οικονομίας")
    return programme


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


@pytest.mark.parametrize(("language", "name", "words"), [
    ("bg", "Мария Иванова", ["Сертификат", "Експерт по кръгова икономика",
                             "Сертифициран експерт по кръгова икономика", "валиден до"]),
    ("en", "Maria Ivanova", ["Certificate", "Circular-economy expert",
                             "Certified circular-economy expert", "valid until"]),
    ("el", "Ελένη Παπαδοπούλου", ["Πιστοποιητικό", "Εμπειρογνώμονας κυκλικής οικονομίας",
                                  "Πιστοποιημένος εμπειρογνώμονας κυκλικής οικονομίας"]),
])
def test_the_pdf_reads_in_each_language(client, index, programme, language, name, words):
    learner = make_member(name=name, language=language)
    certificate = issued_certificate(index, learner=learner, programme=programme)
    client.force_login(learner.user)
    response = client.get(f"/{language}/learning/certificates/{certificate.code}.pdf",
                          {"lang": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for word in [name, *words, certificate.code, f"/certificates/{certificate.code}/"]:
        assert word in text, (word, text)


def test_the_learner_sees_only_their_own_certificates(client, index, programme):
    mine = issued_certificate(index, programme=programme,
                              learner=make_member(name="Мария Иванова"))
    theirs = issued_certificate(index, programme=programme,
                                learner=make_member(name="Георги Георгиев"))
    client.force_login(mine.learner.user)
    page = client.get("/en/learning/certificates/").content.decode()
    assert mine.code in page and theirs.code not in page
    assert client.get(f"/en/learning/certificates/{theirs.code}.pdf").status_code == 404
    assert client.get(f"/en/learning/certificates/{mine.code}.pdf").status_code == 200
    client.logout()
    response = client.get(f"/en/learning/certificates/{mine.code}.pdf")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_editors_download_every_certificate_of_a_programme_as_a_zip(client, index, programme,
                                                                   admin_user):
    first = issued_certificate(index, programme=programme, learner=make_member(name="Анна"))
    second = issued_certificate(index, programme=programme, learner=make_member(name="Boris"))
    other = issued_certificate(index, learner=make_member(name="Other"),
                               programme=make_programme(index["bg"], title="Друг курс"))
    client.force_login(admin_user)
    listing = client.get("/admin/learning/certificates/downloads/").content.decode()
    assert "Експерт по кръгова икономика" in listing
    response = client.get(f"/admin/learning/certificates/downloads/{programme.pk}.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    assert len(names) == 2 and all(name.endswith(".pdf") for name in names)
    assert any(first.code in name for name in names)
    assert any(second.code in name for name in names)
    assert not any(other.code in name for name in names)
    assert "Boris" in pdf_text(archive.read(next(n for n in names if second.code in n)))


def test_non_editors_get_no_admin_downloads(client, index, programme):
    certificate = issued_certificate(index, programme=programme)
    client.force_login(certificate.learner.user)
    response = client.get(f"/admin/learning/certificates/{certificate.pk}/pdf/")
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/pdf"


def test_the_profile_shows_the_certificate_while_it_is_current(client, index, programme):
    certificate = issued_certificate(index, programme=programme)
    url = certificate.learner.get_absolute_url()
    html = client.get(url.replace("/bg/", "/en/")).content.decode()
    assert "Certified circular-economy expert" in html
    assert f"/en/certificates/{certificate.code}/" in html
    issuing.revoke(certificate, "Mistake")
    assert "Certified circular-economy expert" not in client.get(
        url.replace("/bg/", "/en/")).content.decode()


def test_the_directory_filters_by_certificate(client, index, programme, site_tree):
    from network.models import MemberDirectoryPage
    from tests.factories import make_page

    directory = make_page(site_tree["bg"], MemberDirectoryPage, title="Членове", slug="members")
    certified = issued_certificate(index, programme=programme,
                                   learner=make_member(name="Сертифицирана Членка")).learner
    make_member(name="Друг Член")
    base = directory.url
    html = client.get(base, {"certificate": str(programme.translation_key)}).content.decode()
    assert certified.name in html and "Друг Член" not in html
    html = client.get(base, {"certificate": "any"}).content.decode()
    assert certified.name in html and "Друг Член" not in html
    assert "Друг Член" in client.get(base).content.decode()


def test_search_finds_certified_members_and_offers_the_facet(client, index, programme,
                                                             django_capture_on_commit_callbacks):
    from search import api
    from search.query import SearchQuery
    from search.sync import process_outbox

    with django_capture_on_commit_callbacks(execute=True):
        certificate = issued_certificate(index, programme=programme,
                                         learner=make_member(name="Петя Стоянова"))
    process_outbox()
    found = api.search(SearchQuery(text="certified circular-economy expert"))
    assert certificate.learner.name in [hit.title for hit in found.results]
    facet = {value.value: value for value in found.facets["certificate"]}
    assert str(programme.translation_key) in facet
    filtered = api.search(SearchQuery(filters={"certificate": (str(programme.translation_key),)}))
    assert [hit.title for hit in filtered.results] == [certificate.learner.name]
    labelled = api.search(SearchQuery(text="Петя"), ui_language="en").facets["certificate"]
    assert labelled[0].label == "Certified circular-economy expert"


def test_the_admin_lists_and_inspects_certificates_and_mentoring(client, index, programme,
                                                                admin_user):
    from learning.mentoring import rules
    from learning.models import MentorProfile

    certificate = issued_certificate(index, programme=programme)
    mentor = MentorProfile.objects.create(member=make_member(name="Ментор"), expertise="x",
                                          languages=["bg"], levels=["start-up"],
                                          status="approved")
    rules.ask(make_member(), mentor, "Help")
    client.force_login(admin_user)
    listing = client.get("/admin/learning/certificates/").content.decode()
    assert certificate.code in listing
    inspect = client.get(f"/admin/learning/certificates/inspect/{certificate.pk}/")
    assert inspect.status_code == 200
    html = inspect.content.decode()
    assert f"/admin/learning/certificates/{certificate.pk}/revoke/" in html
    assert f"/admin/learning/certificates/{certificate.pk}/reissue/" in html
    assert client.get(f"/admin/learning/certificates/{certificate.pk}/pdf/")[
        "Content-Type"] == "application/pdf"
    reissued = client.post(f"/admin/learning/certificates/{certificate.pk}/reissue/")
    assert reissued.status_code == 302
    certificate.refresh_from_db()
    assert certificate.reissue_count == 1
    assert client.get("/admin/learning/certificates/add/").status_code in (302, 403)
    for name in ("mentors", "mentoring-requests"):
        response = client.get(f"/admin/learning/{name}/")
        assert response.status_code == 200, name
