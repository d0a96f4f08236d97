"""Wagtail's Editors and Moderators groups may see and moderate mentor profiles in the admin.

Approving and rejecting need the "change" permission of ``MentorProfile``
(``website.moderation``: whoever has it is counted the queue on the dashboard
and in the digest); "view" opens the listing. The permissions are created here
first: on a fresh database Django creates permissions only after every
migration has run. Groups that an installation has removed are left out.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Editors", "Moderators")
CODENAMES = ("change_mentorprofile", "view_mentorprofile")


def permissions(apps):
    config = apps.get_app_config("learning")
    config.models_module = True  # historical apps have none; create_permissions needs one
    create_permissions(config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="learning", codename__in=CODENAMES)


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
        ("learning", "0008_mentor_profiles_moderated"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
