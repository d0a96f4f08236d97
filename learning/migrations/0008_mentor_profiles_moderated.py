"""Mentor profiles become ``Moderated``; the profiles that exist already are approved.

They were offered to learners before moderation existed (the demo mentor and
the current ones): approving them here keeps them offered, with their creation
as the approval date. New profiles wait for an editor from now on.
"""

import django.core.serializers.json
from django.db import migrations, models
from django.db.models import F


def approve_existing(apps, schema_editor):
    MentorProfile = apps.get_model("learning", "MentorProfile")
    MentorProfile.objects.update(status="approved", approved_at=F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0007_unique_programme_import_ids'),
    ]

    operations = [
        migrations.AddField(
            model_name='mentorprofile',
            name='approved_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='approved'),
        ),
        migrations.AddField(
            model_name='mentorprofile',
            name='pending_changes',
            field=models.JSONField(blank=True, editable=False, encoder=django.core.serializers.json.DjangoJSONEncoder, null=True, verbose_name='changes waiting for approval'),
        ),
        migrations.AddField(
            model_name='mentorprofile',
            name='rejection_reason',
            field=models.TextField(blank=True, verbose_name='reason for rejection'),
        ),
        migrations.AddField(
            model_name='mentorprofile',
            name='status',
            field=models.CharField(choices=[('pending', 'Pending approval'), ('approved', 'Approved'), ('rejected', 'Rejected')], db_index=True, default='pending', max_length=10, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='mentorprofile',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When the member last sent it (or changes to it) for approval.', null=True, verbose_name='submitted'),
        ),
        migrations.RunPython(approve_existing, migrations.RunPython.noop),
    ]
