"""The printable certificate: one A4 landscape page in Bulgarian, English or Greek (reportlab).

Made from the same ``Certificate`` row as the signed credential, with a QR
code to the verification page, where anyone can check it. Text is set in Noto
Sans (Latin, Cyrillic and Greek), embedded as a subset, so the PDF reads the
same everywhere and its text can be extracted (search, screen readers). The
TrueType files come from npm at set-up (``tools/vendor.mjs``).
"""

import io
from functools import cache
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from learning.certificates.credential import (
    certificate_title,
    criteria_narrative,
    programme_in,
    verification_url,
)

FONTS = {
    "NotoSans": "website/vendor/noto-sans-ttf/NotoSans_400Regular.ttf",
    "NotoSans-Bold": "website/vendor/noto-sans-ttf/NotoSans_700Bold.ttf",
}
GREEN = HexColor("#1f6f3a")
INK = HexColor("#1c2b22")
MUTED = HexColor("#4d5b52")


class FontMissing(RuntimeError):
    pass


@cache
def register_fonts():
    for name, path in FONTS.items():
        found = finders.find(path)
        if not found:
            raise FontMissing(f"{path} is missing: run `make` (node tools/vendor.mjs) first.")
        pdfmetrics.registerFont(TTFont(name, found))
    return True


def style(size, bold=False, colour=INK, leading=None):
    return ParagraphStyle(
        f"s{size}{bold}", fontName="NotoSans-Bold" if bold else "NotoSans", fontSize=size,
        leading=leading or size * 1.25, alignment=TA_CENTER, textColor=colour)


def local_date(value):
    return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


def lines_for(certificate, language):
    """(text, style) lines of the page, top to bottom, in ``language``."""
    programme = programme_in(certificate.programme, language)
    with translation.override(language):
        title = certificate_title(programme)
        lines = [
            (_("Competence Hub"), style(14, True, GREEN)),
            (_("Competence centre on social innovation and the circular economy"),
             style(10, colour=MUTED)),
            (_("Certificate"), style(34, True, GREEN, 44)),
            (_("This certifies that"), style(13, colour=MUTED)),
            (certificate.learner_name, style(26, True, leading=34)),
            (_("has completed the programme"), style(13, colour=MUTED)),
            (programme.title, style(18, True, leading=24)),
        ]
        if title != programme.title:
            lines.append((title, style(15, colour=GREEN)))
        dates = _("Issued on %(date)s") % {"date": local_date(certificate.valid_from)}
        if certificate.valid_until:
            dates += " · " + _("valid until %(date)s") % {
                "date": local_date(certificate.valid_until)}
        lines.append((dates, style(12)))
        lines.append((criteria_narrative(certificate.completion.rule), style(9, colour=MUTED)))
        if certificate.revoked_at:
            lines.append((_("Revoked on %(date)s.") % {"date": local_date(certificate.revoked_at)},
                          style(12, True, HexColor("#9b1c1c"))))
        verify = {
            "scan": _("Scan the code or open the address to check this certificate:"),
            "url": verification_url(certificate),
            "code": _("Verification code: %(code)s") % {"code": certificate.code},
        }
    return lines, verify, title


def certificate_pdf(certificate, language=None):
    """The PDF as bytes."""
    register_fonts()
    language = language if language in dict(settings.LANGUAGES) else certificate.language
    lines, verify, title = lines_for(certificate, language)
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1, lang=language)
    pdf.setTitle(f"{title} · {certificate.learner_name}")
    pdf.setAuthor(settings.WAGTAIL_SITE_NAME)
    pdf.setSubject(verify["url"])
    pdf.setStrokeColor(GREEN)
    pdf.setLineWidth(3)
    pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    pdf.setLineWidth(0.8)
    pdf.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
    # The text block is centred between the top border and the QR code's row.
    text_width, top, bottom = width - 70 * mm, height - 26 * mm, 58 * mm
    placed = []
    for text, line_style in lines:
        paragraph = Paragraph(escape(str(text)), line_style)
        _w, used = paragraph.wrap(text_width, height)
        placed.append((paragraph, used, line_style.fontSize * 0.5))
    total = sum(used + gap for _p, used, gap in placed)
    y = top - max(0, (top - bottom - total) / 2)
    for paragraph, used, gap in placed:
        y -= used
        paragraph.drawOn(pdf, 35 * mm, y)
        y -= gap
    draw_verification(pdf, verify, width)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def draw_verification(pdf, verify, width):
    """The QR code bottom right, the address and code beside it."""
    size = 32 * mm
    widget = QrCodeWidget(verify["url"], barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    left = width - 22 * mm - size
    renderPDF.draw(drawing, pdf, left, 20 * mm)
    note = ParagraphStyle("note", fontName="NotoSans", fontSize=8.5, leading=11,
                          textColor=MUTED)
    block = Paragraph("<br/>".join(escape(verify[key]) for key in ("scan", "url", "code")), note)
    _w, used = block.wrap(95 * mm, size)
    block.drawOn(pdf, left - 100 * mm, 20 * mm + (size - used) / 2)
