"""One programme per import id (a migration of its own: PostgreSQL cannot index a table with
the data migration's pending trigger events in the same transaction)."""


from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0006_normalise_programme_import_ids'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('wagtailimages', '0027_image_description'),
        ('website', '0004_content_generation'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='programmepage',
            name='import_id',
            field=models.CharField(blank=True, db_index=True, editable=False, help_text='Stable id from an import file; re-importing that id updates this page.', max_length=120, verbose_name='external id'),
        ),
        migrations.AddConstraint(
            model_name='programmepage',
            constraint=models.UniqueConstraint(condition=models.Q(('import_id', ''), _negated=True), fields=('import_id',), name='learning_programmepage_unique_import_id'),
        ),
    ]
