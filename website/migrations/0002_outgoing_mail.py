import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('website', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='OutgoingMail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('account', 'Account'), ('moderation', 'Moderation'), ('digest', 'Match digest'), ('contact', 'Contact message'), ('errors', 'Error report'), ('other', 'Other (admin notifications)')], db_index=True, max_length=20, verbose_name='kind')),
                ('to', models.JSONField(default=list, verbose_name='to')),
                ('reply_to', models.JSONField(blank=True, default=list, verbose_name='reply to')),
                ('from_email', models.CharField(blank=True, max_length=320, verbose_name='from')),
                ('subject', models.CharField(max_length=255, verbose_name='subject')),
                ('body', models.TextField(blank=True, verbose_name='text')),
                ('html', models.TextField(blank=True, verbose_name='HTML')),
                ('language', models.CharField(blank=True, max_length=10, verbose_name='language')),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed (gave up)')], db_index=True, default='queued', max_length=10, verbose_name='status')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('next_attempt_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='next attempt')),
                ('claimed_at', models.DateTimeField(blank=True, null=True, verbose_name='sending since')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
            ],
            options={
                'verbose_name': 'outgoing mail',
                'verbose_name_plural': 'outgoing mail',
                'ordering': ['-created_at', '-pk'],
            },
        ),
    ]
