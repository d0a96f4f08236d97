import django.db.models.deletion
from django.db import migrations, models


def move_deliveries_to_outgoing_mail(apps, schema_editor):
    """Give each stored message a row in the shared mail queue, keeping its delivery state.

    Unsent messages are queued again with a fresh set of attempts, their text
    being the message as written.
    """
    ContactMessage = apps.get_model("network", "ContactMessage")
    OutgoingMail = apps.get_model("website", "OutgoingMail")
    for message in ContactMessage.objects.select_related("recipient__user").iterator():
        recipient = message.recipient
        address = recipient.contact_email or (recipient.user.email if recipient.user_id else "")
        sent = message.status == "sent"
        message.mail = OutgoingMail.objects.create(
            kind="contact",
            to=[address] if address else [],
            reply_to=[message.sender_email],
            subject=" ".join(f"[Competence Hub] {message.subject}".split())[:200],
            body="" if sent else message.body,
            status="sent" if sent else ("queued" if address else "failed"),
            last_error="" if address else "recipient has no address",
            sent_at=message.sent_at,
        )
        message.save(update_fields=["mail"])


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0002_members_posts_events_groups'),
        ('website', '0002_outgoing_mail'),
    ]

    operations = [
        migrations.AddField(
            model_name='contactmessage',
            name='forwarded',
            field=models.BooleanField(default=False, verbose_name='sent to the centre to forward'),
        ),
        migrations.AddField(
            model_name='contactmessage',
            name='mail',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contact_message', to='website.outgoingmail', verbose_name='e-mail'),
        ),
        migrations.AddField(
            model_name='member',
            name='language',
            field=models.CharField(blank=True, choices=[('bg', 'Български'), ('en', 'English'), ('el', 'Ελληνικά')], help_text="The site's language when the member last saved the profile.", max_length=10, verbose_name='language for e-mails'),
        ),
        migrations.RunPython(move_deliveries_to_outgoing_mail, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='contactmessage',
            name='attempts',
        ),
        migrations.RemoveField(
            model_name='contactmessage',
            name='last_error',
        ),
        migrations.RemoveField(
            model_name='contactmessage',
            name='sent_at',
        ),
        migrations.RemoveField(
            model_name='contactmessage',
            name='status',
        ),
    ]
