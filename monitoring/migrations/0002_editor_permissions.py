"""Editors and moderators may read answers, invite respondents and moderate comments.

Wagtail's "Editors" and "Moderators" groups (created by its first migrations)
get the monitoring permissions they need; the permissions are created here
first, since Django makes them only after every migration has run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Editors", "Moderators")
CODENAMES = (
    "view_response",
    "view_invitation",
    "add_invitation",
    "view_consultationcomment",
    "change_consultationcomment",
    "delete_consultationcomment",
)


def grant(apps, schema_editor):
    config = apps.get_app_config("monitoring")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    permissions = permission_model.objects.filter(
        content_type__app_label="monitoring", codename__in=CODENAMES)
    for group in group_model.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    group_model = apps.get_model("auth", "Group")
    permissions = permission_model.objects.filter(
        content_type__app_label="monitoring", codename__in=CODENAMES)
    for group in group_model.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
