"""One page per type and import id (a separate migration: PostgreSQL cannot index a
table with the data migration's pending trigger events in the same transaction)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("funding", "0003_normalise_import_ids"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='fundingcallpage',
            constraint=models.UniqueConstraint(condition=models.Q(('import_id', ''), _negated=True), fields=('import_id',), name='funding_fundingcallpage_unique_import_id'),
        ),
        migrations.AddConstraint(
            model_name='policypage',
            constraint=models.UniqueConstraint(condition=models.Q(('import_id', ''), _negated=True), fields=('import_id',), name='funding_policypage_unique_import_id'),
        ),
    ]
