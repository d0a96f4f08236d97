"""Publishing a consultation with its result mails it; deleting a questionnaire drops its answers.

The result is mailed from ``page_published``, inside the publishing
transaction, so the queued mails and the "told" records commit with the
revision (``monitoring.consultations.mail_result``, once per address).

Answers, invitations and comments belong to a translation group, not to one
page: they go when the last language version of their questionnaire or
consultation is deleted, as a Wagtail form page's submissions go with it.
"""

from django.db.models.signals import post_delete
from wagtail.signals import page_published

from monitoring.models import (
    ConsultationComment,
    ConsultationPage,
    Invitation,
    QuestionnairePage,
    Response,
    ResultNotice,
)


def on_published(sender, instance, **kwargs):
    from monitoring.consultations import mail_result

    mail_result(instance.specific)


def on_questionnaire_deleted(sender, instance, **kwargs):
    key = instance.translation_key
    if not QuestionnairePage.objects.filter(translation_key=key).exists():
        Response.objects.filter(questionnaire_key=key).delete()
        Invitation.objects.filter(questionnaire_key=key).delete()


def on_consultation_deleted(sender, instance, **kwargs):
    key = instance.translation_key
    if not ConsultationPage.objects.filter(translation_key=key).exists():
        ConsultationComment.objects.filter(consultation_key=key).delete()
        ResultNotice.objects.filter(consultation_key=key).delete()


def register_signal_handlers():
    page_published.connect(on_published, sender=ConsultationPage,
                           dispatch_uid="monitoring-consultation-published")
    post_delete.connect(on_questionnaire_deleted, sender=QuestionnairePage,
                        dispatch_uid="monitoring-questionnaire-deleted")
    post_delete.connect(on_consultation_deleted, sender=ConsultationPage,
                        dispatch_uid="monitoring-consultation-deleted")
