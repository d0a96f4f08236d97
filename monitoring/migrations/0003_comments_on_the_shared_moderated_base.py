"""Comments on the shared ``Moderated`` base (website.models.moderation).

Existing comments keep their status, reason and approval time (the fields are
the same); ``submitted_at`` is when each was written, so the comments waiting
today are listed oldest first.
"""

import django.core.serializers.json
from django.db import migrations, models


def fill_submitted_at(apps, schema_editor):
    comment = apps.get_model("monitoring", "ConsultationComment")
    comment.objects.filter(submitted_at__isnull=True).update(submitted_at=models.F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('monitoring', '0002_editor_permissions'),
    ]

    operations = [
        migrations.AddField(
            model_name='consultationcomment',
            name='pending_changes',
            field=models.JSONField(blank=True, editable=False, encoder=django.core.serializers.json.DjangoJSONEncoder, null=True, verbose_name='changes waiting for approval'),
        ),
        migrations.AddField(
            model_name='consultationcomment',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When the member last sent it (or changes to it) for approval.', null=True, verbose_name='submitted'),
        ),
        migrations.RunPython(fill_submitted_at, migrations.RunPython.noop),
    ]
