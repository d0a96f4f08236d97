"""Fixed option lists for case studies and tools."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PILOT = "pilot", _("Pilot")
    SCALING = "scaling", _("Scaling")
    MAINSTREAM = "mainstream", _("Mainstream")


class ToolType(models.TextChoices):
    FRAMEWORK = "framework", _("Framework")
    METHODOLOGY = "methodology", _("Methodology")
    GUIDE = "guide", _("Guide")
    TEMPLATE = "template", _("Template")
    CALCULATOR = "calculator", _("Calculator")
    REPORT = "report", _("Report")
    PUBLICATION = "publication", _("Publication")


class ToolLevel(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
