"""Blended courses, lessons, sessions and certificates."""

from django.utils.translation import gettext_lazy as _

from website.models import SectionIndexPage


class CourseIndexPage(SectionIndexPage):
    """The learning section: blended courses for social innovators and circular-economy experts."""

    class Meta:
        verbose_name = _("course index")
