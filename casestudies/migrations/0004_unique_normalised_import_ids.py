"""Import ids are stored normalised and unique per type (``website.importing.ids``).

Existing ids are normalised first; where two rows of one type then share an id,
the first (live, then oldest) keeps it and the others get "<id>-duplicate-<pk>".
"""

from django.db import migrations, models

from website.importing.ids import normalise_stored_ids


def normalise(apps, schema_editor):
    for name in ('CaseStudyPage', 'ToolPage'):
        normalise_stored_ids(apps.get_model("casestudies", name))


class Migration(migrations.Migration):

    dependencies = [
        ("casestudies", "0003_case_study_members"),
    ]

    operations = [
        migrations.RunPython(normalise, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='casestudypage',
            constraint=models.UniqueConstraint(condition=models.Q(('import_id', ''), _negated=True), fields=('import_id',), name='casestudies_casestudypage_unique_import_id'),
        ),
        migrations.AddConstraint(
            model_name='toolpage',
            constraint=models.UniqueConstraint(condition=models.Q(('import_id', ''), _negated=True), fields=('import_id',), name='casestudies_toolpage_unique_import_id'),
        ),
    ]
