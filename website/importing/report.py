"""What an import reports: every problem with its line and field, and what it did."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class Problem:
    line: int
    field: str
    message: str
    record_id: str = ""

    def __str__(self):
        where = _("line %(line)d") % {"line": self.line}
        if self.field:
            where += ", " + _("field “%(field)s”") % {"field": self.field}
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    draft: bool = False
    problems: list = field(default_factory=list)
    by_type: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.problems

    def count(self, record_type, outcome):
        counts = self.by_type.setdefault(record_type, {"created": 0, "updated": 0, "unchanged": 0})
        counts[outcome] += 1
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self):
        if not self.ok:
            return _("%(n)d problem(s) found; nothing was imported.") % {"n": len(self.problems)}
        if self.dry_run:
            return _("%(n)d record(s) are valid. Nothing was written (dry run).") % {
                "n": self.total}
        return _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged}
