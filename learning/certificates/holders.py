"""Certificates as credentials members hold (``website.credentials``): profile, directory, search.

A credential's value is the programme's translation key (one value for all
its translations); its label is the programme's certificate title ("Certified
circular-economy expert") in the wanted language. Only current certificates
count: not revoked, not expired. Only public members' certificates make a
directory choice, like everything else the directory shows.
"""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from learning.certificates.credential import certificate_title
from website.choices import Status
from website.credentials import Holding


def current(queryset, now=None):
    now = now or timezone.now()
    return queryset.filter(revoked_at__isnull=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=now))


def _titles(programmes, language):
    """programme key -> certificate title in ``language`` (the source's when untranslated)."""
    from learning.models import ProgrammePage

    locale = Locale.objects.filter(language_code=language).first()
    keys = {programme.translation_key for programme in programmes}
    local = {page.translation_key: page for page in ProgrammePage.objects.live().filter(
        translation_key__in=keys, locale=locale)} if locale else {}
    return {programme.translation_key: certificate_title(local.get(programme.translation_key,
                                                                   programme))
            for programme in programmes}


class CertificateCredentials:
    def holdings(self, member):
        from learning.models import Certificate

        certificates = list(current(Certificate.objects.filter(learner=member))
                            .select_related("programme").order_by("-valid_from"))
        if not certificates:
            return []
        programmes = [certificate.programme for certificate in certificates]
        active = _titles(programmes, translation.get_language() or settings.LANGUAGE_CODE)
        every = [_titles(programmes, code) for code, _name in settings.LANGUAGES]
        return [
            Holding(value=str(certificate.programme_key),
                    label=active[certificate.programme_key],
                    url=reverse("certificate_page", kwargs={"code": certificate.code}),
                    since=certificate.valid_from,
                    until=certificate.valid_until,
                    all_labels=tuple(sorted({titles[certificate.programme_key]
                                             for titles in every})))
            for certificate in certificates
        ]

    def choices(self):
        from learning.models import Certificate, ProgrammePage

        keys = set(current(Certificate.objects.filter(
            learner__status=Status.APPROVED, learner__listed=True))
            .order_by().values_list("programme_key", flat=True).distinct())
        if not keys:
            return []
        sources = _one_per_key(ProgrammePage.objects.filter(translation_key__in=keys))
        titles = _titles(sources, translation.get_language() or settings.LANGUAGE_CODE)
        return sorted(((str(key), label) for key, label in titles.items()),
                      key=lambda choice: choice[1].lower())

    def holders(self, value=None):
        from learning.models import Certificate

        certificates = current(Certificate.objects.all())
        if value is not None:
            certificates = certificates.filter(programme_key=value)
        return certificates.values("learner_id")

    def labels(self, values, language):
        from learning.models import ProgrammePage

        sources = _one_per_key(ProgrammePage.objects.filter(translation_key__in=[
            value for value in values if _is_uuid(value)]))
        return {str(key): label for key, label in _titles(sources, language).items()}


def _one_per_key(pages):
    """One page per programme (its first translation): a handful of rows, picked in Python."""
    chosen = {}
    for page in pages.order_by("pk"):
        chosen.setdefault(page.translation_key, page)
    return list(chosen.values())


def _is_uuid(value):
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


certificate_credentials = CertificateCredentials()
