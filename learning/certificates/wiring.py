"""Connects certificates to the rest of the site (called from ``LearningConfig.ready``)."""

from django.db.models.signals import pre_delete


def _certificate_deleted(instance, **_kwargs):
    from learning.certificates.issuing import revoke_entries_of_deleted

    revoke_entries_of_deleted(instance)


def connect():
    from learning.certificates.dashboard import certificates_panel
    from learning.certificates.holders import certificate_credentials
    from learning.certificates.issuing import issue_after_completion
    from learning.members import certificates_data
    from learning.signals import programme_completed
    from search.registry import register_facet_labels
    from website.credentials import register_credentials
    from website.dashboard import register_dashboard_panel
    from website.demo_loader import register_demo_step
    from website.personal_data import register_personal_data

    programme_completed.connect(issue_after_completion, dispatch_uid="learning-certificate")
    pre_delete.connect(_certificate_deleted, sender="learning.Certificate",
                       dispatch_uid="learning-certificate-deleted")
    register_credentials(certificate_credentials)
    register_facet_labels("certificate", certificate_credentials.labels)
    register_dashboard_panel("certificates", certificates_panel, order=22)
    register_personal_data("certificates", certificates_data)
    # After learning's own demo step: it needs the programmes and learners that one makes.
    register_demo_step("learning.certificates.demo.load")
