"""Builders for the certificate and mentoring tests: a signing key, completed learners."""

from django.utils import timezone

from learning.completion import rule_of
from learning.models import Completion, Enrolment
from tests.learning.builders import make_programme
from tests.network.factories import make_member


def use_new_signing_key(settings, folder, name="signing-key.pem"):
    """A fresh Ed25519 key file of the test's own (never the developer's key)."""
    from learning.certificates.keys import create_key_file

    path = folder / name
    settings.CERTIFICATE_SIGNING_KEY = str(path)
    create_key_file(path)
    return path


def completed_enrolment(programme, learner=None, completed_at=None, **member_fields):
    learner = learner or make_member(**{"name": "Мария Иванова", **member_fields})
    enrolment = Enrolment.objects.create(learner=learner, programme=programme)
    completion = Completion.objects.create(
        enrolment=enrolment, completed_at=completed_at or timezone.now(),
        reasons=[{"requirement": "lessons", "done": 3, "required": 3, "met": True}],
        rule=rule_of(programme))
    return completion


def issued_certificate(index, learner=None, programme=None, completed_at=None, **programme_fields):
    from learning.certificates.issuing import issue

    programme = programme or make_programme(index["bg"], **{
        "title": "Експерт по кръгова икономика", "slug": "circular-expert",
        "certificate_title": "Сертифициран експерт по кръгова икономика", **programme_fields})
    return issue(completed_enrolment(programme, learner, completed_at))
