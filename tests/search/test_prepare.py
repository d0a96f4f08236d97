"""Documents built in bulk (rebuild, outbox worker) equal documents built one by one."""

import pytest

from casestudies.models import CaseStudyPage
from funding.models import FundingCallPage
from search.registry import build_document, source_for
from tests.importing.builders import call, case_study, import_records

pytestmark = pytest.mark.django_db
TERM_FIELDS = ("themes", "pillars", "regions", "countries", "tags")


@pytest.fixture
def sections():
    from tests.importing.builders import build_sections, build_taxonomy

    build_sections()
    build_taxonomy()


def test_prepared_batch_gives_the_same_documents(sections):
    import_records(
        case_study(id="cs-a", themes=["circular-economy", "labour-market"], pillars=["textiles"],
                   tags=["reuse", "Sofia"], countries=["BG", "GR"]),
        case_study(id="cs-b", themes=[], pillars=[], tags=[]),
        case_study(id="cs-bg", language="bg", translation_of="cs-a", title="Център"),
        call(id="call-a", themes=["circular-economy"], tags=["grant"]),
    )
    for model in (CaseStudyPage, FundingCallPage):
        source = source_for(model.objects.first())
        one_by_one = {
            page.pk: build_document(source, page).to_dict()
            for page in source.get_queryset()
        }
        batch = list(source.get_queryset())
        source.prepare(batch)
        assert all(hasattr(page, "_search_terms") for page in batch)
        prepared = {page.pk: build_document(source, page).to_dict() for page in batch}
        for pk, doc in one_by_one.items():
            for field in TERM_FIELDS:
                assert sorted(doc.pop(field)) == prepared[pk].pop(field), (pk, field)
            assert doc == prepared[pk]
    page = CaseStudyPage.objects.get(import_id="cs-a", locale__language_code="en")
    source = source_for(page)
    source.prepare([page])
    doc = build_document(source, page)
    assert doc.themes == ["circular-economy", "labour-market"]
    assert doc.countries == ["BG", "GR"] and sorted(doc.tags) == ["reuse", "sofia"]


def test_a_rebuild_costs_the_same_queries_for_more_items(sections, search_index,
                                                          django_assert_max_num_queries):
    """Documents are built per batch from querysets: more items, no more queries (each
    member cost a query for its certificates before, holder or not)."""
    import io

    from django.core.management import call_command

    from tests.network.factories import make_member

    def rebuild():
        call_command("rebuild_search_index", "--noinput", stdout=io.StringIO(),
                     stderr=io.StringIO())

    def add(prefix, count):
        import_records(*[
            record(id=f"{prefix}-{i}", themes=["circular-economy"], tags=["reuse", f"t{i}"])
            for i in range(count) for record in (case_study, call)
        ])
        for i in range(count):
            make_member(name=f"{prefix} member {i}", with_user=False)

    # Both rebuilds find the outbox entries of what was just added (they are deleted).
    add("few", 2)
    with django_assert_max_num_queries(200) as few:
        rebuild()
    add("many", 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rebuild()
