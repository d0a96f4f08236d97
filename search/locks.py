"""Locks that keep a second ``rebuild_search_index`` from running while one is at work.

Two kinds, one contract (a context manager yielding an object with ``renew()``,
``RebuildRunning`` with a message saying who holds it when it is taken):

- ``file_lock``: ``flock`` on a file, for the embedded engine, whose index is a
  folder on this machine. The kernel releases it when the process ends, however
  it ends.
- ``lease``: a row in the database, for Elasticsearch, whose index every app
  server shares. It expires unless renewed (the rebuild renews it as it goes),
  and a holder on this machine whose process is gone loses it at once, so a
  killed rebuild never leaves it stuck.
"""

import datetime as dt
import fcntl
import os
import socket
import time
import uuid
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.utils import timezone

from search.models import Lease

LEASE_SECONDS = 600
RENEW_EVERY = 30.0


class RebuildRunning(RuntimeError):
    """Another process holds the lock."""


class _Nothing:
    def renew(self):
        pass


@contextmanager
def file_lock(path, what):
    """Hold ``flock`` on ``path`` (created if missing); ``what`` names the work in messages."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 500, 0).decode(errors="replace").strip() or "another process"
            raise RebuildRunning(f"{what} is already running ({holder}).") from None
        os.ftruncate(fd, 0)
        started = timezone.localtime().isoformat(timespec="seconds")
        os.pwrite(fd, f"{socket.gethostname()} pid {os.getpid()} since {started}".encode(), 0)
        yield _Nothing()
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


class _Held:
    def __init__(self, name, holder, seconds):
        self.name, self.holder, self.seconds = name, holder, seconds
        self.renewed = time.monotonic()

    def renew(self):
        """Push the expiry on (at most every RENEW_EVERY s); RebuildRunning if the lease was lost."""
        if time.monotonic() - self.renewed < min(RENEW_EVERY, self.seconds / 4):
            return
        self.renewed = time.monotonic()
        expires = timezone.now() + dt.timedelta(seconds=self.seconds)
        if not Lease.objects.filter(name=self.name, holder=self.holder).update(expires_at=expires):
            raise RebuildRunning(
                f"The lock {self.name!r} expired and was taken over; this run stops."
            )


def _take(name, holder, seconds):
    """Create the lease row; None when taken, else the row of the process that holds it."""
    host, pid = socket.gethostname(), os.getpid()
    for _attempt in range(3):  # the holder may release it between our insert and our look
        now = timezone.now()
        Lease.objects.filter(name=name, expires_at__lte=now).delete()
        current = Lease.objects.filter(name=name).first()
        if current is not None and current.host == host and not _alive(current.pid):
            current.delete()  # killed on this machine: no need to wait for the expiry
        try:
            with transaction.atomic():
                Lease.objects.create(
                    name=name, holder=holder, host=host, pid=pid, acquired_at=now,
                    expires_at=now + dt.timedelta(seconds=seconds),
                )
            return None
        except IntegrityError:
            current = Lease.objects.filter(name=name).first()
            if current is not None:
                return current
    raise RebuildRunning(f"Could not take the lock {name!r}; try again.")


@contextmanager
def lease(name, what, seconds=LEASE_SECONDS):
    """Hold the database lease ``name``; ``what`` names the work in messages."""
    holder = uuid.uuid4().hex
    other = _take(name, holder, seconds)
    if other is not None:
        raise RebuildRunning(
            f"{what} is already running ({other.host} pid {other.pid} since "
            f"{timezone.localtime(other.acquired_at).isoformat(timespec='seconds')}; "
            f"the lock lapses at {timezone.localtime(other.expires_at).isoformat(timespec='seconds')}"
            " if that process stopped without releasing it)."
        )
    try:
        yield _Held(name, holder, seconds)
    finally:
        Lease.objects.filter(name=name, holder=holder).delete()
