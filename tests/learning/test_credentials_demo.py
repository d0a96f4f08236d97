"""The demo steps of certificates and mentoring, on the demo members they name."""

import pytest

from learning.certificates import demo as certificates_demo
from learning.mentoring import demo as mentoring_demo
from learning.models import Certificate, MentoringRequest, RequestState
from tests.factories import translate
from tests.learning.builders import make_programme
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db


def test_the_demo_certifies_the_consultant_and_gives_her_a_waiting_request(
        client, index, settings, tmp_path):
    settings.CERTIFICATE_SIGNING_KEY = str(tmp_path / "demo-key.pem")
    programme = make_programme(index["bg"], title="Експерт по кръгова икономика",
                               slug="circular-economy-expert")
    translate(programme, "en", title="Circular-economy expert")
    consultant = make_member(name="Мария Петрова", import_id="m-demo-maria-petrova",
                             with_user=False)
    make_member(name="Втора кройка", import_id="m-demo-vtora-kroika", with_user=False)

    assert certificates_demo.load(log=lambda *_: None) == 1
    assert mentoring_demo.load(log=lambda *_: None) == 2
    certificate = Certificate.objects.get(learner=consultant)
    assert (tmp_path / "demo-key.pem").exists()
    [request] = MentoringRequest.objects.all()
    assert request.state == RequestState.REQUESTED
    assert request.mentor.member == consultant

    html = client.get(consultant.get_absolute_url().replace("/bg/", "/en/")).content.decode()
    assert "Certified circular-economy expert" in html
    verified = client.get(f"/en/certificates/{certificate.code}/").content.decode()
    assert "Valid certificate" in verified

    # A second run changes nothing.
    assert certificates_demo.load(log=lambda *_: None) == 0
    assert mentoring_demo.load(log=lambda *_: None) == 0
    assert Certificate.objects.count() == 1 and MentoringRequest.objects.count() == 1
