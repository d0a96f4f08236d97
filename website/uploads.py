"""Files that members upload, and files that belong to one model instance.

Limits (``LimitedImageField``): Django's upload settings cap what is held in
memory, not how big a file may be, and an image of a few kilobytes can decode
to gigabytes of pixels. So the file's size is checked first, then its pixel
count from the image header (without decoding: Pillow reads the size and
refuses decompression bombs in ``Image.open``), and only then does Django's
own image check read the file. The limits are the ``MEMBER_UPLOAD_MAX_BYTES``
and ``MEMBER_UPLOAD_MAX_PIXELS`` settings; the errors name the limit and the
file's size.

Ownership (``OwnsFiles``): a row's files live and die with it, so storage holds
only files that some row names (in any of its file fields). A replaced or cleared file is deleted once the
new value is committed, a deleted row's files once the deletion is committed
(cascades and queryset deletes included: it is a ``post_delete`` receiver), and
a file written by a save that fails is deleted at once. Code that saves an
owner inside a larger transaction runs it in ``uploads.atomic()``, which also
deletes the new files when that transaction rolls back (Django has no rollback
hook, so the block that owns the transaction does it).
"""

import contextlib
import contextvars
import warnings

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.utils import formats
from django.utils.translation import gettext as _
from PIL import Image

MB = 1024 * 1024

# Lists of files written while an ``atomic()`` block is open (innermost last).
_written = contextvars.ContextVar("uploads_written", default=())


def megabytes(size):
    return formats.number_format(size / MB, 1 if size % MB else 0)


def check_size(upload, limit):
    if upload.size > limit:
        raise forms.ValidationError(
            _("The file is %(size)s MB; files can be at most %(limit)s MB.")
            % {"size": megabytes(upload.size), "limit": megabytes(limit)},
            code="file_too_large",
        )


def check_pixels(upload, limit):
    """Refuse images with more than ``limit`` pixels, reading only the header."""
    megapixels = formats.number_format(limit / 1_000_000, 0)
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise forms.ValidationError(
            _("The image has more than %(limit)s megapixels, the most an image may have.")
            % {"limit": megapixels},
            code="too_many_pixels",
        ) from exc
    except Exception:  # noqa: BLE001 - not an image: Django's own check says so
        return
    finally:
        upload.seek(0)
    if width * height * frames > limit:
        raise forms.ValidationError(
            _("The image is %(width)d × %(height)d pixels; images can have at most "
              "%(limit)s megapixels.")
            % {"width": width, "height": height, "limit": megapixels},
            code="too_many_pixels",
        )


class LimitedImageFormField(forms.ImageField):
    """An image upload checked against the member upload limits before it is decoded."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "size"):
            check_size(data, settings.MEMBER_UPLOAD_MAX_BYTES)
            check_pixels(data, settings.MEMBER_UPLOAD_MAX_PIXELS)
        return super().to_python(data)


class LimitedImageField(models.ImageField):
    """An ``ImageField`` whose forms (the member's and the admin's) apply the upload limits."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LimitedImageFormField, **kwargs})


# -- ownership ---------------------------------------------------------------------------


def file_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def delete_unreferenced(model, name, storage):
    """Delete a stored file unless a row still names it in any of its file fields.

    Demo data may share one file; and a file can move between two fields of a
    row (a member's approved logo was its ``pending_logo``), so each field is asked.
    """
    if not name:
        return
    named = Q()
    for field in file_fields(model):
        named |= Q(**{field.attname: name})
    if not model._base_manager.filter(named).exists():
        storage.delete(name)


def delete_later(model, field, name):
    """Delete the file ``name`` of ``field`` once the current transaction commits."""
    transaction.on_commit(
        lambda: delete_unreferenced(model, name, field.storage), robust=True
    )


def delete_owned_files(sender, instance, **kwargs):
    for field in file_fields(sender):
        name = getattr(instance, field.attname).name
        if name:
            delete_later(sender, field, name)


class OwnsFiles(models.Model):
    """A model whose file fields' files belong to the row (see the module docstring)."""

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        post_delete.connect(
            delete_owned_files, sender=cls, weak=False,
            dispatch_uid=f"uploads-owned-{cls.__module__}.{cls.__qualname__}",
        )

    def save(self, *args, **kwargs):
        fields = file_fields(type(self))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            fields = [f for f in fields if f.name in update_fields or f.attname in update_fields]
        new = [f for f in fields if getattr(self, f.attname) and not getattr(
            self, f.attname)._committed]
        stored = {}
        if fields and self.pk is not None and not self._state.adding:
            stored = type(self)._base_manager.filter(pk=self.pk).values(
                *[f.attname for f in fields]).first() or {}
        try:
            super().save(*args, **kwargs)
        except BaseException:
            for field in new:
                file = getattr(self, field.attname)
                if file._committed:  # written by this save (not a failure before the write)
                    field.storage.delete(file.name)
            raise
        for field in new:
            for written in _written.get():
                written.append((field.storage, getattr(self, field.attname).name))
        for field in fields:
            old = stored.get(field.attname)
            if old and old != getattr(self, field.attname).name:
                delete_later(type(self), field, old)


@contextlib.contextmanager
def atomic():
    """``transaction.atomic()`` that also deletes files saved in it when it rolls back."""
    written = []
    token = _written.set((*_written.get(), written))
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    finally:
        _written.reset(token)
