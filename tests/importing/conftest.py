import pytest

from tests.importing.builders import build_sections, build_taxonomy


@pytest.fixture
def sections(db):
    """Home pages and the four curated sections in bg, en and el, plus a small taxonomy."""
    homes, sections = build_sections()
    build_taxonomy()
    return {"homes": homes, **sections}


@pytest.fixture(autouse=True)
def english_messages():
    """Assertions below read the English messages; the site's default language is Bulgarian."""
    from django.utils import translation

    with translation.override("en"):
        yield
