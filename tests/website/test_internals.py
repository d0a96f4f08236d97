"""Pins for ``website.internals``, the one module that relies on framework internals.

Each test compares what the module does with what the public API does (or pins
the private behaviour the module relies on), so that a Wagtail, treebeard,
modelcluster, modelsearch or Django upgrade that changes it fails here instead
of corrupting the page tree, leaving pages unindexed or serving the wrong site.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.test import RequestFactory
from modelsearch.signal_handlers import post_save_signal_handler
from treebeard.exceptions import PathOverflow
from wagtail.models import Page, ReferenceIndex, Site

from casestudies.models import CaseStudyPage, CaseStudyRelatedLink, ImpactIndicator
from tests.factories import build_site_tree
from website import internals
from website.importing.changes import is_object
from website.importing.registry import handlers
from website.models import StandardPage

pytestmark = pytest.mark.django_db


def columns(model, pk):
    """The row of ``model``'s own table, as the database holds it (link column left out)."""
    names = [f.column for f in model._meta.local_concrete_fields if not f.remote_field
             or not f.remote_field.parent_link]
    table = connection.ops.quote_name(model._meta.db_table)
    pk_column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(connection.ops.quote_name(n) for n in names)} "
                       f"FROM {table} WHERE {connection.ops.quote_name(pk_column)} = %s", [pk])
        return dict(zip(names, cursor.fetchone(), strict=True))


def test_paths_are_those_add_child_gives(db):
    home = build_site_tree()["bg"]
    predicted = internals.child_paths(home, 3)
    made = [home.add_child(instance=StandardPage(title=f"P{n}", slug=f"p{n}")) for n in range(3)]
    assert [page.path for page in made] == predicted
    # After the last child, also once one in the middle is gone.
    made[1].delete()
    home.refresh_from_db()
    predicted = internals.child_paths(home, 2)
    made = [home.add_child(instance=StandardPage(title=f"Q{n}", slug=f"q{n}")) for n in range(2)]
    assert [page.path for page in made] == predicted
    assert not any(Page.find_problems())


def test_steps_are_treebeards_own_arithmetic():
    """The step encoding equals treebeard's (``_get_path``) at every carry and at the limit."""
    base = len(Page.alphabet)
    for number in (1, base - 1, base, base ** 2 - 1, base ** 2, base ** Page.steplen - 1):
        step = internals.encode_step(number)
        assert step == Page._get_path(None, 1, number)
        assert internals.decode_step(step) == number
    with pytest.raises(PathOverflow):
        internals.encode_step(base ** Page.steplen)


def test_insert_table_writes_the_row_save_writes(db):
    home = build_site_tree()["bg"]
    saved = home.add_child(instance=StandardPage(title="Saved", slug="saved", intro="Words."))
    inserted = StandardPage(title="Inserted", slug="inserted", intro="Words.",
                            locale=home.locale)
    inserted.depth, inserted.path = home.depth + 1, internals.child_paths(home, 1)[0]
    inserted.url_path = home.url_path + "inserted/"
    Page.objects.bulk_create([inserted])
    inserted.page_ptr_id = inserted.id
    internals.insert_table(StandardPage, [inserted], batch_size=10)
    assert columns(StandardPage, inserted.pk) == columns(StandardPage, saved.pk)
    assert StandardPage.objects.get(pk=inserted.pk).intro == "Words."


def test_pending_relations_are_modelclusters_unsaved_values(db):
    page = CaseStudyPage(title="Hub", slug="hub")
    indicator = ImpactIndicator(name="jobs", value=Decimal("3"), unit="people")
    page.impact_indicators = [indicator]
    pending = internals.pending_relations(page)
    assert pending["impact_indicators"] == [indicator]
    # The list is the relation's own: replacing an item changes what it gives back.
    other = ImpactIndicator(name="tonnes", value=Decimal("4"), unit="t")
    pending["impact_indicators"][:] = [other]
    assert list(page.impact_indicators.all()) == [other]
    # Forgotten, the relation reads the database (nothing for this unsaved page).
    internals.forget_pending(page)
    assert internals.pending_relations(page) == {}


def test_saved_relations_are_read_from_the_database_once_forgotten(db):
    home = build_site_tree()["en"]
    page = home.add_child(instance=CaseStudyPage(title="Hub", slug="hub"))
    ImpactIndicator.objects.create(page=page, name="jobs", value=3, unit="people")
    page.impact_indicators = []  # pending: hides the stored row
    assert list(page.impact_indicators.all()) == []
    internals.forget_pending(page)
    assert [i.name for i in page.impact_indicators.all()] == ["jobs"]


def test_the_search_handler_quiet_saves_disconnects_is_the_one_connected():
    """Every imported page type is indexed on save by exactly that handler (else saves stay
    loud: slow, not wrong)."""
    for handler in handlers():
        if is_object(handler):  # members and the like: not in Wagtail's search
            continue
        assert post_save.disconnect(post_save_signal_handler, sender=handler.model), handler.model
        post_save.connect(post_save_signal_handler, sender=handler.model)


def test_quiet_saves_skip_the_search_and_reference_indexes_and_then_resume(db):
    home = build_site_tree()["en"]

    def case_study(title):
        return home.add_child(instance=CaseStudyPage(
            title=title, slug=title.lower(), related_links=[CaseStudyRelatedLink(target=home)]))

    with internals.quiet_saves({CaseStudyPage}):
        quiet = case_study("Quietzebra")
    assert not CaseStudyPage.objects.search("Quietzebra")
    assert not ReferenceIndex.get_references_for_object(quiet).exists()
    loud = case_study("Loudzebra")
    assert [p.pk for p in CaseStudyPage.objects.search("Loudzebra")] == [loud.pk]
    assert ReferenceIndex.get_references_for_object(loud).exists()


def test_a_remembered_site_is_what_find_for_request_answers_without_a_query(
        db, django_assert_num_queries):
    build_site_tree()
    site = Site.objects.get()
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    assert Site.find_for_request(RequestFactory().get("/", HTTP_HOST="localhost")) == site
    internals.remember_site(request, site)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site
