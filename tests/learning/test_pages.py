"""The page tree of learning, the programme and lesson pages, the index filters."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.test.utils import WagtailPageTestCase

from learning.models import LessonPage, ModulePage, ProgrammeIndexPage, ProgrammePage
from tests.factories import translate
from tests.learning.builders import (
    build_index,
    make_lesson,
    make_module,
    make_programme,
    make_session,
    two_question_quiz,
)
from website.models import HomePage, StandardPage


class TestLearningPageTree(WagtailPageTestCase):
    def test_programmes_go_under_the_index_and_lessons_under_programmes_or_modules(self):
        self.assertCanCreateAt(HomePage, ProgrammeIndexPage)
        self.assertCanCreateAt(ProgrammeIndexPage, ProgrammePage)
        self.assertCanCreateAt(ProgrammePage, ModulePage)
        self.assertCanCreateAt(ProgrammePage, LessonPage)
        self.assertCanCreateAt(ModulePage, LessonPage)
        self.assertCanNotCreateAt(StandardPage, ProgrammePage)
        self.assertCanNotCreateAt(LessonPage, LessonPage)
        self.assertCanNotCreateAt(ModulePage, ModulePage)

    def test_allowed_types(self):
        self.assertAllowedParentPageTypes(ProgrammePage, {ProgrammeIndexPage})
        self.assertAllowedParentPageTypes(ModulePage, {ProgrammePage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage, ProgrammePage})
        self.assertAllowedSubpageTypes(ProgrammeIndexPage, {ProgrammePage})
        self.assertAllowedSubpageTypes(ProgrammePage, {ModulePage, LessonPage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_an_editor_adds_a_programme_under_the_index(self):
        index = build_index()["bg"]
        self.login()
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

        data = nested_form_data({
            "title": "Дигитален маркетинг", "slug": "digital-marketing",
            "summary": "", "level": "start-up", "format": "online", "teaching_language": "",
            "duration_hours": "12", "learning_outcomes": "", "prerequisites": "",
            "require_lessons": "on", "require_quizzes": "on", "min_attendance_percent": "0",
            "min_mentoring_hours": "0", "body": streamfield([]), "facilitators": inline_formset([]),
            "related_links": inline_formset([]), "tags": "", "external_url": "",
        })
        self.assertCanCreate(index, ProgrammePage, data)
        assert ProgrammePage.objects.get().duration_hours == 12


@pytest.mark.django_db
def test_a_rule_without_parts_is_refused(index):
    page = ProgrammePage(title="x", slug="x", require_lessons=False, require_quizzes=False)
    with translation.override("en"), pytest.raises(ValidationError, match="at least one part"):
        page.clean()


@pytest.mark.django_db
@pytest.mark.parametrize("language, words", [
    ("bg", ["Ниво", "Формат", "Занятия", "Модули и уроци"]),
    ("en", ["Level", "Format", "Sessions", "Modules and lessons"]),
    ("el", ["Επίπεδο", "Μορφή", "Συναντήσεις", "Ενότητες και μαθήματα"]),
])
def test_programme_page_in_three_languages(client, index, language, words):
    programme = make_programme(index["bg"], title="Въздействие", slug="impact",
                               duration_hours=12, level="advanced")
    make_lesson(make_module(programme), [two_question_quiz()])
    make_session(programme)
    page = programme if language == "bg" else translate(programme, language, title="Impact")
    html = client.get(page.url).content.decode()
    for word in words:
        assert word in html, word


@pytest.mark.django_db
def test_the_lesson_page_answers_through_its_own_route(client, index):
    """The fast routing path used to serve routable pages without their route's view."""
    programme = make_programme(index["bg"], slug="impact")
    lesson = make_lesson(programme, [two_question_quiz()], slug="first")
    html = client.get(lesson.url).content.decode()
    assert '<section class="quiz"' in html
    assert "<fieldset" in html and "<legend>" in html


@pytest.mark.django_db
def test_the_quiz_never_shows_which_answers_are_correct(client, index):
    lesson = make_lesson(make_programme(index["bg"]), [two_question_quiz()])
    html = client.get(lesson.url).content.decode()
    assert "Yes: start from their needs." not in html  # feedback only after answering
    assert "correct" not in html.lower()


@pytest.mark.django_db
def test_index_filters_by_level_and_format(client, index):
    make_programme(index["bg"], title="Старт", level="start-up", format="online")
    make_programme(index["bg"], title="Напреднали", level="advanced", format="blended")
    html = client.get(index["bg"].url, {"level": "advanced"}).content.decode()
    assert "Напреднали" in html and "Старт" not in html
    html = client.get(index["bg"].url, {"format": "online"}).content.decode()
    assert "Старт" in html and "Напреднали" not in html


@pytest.mark.django_db
def test_programmes_appear_on_their_pillar_page(client, index):
    from tests.importing.builders import build_taxonomy
    from website.models import Pillar

    build_taxonomy()
    programme = make_programme(index["bg"], title="Текстил в кръг")
    programme.pillars = [Pillar.objects.get(slug="textiles", locale=programme.locale)]
    programme.save_revision().publish()
    html = client.get("/bg/network/pillars/textiles/").content.decode()
    assert "Текстил в кръг" in html
