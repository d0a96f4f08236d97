"""Compile locale/*/LC_MESSAGES/django.po into .mo files without GNU gettext.

`manage.py compilemessages` needs msgfmt from the gettext package; polib (which
wagtail-localize already installs) does the same job in pure Python, so a fresh
machine needs nothing from apt to run the site.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main():
    compiled = 0
    for po_path in sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(mo_path))
        compiled += 1
        print(f"compiled {po_path.relative_to(ROOT)} ({catalogue.percent_translated()}% translated)")
    if not compiled:
        print("translations: up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
