"""One ``Moderated`` base (website.models.moderation): the waiting edit and the submission time.

Existing rows keep their status, reason and approval time. ``submitted_at`` is
filled from when each row was last changed (created, for rows without an
update time), so the items waiting today are listed oldest first.
"""

import django.core.serializers.json
import network.models.members
import website.uploads
from django.db import migrations, models


def fill_submitted_at(apps, schema_editor):
    for name, since in (("Member", "updated_at"), ("B2BPost", "updated_at"),
                        ("MemberActivity", "created_at"), ("NetworkMembership", "created_at")):
        model = apps.get_model("network", name)
        model.objects.filter(submitted_at__isnull=True).update(submitted_at=models.F(since))


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0008_approved_members_group'),
    ]

    operations = [
        migrations.AddField(
            model_name='b2bpost',
            name='pending_changes',
            field=models.JSONField(blank=True, editable=False, encoder=django.core.serializers.json.DjangoJSONEncoder, null=True, verbose_name='changes waiting for approval'),
        ),
        migrations.AddField(
            model_name='b2bpost',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When the member last sent it (or changes to it) for approval.', null=True, verbose_name='submitted'),
        ),
        migrations.AddField(
            model_name='member',
            name='pending_changes',
            field=models.JSONField(blank=True, editable=False, encoder=django.core.serializers.json.DjangoJSONEncoder, null=True, verbose_name='changes waiting for approval'),
        ),
        migrations.AddField(
            model_name='member',
            name='pending_logo',
            field=website.uploads.LimitedImageField(blank=True, editable=False, upload_to=network.models.members.pending_logo_path, verbose_name='logo waiting for approval'),
        ),
        migrations.AddField(
            model_name='member',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When the member last sent it (or changes to it) for approval.', null=True, verbose_name='submitted'),
        ),
        migrations.AddField(
            model_name='memberactivity',
            name='pending_changes',
            field=models.JSONField(blank=True, editable=False, encoder=django.core.serializers.json.DjangoJSONEncoder, null=True, verbose_name='changes waiting for approval'),
        ),
        migrations.AddField(
            model_name='memberactivity',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When the member last sent it (or changes to it) for approval.', null=True, verbose_name='submitted'),
        ),
        migrations.AddField(
            model_name='networkmembership',
            name='approved_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='approved'),
        ),
        migrations.AddField(
            model_name='networkmembership',
            name='pending_changes',
            field=models.JSONField(blank=True, editable=False, encoder=django.core.serializers.json.DjangoJSONEncoder, null=True, verbose_name='changes waiting for approval'),
        ),
        migrations.AddField(
            model_name='networkmembership',
            name='rejection_reason',
            field=models.TextField(blank=True, verbose_name='reason for rejection'),
        ),
        migrations.AddField(
            model_name='networkmembership',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When the member last sent it (or changes to it) for approval.', null=True, verbose_name='submitted'),
        ),
        migrations.AlterField(
            model_name='networkmembership',
            name='status',
            field=models.CharField(choices=[('pending', 'Pending approval'), ('approved', 'Approved'), ('rejected', 'Rejected')], db_index=True, default='pending', max_length=10, verbose_name='status'),
        ),
        migrations.RunPython(fill_submitted_at, migrations.RunPython.noop),
    ]
