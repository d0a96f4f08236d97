"""Import ids are stored normalised and unique per type (``website.importing.ids``).

Existing ids are normalised first; where two rows of one type then share an id,
the first (live, then oldest) keeps it and the others get "<id>-duplicate-<pk>".
"""

from django.db import migrations, models

from website.importing.ids import normalise_stored_ids


def normalise(apps, schema_editor):
    for name in ('EventPage',):
        normalise_stored_ids(apps.get_model("network", name))
    normalise_stored_ids(apps.get_model("network", "Member"), empty=None)


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0003_member_logo_upload_limits"),
    ]

    operations = [
        migrations.RunPython(normalise, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='eventpage',
            constraint=models.UniqueConstraint(condition=models.Q(('import_id', ''), _negated=True), fields=('import_id',), name='network_eventpage_unique_import_id'),
        ),
    ]
