"""The "Approved members" group editors can restrict pages to, with today's approved members."""

from django.db import migrations

GROUP = "Approved members"  # network.signal_handlers.APPROVED_MEMBERS_GROUP


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Member = apps.get_model("network", "Member")
    group = Group.objects.get_or_create(name=GROUP)[0]
    users = Member.objects.filter(status="approved", user__isnull=False).values_list("user_id", flat=True)
    group.user_set.add(*users)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("network", "0007_import_id_not_editable"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
