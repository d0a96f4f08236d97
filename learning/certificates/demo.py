"""Demo certificates (a ``load_demo_content`` step, after learning's own demo step).

Makes sure the signing key exists (the demo loader is part of set-up), issues
the certificates of any demo completion still without one, and certifies the
demo consultant Мария Петрова in the circular-economy programme, so that a
certificate shows on a demo profile, in the directory and in search, and its
QR link can be verified. Idempotent: a second run issues nothing new.
"""

from django.apps import apps
from django.utils import timezone

from learning.completion import rule_of

CERTIFIED_MEMBER = "m-demo-maria-petrova"
TITLES = {"bg": "Сертифициран експерт по кръгова икономика",
          "en": "Certified circular-economy expert",
          "el": "Πιστοποιημένος εμπειρογνώμονας κυκλικής οικονομίας"}


def circular_programme():
    """The cluster's circular-economy programme (the default language's page), else any."""
    from django.conf import settings

    from learning.models import ProgrammePage

    programmes = ProgrammePage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
    return (programmes.filter(topic__slug__icontains="circular").first()
            or programmes.filter(slug__icontains="circular").first()
            or programmes.filter(themes__slug="circular-economy").first()
            or programmes.order_by("path").first())


def certify(member, programme):
    """Enrol ``member``, record the completion the programme's rule asks for, issue."""
    from learning.certificates.issuing import issue
    from learning.completion import evaluate
    from learning.enrolment import enrol
    from learning.models import Completion

    enrolment, _created = enrol(programme, member)
    if hasattr(enrolment, "completion"):
        return issue(enrolment.completion), False
    parts = [{**part, "met": True} for part in evaluate(enrolment)] or [
        {"requirement": "lessons", "done": 0, "required": 0, "met": True}]
    completion = Completion.objects.create(
        enrolment=enrolment, completed_at=timezone.now(), reasons=parts,
        rule=rule_of(programme))
    return issue(completion), True


def name_certificates(programme):
    """Give the programme (and its translations) a certificate title where it has none."""
    for page in programme.get_translations(inclusive=True).specific():
        title = TITLES.get(page.locale.language_code)
        if title and not page.certificate_title and page.live:
            page.certificate_title = title
            page.save_revision().publish()


def load(log=print):
    from learning.certificates.keys import create_key_file
    from learning.certificates.sweep import issue_missing
    from learning.models import Certificate

    path, created = create_key_file()
    if created:
        log(f"  certificate signing key created at {path}")
    count = issue_missing()
    member = apps.get_model("network", "Member").objects.filter(import_id=CERTIFIED_MEMBER).first()
    programme = circular_programme()
    if member is None or programme is None:
        log("  no demo member or programme to certify; skipped")
        return count
    name_certificates(programme)
    if not Certificate.objects.filter(learner=member).exists():
        certificate, _made = certify(member, programme)
        log(f"  certificate {certificate.code} for {member.name}: "
            f"/certificates/{certificate.code}/")
        count += 1
    return count
