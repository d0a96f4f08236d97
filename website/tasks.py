"""Background work of the site package: sending the stored outgoing mail."""

from django_tasks import task


@task()
def send_outgoing_mail(mail_id):
    """Send one stored e-mail (``website.mail.deliver``); failures stay in the row."""
    from website.mail import deliver

    return deliver(mail_id)


@task()
def send_due_mail():
    """Send every stored e-mail that is due, e.g. after the mail server came back."""
    from website.mail import send_due

    return send_due()
