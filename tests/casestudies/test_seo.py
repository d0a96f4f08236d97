"""Listing counts that say what they count, preview images and share links on detail pages."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from casestudies.models import CaseStudyPage
from tests.importing.builders import case_study, import_records
from tests.website.test_seo import Head

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def results_count(html):
    return re.search(r'<h2 id="results-heading" class="results-count">([^<]*)</h2>', html).group(1)


@pytest.mark.parametrize("language,one,two", [
    ("bg", "1 казус", "2 казуса"),
    ("en", "1 case study", "2 case studies"),
    ("el", "1 μελέτη περίπτωσης", "2 μελέτες περίπτωσης"),
])
def test_the_case_study_count_names_case_studies_in_each_language(
        sections, client, language, one, two):
    url = sections["casestudies"][language].url
    import_records(case_study(id="cs-a", language=language, title="Alpha"))
    assert results_count(get(client, url)) == one
    import_records(case_study(id="cs-b", language=language, title="Beta"))
    assert results_count(get(client, url)) == two


@pytest.mark.parametrize("section,language,text", [
    ("tools", "bg", "0 инструмента"), ("policies", "el", "0 πολιτικές"),
    ("funding", "en", "0 funding calls"),
])
def test_every_curated_section_counts_its_own_kind(sections, client, section, language, text):
    assert results_count(get(client, sections[section][language].url)) == text


def test_a_detail_page_shares_its_canonical_address_without_a_third_party_script(sections, client):
    import_records(case_study())
    page = CaseStudyPage.objects.get(import_id="cs-1")
    html = get(client, page.url)
    canonical = f"http://localhost{page.url}"
    links = dict(re.findall(r'<a (?:class="share-copy" )?href="([^"]+)"[^>]*>([^<]+)</a>', html))
    by_text = {text: href.replace("&amp;", "&") for href, text in links.items()}
    assert by_text["Link to this page"] == canonical
    for name, key in (("LinkedIn", "url"), ("Facebook", "u"), ("X", "url")):
        assert parse_qs(urlsplit(by_text[name]).query)[key] == [canonical], name
    mail = by_text["E-mail"]
    assert mail.startswith("mailto:?") and "Textile%20reuse%20hub" in mail
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', html)
    assert scripts and all(src.startswith("/static/") for src in scripts)


def test_a_page_with_an_image_offers_it_as_a_large_preview(sections, client, settings, tmp_path):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = str(tmp_path / "media")
    buffer = BytesIO()
    PillowImage.new("RGB", (1600, 1000), "green").save(buffer, "PNG")
    picture = get_image_model().objects.create(title="Sorting line",
                                               file=ImageFile(buffer, name="line.png"))
    import_records(case_study())
    page = CaseStudyPage.objects.get(import_id="cs-1")
    page.image = picture
    page.save_revision().publish()
    head = Head(get(client, page.url))
    image = head.one("og:image")
    assert image.startswith("http://localhost/media/images/") and image.endswith(".png")
    assert (head.one("og:image:width"), head.one("og:image:height")) == ("1200", "630")
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("og:type") == "article"
    assert head.one("description") == "Collecting used textiles."
