"""load_demo_content builds the site once; running it again changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from website.models import (
    Country,
    FooterText,
    HomePage,
    Pillar,
    Region,
    SocialInnovationCriterion,
    SocialInnovationDimension,
    StandardPage,
    ThematicPriority,
)

pytestmark = pytest.mark.django_db

COUNTED = [
    Page, Revision, Site, ThematicPriority, Pillar, Region, Country,
    SocialInnovationDimension, SocialInnovationCriterion, FooterText,
]


def snapshot():
    counts = {model.__name__: model.objects.count() for model in COUNTED}
    counts["users"] = get_user_model().objects.count()
    counts["live"] = Page.objects.live().count()
    return counts


def test_demo_loading_is_idempotent():
    call_command("load_demo_content", verbosity=0)
    first = snapshot()
    call_command("load_demo_content", verbosity=0)
    assert snapshot() == first


def test_demo_builds_taxonomy_pages_and_an_admin(client):
    call_command("load_demo_content", verbosity=0)
    theme_slugs = {
        "combating-poverty", "labour-market", "education-healthcare", "human-rights-inclusion",
        "urban-regeneration", "digital-skills", "circular-economy", "international-cooperation",
    }
    for language in ("bg", "en", "el"):
        themes = ThematicPriority.objects.filter(locale__language_code=language)
        assert set(themes.values_list("slug", flat=True)) == theme_slugs
        pillars = Pillar.objects.filter(locale__language_code=language)
        assert set(pillars.values_list("slug", flat=True)) == {"textiles", "plastics-packaging", "agri"}
        assert all(p.membership_target == 20 for p in pillars)
        regions = set(Region.objects.filter(locale__language_code=language).values_list("slug", flat=True))
        assert {"bg-north-west", "bg-north-central", "bg-north-east", "bg-south-west",
                "bg-south-central", "bg-south-east"} <= regions
        assert SocialInnovationDimension.objects.filter(locale__language_code=language).count() == 5
        assert Country.objects.filter(locale__language_code=language, code="BG").exists()
    # Translations share one translation key and are localised.
    circular = ThematicPriority.objects.get(slug="circular-economy", locale__language_code="bg")
    english = circular.get_translation(circular.locale.__class__.objects.get(language_code="en"))
    assert english.name != circular.name
    # Criteria point to the dimension in their own language.
    for criterion in SocialInnovationCriterion.objects.select_related("dimension", "locale"):
        assert criterion.dimension.locale_id == criterion.locale_id

    homes = HomePage.objects.live()
    assert {home.locale.language_code for home in homes} == {"bg", "en", "el"}
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.locale.language_code == "bg"
    assert StandardPage.objects.live().filter(locale__language_code="el").exists()
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()
    for language in ("bg", "en", "el"):
        html = client.get(f"/{language}/").content.decode()
        assert 'class="main-nav"' in html
        assert "site-footer" in html
    # Every page the demo publishes renders.
    # (A questionnaire by invitation refuses a visitor without a link, with its message.)
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        response = client.get(page.url)
        invited = getattr(page, "mode", None) == "invited"
        assert response.status_code == (403 if invited else 200), page.url
