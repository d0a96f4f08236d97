"""Stored programme import ids normalised (``website.importing.ids``) before they become unique,
as the other curated page types did: where two programmes then share an id, the first (live,
then oldest) keeps it and the others get "<id>-duplicate-<pk>".
"""

from django.db import migrations

from website.importing.ids import normalise_stored_ids


def normalise(apps, schema_editor):
    normalise_stored_ids(apps.get_model("learning", "ProgrammePage"))


class Migration(migrations.Migration):

    dependencies = [
        ("learning", "0005_certificates_and_mentoring"),
    ]

    operations = [
        migrations.RunPython(normalise, migrations.RunPython.noop),
    ]
