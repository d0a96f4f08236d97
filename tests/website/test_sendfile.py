"""Behind nginx (``SENDFILE_NGINX_URL``): the document view checks, nginx sends the file.

The nginx side (an ``internal`` location) runs in ``make scale-rehearsal``; here
the view's answer is checked: the header for those allowed, nothing for others.
"""

import pytest
from wagtail.utils.sendfile import _get_sendfile

from network.choices import Status
from tests.network.factories import make_member
from tests.website.test_documents import CONTENT, body, private_document  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def behind_nginx(settings):
    settings.SENDFILE_NGINX_URL = "/protected-media/"
    settings.SENDFILE_BACKEND = "website.sendfile_nginx"
    _get_sendfile.clear()
    yield
    _get_sendfile.clear()


def test_an_allowed_document_is_handed_to_nginx(client, private_document, behind_nginx):  # noqa: F811
    client.force_login(make_member(status=Status.APPROVED).user)
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{private_document.file.name}"
    assert CONTENT not in body(response)  # nginx sends the bytes
    assert "attachment" in response["Content-Disposition"] or "inline" in response[
        "Content-Disposition"]


def test_a_refused_document_names_no_file(client, private_document, behind_nginx):  # noqa: F811
    response = client.get(private_document.url)
    assert response.status_code == 302
    assert "X-Accel-Redirect" not in response
