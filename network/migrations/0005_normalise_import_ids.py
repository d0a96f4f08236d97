"""Stored import ids normalised (``website.importing.ids``) before they become unique.

Where two rows of one type then share an id, the first (live, then oldest) keeps
it and the others get "<id>-duplicate-<pk>".
"""

from django.db import migrations

from website.importing.ids import normalise_stored_ids


def normalise(apps, schema_editor):
    for name in ('EventPage',):
        normalise_stored_ids(apps.get_model("network", name))
    normalise_stored_ids(apps.get_model("network", "Member"), empty=None)


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0004_member_logo_upload_limits"),
    ]

    operations = [
        migrations.RunPython(normalise, migrations.RunPython.noop),
    ]
