"""Import ids are stored normalised and unique per type (``website.importing.ids``).

Existing ids are normalised first; where two rows of one type then share an id,
the first (live, then oldest) keeps it and the others get "<id>-duplicate-<pk>".
"""

from django.db import migrations, models

from website.importing.ids import normalise_stored_ids


def normalise(apps, schema_editor):
    for name in ('PolicyPage', 'FundingCallPage'):
        normalise_stored_ids(apps.get_model("funding", name))


class Migration(migrations.Migration):

    dependencies = [
        ("funding", "0002_policy_call_and_programme"),
    ]

    operations = [
        migrations.RunPython(normalise, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='fundingcallpage',
            constraint=models.UniqueConstraint(condition=models.Q(('import_id', ''), _negated=True), fields=('import_id',), name='funding_fundingcallpage_unique_import_id'),
        ),
        migrations.AddConstraint(
            model_name='policypage',
            constraint=models.UniqueConstraint(condition=models.Q(('import_id', ''), _negated=True), fields=('import_id',), name='funding_policypage_unique_import_id'),
        ),
    ]
