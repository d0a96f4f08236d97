"""Several threads saving at once lose nothing (SQLite IMMEDIATE transactions, WAL)."""

import threading

import pytest
from django.db import connection, transaction
from wagtail.models import Locale

from website.models import ThematicPriority

THREADS = 8
WRITES_PER_THREAD = 40


@pytest.mark.django_db(transaction=True)
def test_concurrent_writes_lose_nothing():
    locale_id = Locale.objects.get_or_create(language_code="bg")[0].pk
    errors = []
    barrier = threading.Barrier(THREADS)

    def writer(number):
        try:
            barrier.wait()
            for i in range(WRITES_PER_THREAD):
                # Read, then write, in one transaction: the pattern that fails with
                # "database is locked" under SQLite's default deferred transactions.
                with transaction.atomic():
                    ThematicPriority.objects.filter(locale_id=locale_id).count()
                    ThematicPriority.objects.create(
                        name=f"Тема {number}-{i}", slug=f"t-{number}-{i}", locale_id=locale_id
                    )
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ThematicPriority.objects.count() == THREADS * WRITES_PER_THREAD
