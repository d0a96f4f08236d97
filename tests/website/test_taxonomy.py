import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from website.models import Pillar, ThematicPriority

pytestmark = pytest.mark.django_db


def test_slug_is_unique_within_a_language_only():
    bg = Locale.objects.get_or_create(language_code="bg")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    textiles = Pillar.objects.create(name="Текстил", slug="textiles", locale=bg)
    translation = textiles.copy_for_translation(en)
    translation.name = "Textiles"
    translation.full_clean()
    translation.save()
    clash = Pillar(name="Друг текстил", slug="textiles", locale=bg)
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "slug" in error.value.message_dict


def test_validity_period_must_not_end_before_it_starts():
    bg = Locale.objects.get_or_create(language_code="bg")[0]
    theme = ThematicPriority(
        name="Кръгова икономика", slug="circular-economy", locale=bg,
        valid_from="2026-01-01", valid_until="2025-12-31",
    )
    with pytest.raises(ValidationError) as error:
        theme.full_clean()
    assert "valid_until" in error.value.message_dict


def test_pillar_target_defaults_to_twenty():
    bg = Locale.objects.get_or_create(language_code="bg")[0]
    assert Pillar.objects.create(name="Агро", slug="agri", locale=bg).membership_target == 20
