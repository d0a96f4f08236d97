import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and sweeps keep their counters in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(site_tree):
    return site_tree["en"]


@pytest.fixture
def surveys(home):
    from tests.monitoring.builders import make_survey_index

    return make_survey_index(home)


@pytest.fixture
def editor(db):
    """A staff account with the monitoring permissions the migration gives Editors."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    user.is_staff = True
    user.save()
    codenames = ["access_admin", "view_response", "add_invitation", "view_invitation",
                 "view_consultationcomment", "change_consultationcomment",
                 "delete_consultationcomment"]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
