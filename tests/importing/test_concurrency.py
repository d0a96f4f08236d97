"""Two imports of one file at the same moment create each item once.

Two threads, each with its own database connection, run the real import of the
same 30-record file against a database that commits for real (the file SQLite
of the test settings, or PostgreSQL when DATABASE_URL points there).
"""

import threading

import pytest
from django.db import connection

from casestudies.models import ToolPage
from network.models import Member
from tests.importing.builders import build_sections, build_taxonomy, jsonl, tool
from tests.importing.test_members import member
from website.importing.parsing import parse
from website.importing.pipeline import run_import

pytestmark = pytest.mark.django_db(transaction=True)


def run_in_parallel(content, count=2):
    barrier = threading.Barrier(count)
    reports, errors = [None] * count, []

    def work(number):
        try:
            records = parse(content, "jsonl")
            barrier.wait()
            reports[number] = run_import(records)
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return reports


def test_two_imports_of_one_file_at_once_create_each_page_once():
    build_sections()
    build_taxonomy()
    content = jsonl(*[tool(id=f"tool-{n}", title=f"Guide {n}") for n in range(30)])
    reports = run_in_parallel(content)
    assert ToolPage.objects.count() == 30
    assert sorted((r.created, r.unchanged) for r in reports if r.ok) in (
        [(0, 30), (30, 0)], [(30, 0)])
    for report in reports:  # the other one reported unchanged, or failed and wrote nothing
        assert report.ok or report.created == 0
    assert len(set(ToolPage.objects.values_list("import_id", flat=True))) == 30


def test_two_imports_of_one_member_file_at_once_create_each_member_once():
    build_sections()
    build_taxonomy()
    content = jsonl(*[member(id=f"m-{n}", title=f"Member {n}") for n in range(30)])
    run_in_parallel(content)
    assert Member.objects.count() == 30
