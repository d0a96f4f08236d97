"""Response headers: personal pages are never stored by shared caches, every HTML page has a
Content-Security-Policy, and the JSON endpoints answer errors in JSON with their status."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import make_page
from tests.network.factories import make_activity, make_member, make_network, make_post
from website.models import StandardPage

pytestmark = pytest.mark.django_db


def assert_private(response, url):
    cache_control = response.get("Cache-Control", "")
    assert "private" in cache_control and "no-store" in cache_control, (url, cache_control)
    assert "public" not in cache_control, url


def personal_urls(member):
    """Every page that is about one member or account, as its owner opens it."""
    post = make_post(member=member)
    activity = make_activity(member=member)
    other = make_member()
    group = make_network(coordinator=member)
    network = [
        reverse("network:dashboard"), reverse("network:profile_edit"),
        reverse("network:download_data"), reverse("network:delete_account"),
        reverse("network:contact", args=[other.slug]), reverse("network:post_create"),
        reverse("network:post_edit", args=[post.pk]), reverse("network:activity_create"),
        reverse("network:activity_edit", args=[activity.pk]),
        reverse("network:member_detail", args=[member.slug]),
    ]
    posts_only = [  # POST-only views: a GET is refused, still privately
        reverse("network:post_delete", args=[post.pk]),
        reverse("network:activity_delete", args=[activity.pk]),
        reverse("network:group_join", args=[group.slug]),
        reverse("network:group_leave", args=[group.slug]),
    ]
    accounts = [reverse(name) for name in (
        "account_email", "account_change_password", "account_set_password",
        "account_reauthenticate", "account_logout", "mfa_index", "mfa_activate_totp",
        "mfa_view_recovery_codes", "account_login", "account_signup", "account_reset_password",
    )]
    return network + posts_only + accounts


ANONYMOUS_PERSONAL = [
    "account_login", "account_signup", "account_reset_password", "account_reset_password_done",
    "account_email_verification_sent", "account_reset_password_from_key_done",
]


def test_every_personal_page_is_private(client, site_tree):
    member = make_member()
    client.force_login(member.user)
    urls = personal_urls(member)
    for url in urls:
        assert_private(client.get(url), url)
    assert_private(client.get("/en/"), "/en/")  # a public page, for a signed-in member


def test_account_pages_are_private_without_a_session(client, site_tree):
    for name in ANONYMOUS_PERSONAL:
        url = reverse(name)
        assert_private(client.get(url), url)
    for name in ("network:dashboard", "network:download_data", "network:profile_edit"):
        assert_private(client.get(reverse(name)), name)  # the redirect to the login


def test_signing_in_answers_privately(client, site_tree):
    from tests.network.factories import PASSWORD, make_user

    user = make_user()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert_private(response, "login")


def test_public_pages_stay_cacheable_for_visitors_without_a_session(client, site_tree):
    response = client.get("/en/")
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")
    assert "public" in client.get("/robots.txt")["Cache-Control"]


def test_a_page_opened_with_its_password_is_private(client, site_tree):
    page = make_page(site_tree["en"], StandardPage, title="Board", slug="board", intro="Agenda")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="opensesame")
    form = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    answer = client.post(form, {"password": "opensesame", "return_url": "/en/board/"})
    assert_private(answer, form)
    response = client.get("/en/board/")
    assert "Agenda" in response.content.decode()
    assert_private(response, "/en/board/")


CSP_PAGES = ["/en/", "/en/accounts/login/", "/en/accounts/signup/", "/en/search/?q=x",
             "/en/no-such-page/"]


def test_every_html_page_has_a_strict_policy(client, site_tree):
    for url in CSP_PAGES:
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy, url
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
        assert "frame-ancestors 'none'" in policy, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["X-Frame-Options"] == "DENY", url


def test_server_error_page_has_the_policy_and_no_inline_style(site_tree, monkeypatch):
    from website import views

    def broken(request):
        raise RuntimeError("a fault, injected for this test")

    monkeypatch.setattr(views, "sitemaps", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<style" not in html and "style=" not in html
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_admin_has_its_own_policy(admin_client):
    response = admin_client.get("/admin/")
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "unsafe-eval" not in policy


def test_the_map_view_alone_may_load_tiles_from_the_tile_server(client, site_tree, settings):
    from tests.network.factories import make_directory

    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    directory = make_directory(site_tree["en"])
    make_member(name="Placed", latitude=42.7, longitude=23.3)
    listing = client.get(directory.url)
    assert "img-src 'self';" in listing["Content-Security-Policy"] + ";"
    on_map = client.get(directory.url + "?view=map")
    assert "img-src 'self' https://tiles.example.org" in on_map["Content-Security-Policy"]
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in on_map.content.decode()
    settings.MAP_TILE_URL = ""
    plain = client.get(directory.url + "?view=map")
    assert "openstreetmap" not in plain["Content-Security-Policy"]
    assert 'data-tiles=""' in plain.content.decode()


API_ERRORS = [
    ("get", "/api/nothing/", 404),
    ("get", "/api/nothing", 404),
    ("get", "/api/v2/nothing/", 404),
    ("get", "/api/v2/pages/999999/", 404),
    ("get", "/api/search/nothing/", 404),
    ("post", "/api/search/", 405),
    ("post", "/api/search/suggest/", 405),
    ("post", "/api/v2/pages/", 405),
    ("post", "/en/network/members/map.geojson", 405),
]


@pytest.mark.parametrize(("method", "url", "status"), API_ERRORS)
def test_json_endpoints_answer_errors_in_json(client, site_tree, method, url, status):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)


def test_json_endpoints_answer_a_csrf_failure_in_json(site_tree):
    response = Client(enforce_csrf_checks=True).post("/api/search/", {"q": "x"})
    assert response.status_code == 403
    assert json.loads(response.content)["status"] == 403


def test_json_endpoints_answer_a_server_error_in_json(site_tree, monkeypatch):
    """A fault injected into the API's queryset: the 500 is JSON, not the HTML error page."""
    from wagtail.api.v2.views import PagesAPIViewSet

    def broken(self):
        raise RuntimeError("a fault, injected for this test")

    monkeypatch.setattr(PagesAPIViewSet, "get_queryset", broken)
    response = Client(raise_request_exception=False).get("/api/v2/pages/")
    assert response.status_code == 500
    assert json.loads(response.content)["status"] == 500
