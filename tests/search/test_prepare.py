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
