"""Error reports to ``ADMINS`` that never hold up the failing request.

Django's ``AdminEmailHandler`` talks to the mail server inside the request that
failed: with the server down, every 500 would also wait for a connection
timeout. ``QueuedAdminEmailHandler`` puts the report in the outgoing-mail queue
instead. When the database is what failed (so the report cannot be stored) it
sends directly, with a short timeout and errors swallowed.

Logging is configured before the apps are loaded, so this module imports the
mail queue only when a report is sent.
"""

from email.utils import formataddr

from django.conf import settings
from django.core.mail import mail_admins
from django.utils.log import AdminEmailHandler

DIRECT_TIMEOUT = 5


class QueuedAdminEmailHandler(AdminEmailHandler):
    def send_mail(self, subject, message, *args, **kwargs):
        if not settings.ADMINS:
            return
        from website.mail import delivery_connection, queue_mail
        from website.models import MailKind

        html = kwargs.get("html_message") or ""
        try:
            queue_mail(
                MailKind.ERRORS,
                [formataddr((name if name != address else "", address))
                 for name, address in settings.ADMINS],
                f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
                message,
                html=html,
                from_email=settings.SERVER_EMAIL,
            )
        except Exception:  # noqa: BLE001 - the database may be the fault: send it directly
            connection = delivery_connection(fail_silently=True, timeout=DIRECT_TIMEOUT)
            mail_admins(subject, message, connection=connection, html_message=html or None)
