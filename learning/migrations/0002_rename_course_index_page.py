# The course index becomes the programme index: the same table and pages, a new name.
# Django's contenttypes app renames the page type's content type after this runs,
# so existing index pages keep their type.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("learning", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RenameModel("CourseIndexPage", "ProgrammeIndexPage"),
        migrations.AlterModelOptions(
            name="programmeindexpage", options={"verbose_name": "programme index"}),
    ]
