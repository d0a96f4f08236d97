"""Draw website/static/website/img/favicon.ico (16, 32, 48 px) and the app icons from favicon.svg's shapes.

Browsers and crawlers still ask for /favicon.ico, and a web app manifest wants
PNG icons; Pillow cannot read SVG, so this script redraws the SVG's few shapes
(a green disc, an amber arc with an arrow head, a white centre) at 8x and scales
down. The outputs are small source assets committed to git: run it again after
changing favicon.svg.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

IMG = Path(__file__).resolve().parent.parent / "website" / "static" / "website" / "img"
GREEN, AMBER, WHITE = "#0b5d4b", "#f2c14e", "#ffffff"


def draw(size):
    """The icon on a transparent square of ``size`` pixels (drawn large, then scaled)."""
    big = size * 8
    unit = big / 40  # the SVG's viewBox is 40 x 40
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def box(cx, cy, r):
        return [(cx - r) * unit, (cy - r) * unit, (cx + r) * unit, (cy + r) * unit]

    pen.ellipse(box(20, 20, 19), fill=GREEN)
    # The arc: a ring between r=8 and r=12, open at the top right (from 12 o'clock to the
    # point where the SVG's path meets the ring again, about 19 degrees below 3 o'clock).
    end = math.degrees(math.atan2(24 - 20, 31.3 - 20))
    pen.pieslice(box(20, 20, 12), start=end, end=270, fill=AMBER)
    pen.ellipse(box(20, 20, 8), fill=GREEN)
    pen.polygon([(20 * unit, 4 * unit), (26 * unit, 10 * unit), (20 * unit, 16 * unit)], fill=AMBER)
    pen.ellipse(box(20, 20, 4), fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


def main():
    draw(48).save(IMG / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    for size in (192, 512):
        draw(size).save(IMG / f"icon-{size}.png", optimize=True)
    print(f"wrote {IMG / 'favicon.ico'} and icon-192.png, icon-512.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
