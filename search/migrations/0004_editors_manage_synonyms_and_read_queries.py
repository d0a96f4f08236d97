"""Wagtail's Editors and Moderators groups manage search synonyms and read the query report.

The permissions are created here first: on a fresh database Django creates
permissions only after every migration has run. Groups that an installation
has removed are left out, not created again.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Editors", "Moderators")
CODENAMES = [f"{action}_synonymgroup" for action in ("add", "change", "delete", "view")] + [
    "view_querylogentry"
]


def permissions(apps):
    config = apps.get_app_config("search")
    config.models_module = True  # historical apps have none; create_permissions needs one
    create_permissions(config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="search", codename__in=CODENAMES)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    granted = list(permissions(apps))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*granted)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    revoked = list(permissions(apps))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*revoked)


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
        ("search", "0003_synonyms_and_query_log"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
