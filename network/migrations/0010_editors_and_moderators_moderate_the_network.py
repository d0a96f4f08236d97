"""Wagtail's Editors and Moderators groups may open and moderate Network in the admin.

Approving and rejecting need the "change" permission of the item's model; the
contact messages are only viewed. The permissions are created here first: on a
fresh database Django creates permissions only after every migration has run.
Groups that an installation has removed are left out, not created again.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Editors", "Moderators")
MODERATED = ("member", "b2bpost", "memberactivity", "network", "networkmembership")
ACTIONS = ("add", "change", "delete", "view")


def codenames():
    return [f"{action}_{model}" for model in MODERATED for action in ACTIONS] + [
        "view_contactmessage"
    ]


def permissions(apps):
    config = apps.get_app_config("network")
    config.models_module = True  # historical apps have none; create_permissions needs one
    create_permissions(config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="network", codename__in=codenames())


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
        ("network", "0009_moderated_base_and_waiting_edits"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
