"""Admin taxonomy pickers: one choice per concept, labelled in the editor's language.

Every term exists in bg, en and el. The edit view of a page in each language
(rendered through the admin as a superuser) offers each concept once, as the
term of the page's own language, and saving through the view links those terms.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from casestudies.models import CaseStudyPage
from network.models import Member
from tests.importing.builders import case_study, import_records, term
from tests.network.factories import make_member
from website.models import Country, Pillar, Region, SocialInnovationCriterion, ThematicPriority

pytestmark = pytest.mark.django_db

NAMES = {"bg": "Кръгова икономика", "en": "Circular economy", "el": "Κυκλική οικονομία"}


@pytest.fixture
def pages(sections):
    """A case study in en with bg and el translations, and a fully translated theme."""
    term(ThematicPriority, "green", {"bg": "Зелен преход", "en": "Green transition",
                                     "el": "Πράσινη μετάβαση"})
    for code, name in NAMES.items():
        ThematicPriority.objects.filter(slug="circular-economy", locale__language_code=code
                                        ).update(name=name)
    import_records(
        case_study(id="cs", language="en", title="Reuse hub"),
        case_study(id="cs-bg", language="bg", translation_of="cs", title="Център"),
        case_study(id="cs-el", language="el", translation_of="cs", title="Κέντρο"),
    )
    return {page.locale.language_code: page
            for page in CaseStudyPage.objects.select_related("locale")}


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)

    def speaking(language):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        return client

    return speaking


def inputs(html, name):
    """(value, label text, checked) of each checkbox called ``name``."""
    found = []
    pattern = rf'<input type="checkbox" name="{name}" value="(\d+)"([^>]*)>\s*([^<]*)'
    for value, attrs, label in re.findall(pattern, html):
        found.append((int(value), label.strip(), "checked" in attrs))
    return found


def options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [(int(v), label.strip()) for v, label in
            re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select)]


@pytest.mark.parametrize("page_language", ["bg", "en", "el"])
@pytest.mark.parametrize("editor_language", ["bg", "en", "el"])
def test_each_theme_is_offered_once_in_the_editors_language(editor, pages, page_language,
                                                            editor_language):
    page = pages[page_language]
    html = editor(editor_language).get(f"/admin/pages/{page.pk}/edit/").content.decode()
    themes = inputs(html, "themes")
    assert len(themes) == ThematicPriority.objects.filter(locale=page.locale).count() == 3
    labels = [label for _pk, label, _checked in themes]
    assert NAMES[editor_language] in labels and len(set(labels)) == 3
    # The values are the terms of the page's own language; the imported link is ticked.
    offered = ThematicPriority.objects.filter(pk__in=[pk for pk, _l, _c in themes])
    assert {t.locale_id for t in offered} == {page.locale_id}
    ticked = {pk for pk, _label, checked in themes if checked}
    assert ticked == {t.pk for t in page.themes.all()}
    for name, model in (("criteria", SocialInnovationCriterion), ("pillars", Pillar)):
        assert len(inputs(html, name)) == model.objects.filter(locale=page.locale).count()
    for name, model in (("countries", Country), ("regions", Region)):
        assert len(options(html, name)) == model.objects.filter(locale=page.locale).count()


def page_form_data(page, **changes):
    """What the edit form posts (the inline panels left empty), with ``changes``."""
    def pks(relation):
        return [term.pk for term in getattr(page, relation).all()]

    data = {
        "title": page.title, "slug": page.slug, "summary": page.summary,
        "organisation": page.organisation, "year": page.year or "", "stage": page.stage,
        "external_url": page.external_url, "challenge": "", "solution": "",
        "funding_sources": "", "lessons_learned": "", "body": streamfield([]),
        "seo_title": "", "search_description": "", "tags": "",
        "comments": inline_formset([]), "impact_indicators": inline_formset([]),
        "related_links": inline_formset([]), "featured_members": inline_formset([]),
        "action-publish": "publish",
    }
    data = nested_form_data(data)
    # Multiple choices are posted as repeated keys (nested_form_data would number them).
    for relation in ("themes", "pillars", "regions", "countries", "criteria"):
        data[relation] = pks(relation)
    data.update(changes)
    return data


def test_saving_links_the_terms_of_the_pages_language(editor, pages):
    """An el page still linked to the bg terms (an older translation copy) is fixed on save."""
    page = pages["el"]
    bg = Locale.objects.get(language_code="bg")
    page.themes = list(ThematicPriority.objects.filter(locale=bg, slug="circular-economy"))
    page.save_revision().publish()
    page.refresh_from_db()

    client = editor("en")
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    ticked = {pk for pk, _label, checked in inputs(html, "themes") if checked}
    el_circular = ThematicPriority.objects.get(slug="circular-economy", locale=page.locale)
    assert ticked == {el_circular.pk}  # the bg link shows as its concept's el choice

    green = ThematicPriority.objects.get(slug="green", locale=page.locale)
    data = page_form_data(page, themes=[el_circular.pk, green.pk])
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(pk=page.pk).specific
    assert {(t.slug, t.locale_id) for t in page.themes.all()} == {
        ("circular-economy", page.locale_id), ("green", page.locale_id)}


def test_a_foreign_term_is_saved_as_its_concept_and_an_unknown_one_refused(editor, pages):
    page = pages["el"]
    client = editor("en")
    bg_green = ThematicPriority.objects.get(slug="green", locale__language_code="bg")
    response = client.post(f"/admin/pages/{page.pk}/edit/",
                           page_form_data(page, themes=[bg_green.pk]))
    assert response.status_code == 302
    saved = Page.objects.get(pk=page.pk).specific.themes.all()
    assert [(t.slug, t.locale_id) for t in saved] == [("green", page.locale_id)]

    response = client.post(f"/admin/pages/{page.pk}/edit/",
                           page_form_data(page, themes=[999999]))
    assert response.status_code == 200
    assert "999999" in response.content.decode()  # "Select a valid choice. 999999 is not ..."
    saved = Page.objects.get(pk=page.pk).specific.themes.all()
    assert [(t.slug, t.locale_id) for t in saved] == [("green", page.locale_id)]


def test_member_admin_offers_each_concept_once(editor, pages):
    member = make_member(name="Hub NGO")
    html = editor("el").get(f"/admin/network/member/edit/{member.pk}/").content.decode()
    for name, model in (("themes", ThematicPriority), ("pillars", Pillar)):
        offered = options(html, name) or [(pk, label) for pk, label, _c in inputs(html, name)]
        assert len(offered) == model.objects.filter(locale__language_code="el").count()
    themes = dict(options(html, "themes") or
                  [(pk, label) for pk, label, _c in inputs(html, "themes")])
    assert NAMES["el"] in themes.values()
    regions = options(html, "region")
    assert len(regions) == Region.objects.filter(locale__language_code="el").count()
    assert Member.objects.filter(pk=member.pk).exists()


def test_a_new_translation_links_the_terms_of_its_own_language(sections):
    """Wagtail's copy (and wagtail-localize, which uses it) copies the source's links."""
    from wagtail_localize.models import TranslationSource

    import_records(case_study(id="cs-solo", language="en", title="Solo practice",
                              themes=["circular-economy"], countries=["BG"]))
    source = CaseStudyPage.objects.get(import_id="cs-solo")
    el, bg = (Locale.objects.get(language_code=code) for code in ("el", "bg"))

    copied = source.copy_for_translation(el)
    copied = CaseStudyPage.objects.get(pk=copied.pk)
    assert {(t.slug, t.locale_id) for t in copied.themes.all()} == {("circular-economy", el.pk)}
    assert {(c.code, c.locale_id) for c in copied.countries.all()} == {("BG", el.pk)}
    assert {t.locale_id for t in copied.criteria.all()} == {el.pk}

    translation_source, _created = TranslationSource.get_or_create_from_instance(source)
    translated, _created = translation_source.create_or_update_translation(bg, fallback=True)
    translated = CaseStudyPage.objects.get(pk=translated.pk)
    assert {(t.slug, t.locale_id) for t in translated.themes.all()} == {("circular-economy", bg.pk)}
    assert translated.get_latest_revision_as_object().themes.get().locale_id == bg.pk


def test_a_translated_criterion_belongs_to_its_own_languages_dimension(sections):
    en, el = (Locale.objects.get(language_code=code) for code in ("en", "el"))
    criterion = SocialInnovationCriterion.objects.get(slug="new-to-context", locale=en)
    SocialInnovationCriterion.objects.filter(slug="new-to-context", locale=el).delete()
    copy = criterion.copy_for_translation(el)
    assert copy.dimension.locale_id == el.pk and copy.dimension.slug == criterion.dimension.slug
