"""Builders for the network tests: keyword arguments in, saved objects out."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from network.choices import ActivityKind, PostCategory, PostKind, Status
from network.models import B2BPost, Member, MemberActivity, MemberDirectoryPage, Network
from tests.factories import make_page
from website.models import Country, Pillar, Region, ThematicPriority

_counter = itertools.count(1)


def default_locale():
    return Locale.objects.get_or_create(language_code="bg")[0]


PASSWORD = "a-Long-passw0rd!"


def make_user(email=None, password=PASSWORD, verified=True):
    from allauth.account.models import EmailAddress

    email = email or f"user{next(_counter)}@example.org"
    user = get_user_model().objects.create_user(username=email, email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def make_member(user=None, status=Status.APPROVED, listed=True, with_user=True, pillars=(),
                **fields):
    if user is None and with_user:
        user = make_user()
    fields.setdefault("name", f"Member {next(_counter)}")
    member = Member.objects.create(user=user, status=status, listed=listed, **fields)
    if pillars:
        member.pillars.set(pillars)
    return member


def make_post(member=None, kind=PostKind.OFFER, status=Status.APPROVED, **fields):
    member = member or make_member()
    fields.setdefault("title", f"Post {next(_counter)}")
    fields.setdefault("description", "Some material")
    fields.setdefault("category", PostCategory.TEXTILE_OFFCUTS)
    fields.setdefault("valid_until", timezone.localdate() + dt.timedelta(days=30))
    return B2BPost.objects.create(member=member, kind=kind, status=status, **fields)


def make_activity(member=None, status=Status.APPROVED, **fields):
    member = member or make_member()
    start = fields.pop("start", timezone.now() + dt.timedelta(days=7))
    fields.setdefault("title", f"Event {next(_counter)}")
    fields.setdefault("summary", "An event")
    fields.setdefault("kind", ActivityKind.EVENT)
    fields.setdefault("place", "Sofia")
    return MemberActivity.objects.create(
        member=member, status=status, start=start,
        end=fields.pop("end", start + dt.timedelta(hours=2)), **fields,
    )


def make_pillar(slug="textiles", name="Textiles", target=20):
    return Pillar.objects.get_or_create(
        slug=slug, locale=default_locale(), defaults={"name": name, "membership_target": target}
    )[0]


def make_region(slug="south-west", name="South-West"):
    return Region.objects.get_or_create(slug=slug, locale=default_locale(), defaults={"name": name})[0]


def make_country(code="BG", name="Bulgaria"):
    return Country.objects.get_or_create(code=code, locale=default_locale(), defaults={"name": name})[0]


def make_theme(slug="circular-economy", name="Circular economy"):
    return ThematicPriority.objects.get_or_create(
        slug=slug, locale=default_locale(), defaults={"name": name}
    )[0]


def make_network(**fields):
    fields.setdefault("name", f"Group {next(_counter)}")
    fields.setdefault("slug", f"group-{next(_counter)}")
    fields.setdefault("kind", "working-group")
    return Network.objects.create(**fields)


def make_directory(home):
    return make_page(home, MemberDirectoryPage, title="Members", slug="members")


def submit(client, url, data, **extra):
    """Post a form as a browser does: load the page, then send the form with its one-time token."""
    form = client.get(url).context["form"]
    data = dict(data)
    if "submission_token" in form.fields:
        data["submission_token"] = form["submission_token"].value()
    return client.post(url, data, **extra)
