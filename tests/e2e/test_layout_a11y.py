"""Phones, keyboards and assistive technology on the main page types, in a real browser.

The demo content is loaded by the real command; each test walks several pages
in one browser context: no page scrolls sideways at 320 px, the focus ring
stands out from the header, menu and footer, the facets wait for a button, and
axe-core (from npm, copied by tools/vendor.mjs into var/test-vendor/ and
injected from that file: the site never serves it) finds no violation.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "var" / "test-vendor" / "axe-core" / "axe.min.js"


def bulgarian_urls():
    from casestudies.models import CaseStudyPage
    from funding.models import FundingCallPage
    from learning.models import ProgrammePage
    from network.models import B2BPost, MemberDirectoryPage

    def first(model):
        page = model.objects.live().public().filter(locale__language_code="bg").first()
        assert page is not None, f"the demo has no {model.__name__} in bg"
        return page.url

    post = B2BPost.objects.public().order_by("pk").first()
    assert post is not None, "the demo has no public B2B post"
    with translation.override("bg"):
        post_url = post.get_absolute_url()
    return [
        "/bg/", "/bg/search/?q=CESME", "/bg/funding/", first(FundingCallPage), post_url,
        first(CaseStudyPage), first(MemberDirectoryPage), first(ProgrammePage),
    ]


def overflow(page):
    """How many pixels the page is wider than the window, and the widest culprit."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        let worst = null;
        for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.right > width + 1 && (!worst || r.right > worst.right)) {
                worst = {right: r.right, tag: el.tagName, cls: el.className, text: (el.textContent || '').trim().slice(0, 60)};
            }
        }
        return {scroll: document.documentElement.scrollWidth - width, worst};
    }""")


def test_no_page_scrolls_sideways_at_320_px(demo_content, live_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = []
    for url in bulgarian_urls():
        page.goto(live_server.url + url)
        found = overflow(page)
        if found["scroll"] > 0:
            wide.append((url, found))
        # The header leaves most of the screen to the page (it took 210 px before).
        header = page.locator(".site-header").bounding_box()["height"]
        if header > 180:
            wide.append((url, {"header height": header}))
        # The phone menu shows every item once opened.
        toggle = page.locator(".nav-toggle")
        assert toggle.is_visible(), url
        toggle.click()
        links = page.locator(".main-nav a")
        for i in range(links.count()):
            assert links.nth(i).is_visible(), (url, links.nth(i).text_content())
            box = links.nth(i).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 321, (url, box)
    context.close()
    assert not wide, "\n".join(f"{url}: {found}" for url, found in wide)


def contrast(a, b):
    def luminance(rgb):
        channels = []
        for c in rgb:
            c = c / 255
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


RING = """(el) => {
    const parse = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const style = getComputedStyle(el);
    let node = el, bg = 'rgba(0, 0, 0, 0)';
    while (node && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
        node = node.parentElement;
        bg = node ? getComputedStyle(node).backgroundColor : 'rgb(255, 255, 255)';
    }
    return {ring: parse(style.outlineColor), width: parseFloat(style.outlineWidth),
            outline: style.outlineStyle, bg: parse(bg)};
}"""


def test_focus_ring_stands_out_on_header_menu_and_footer(demo_content, live_server, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/bg/funding/")
    # On a laptop screen the whole Bulgarian menu shows, with no menu button: every item
    # inside the screen (it may wrap onto a second line), and the page does not scroll sideways.
    assert not page.locator(".nav-toggle").is_visible()
    rights = page.locator(".main-nav li").evaluate_all(
        "(items) => items.map(i => i.getBoundingClientRect().right)")
    assert len(rights) >= 6 and max(rights) <= 1366, rights
    tops = page.locator(".main-nav li").evaluate_all("(items) => items.map(i => i.offsetTop)")
    assert len(set(tops)) <= 2, tops
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    targets = [".brand", ".header-search button", ".language-switcher a", ".main-nav a",
               ".site-footer a", "#filter-sort"]
    weak = []
    for selector in targets:
        element = page.locator(selector).first
        # Focus from the keyboard, so that :focus-visible applies.
        element.evaluate("(el) => { el.setAttribute('data-target', '1'); }")
        page.keyboard.press("Tab")
        for _n in range(200):
            if page.evaluate("document.activeElement.hasAttribute('data-target')"):
                break
            page.keyboard.press("Tab")
        else:
            raise AssertionError(f"Tab never reached {selector}")
        ring = element.evaluate(RING)
        ratio = contrast(ring["ring"], ring["bg"])
        if ring["outline"] == "none" or ring["width"] < 2 or ratio < 3:
            weak.append((selector, ring, round(ratio, 2)))
        element.evaluate("(el) => el.removeAttribute('data-target')")
    context.close()
    assert not weak, weak


def test_facets_wait_for_the_apply_button_and_keep_focus(demo_content, live_server, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    for url, facet in [("/bg/search/?q=CESME", ".facet input[type=checkbox]"),
                       ("/bg/funding/", ".filters fieldset input[type=checkbox]")]:
        page.goto(live_server.url + url)
        page.evaluate("window.__stayed = true")
        group = page.locator(".filter-group").first
        if not group.evaluate("(el) => el.open"):
            group.locator("summary").focus()
            page.keyboard.press("Enter")
        box = page.locator(facet).first
        box.focus()
        page.keyboard.press("Space")
        assert box.is_checked(), url
        # No reload: the page's own state survives, and the box keeps the focus.
        assert page.evaluate("window.__stayed === true"), f"{url} reloaded on Space"
        assert page.evaluate("document.activeElement") == box.evaluate("(el) => el"), url
        sort = page.locator("select[name=sort]").first
        sort.focus()
        page.keyboard.press("ArrowDown")
        assert page.evaluate("window.__stayed === true"), f"{url} reloaded on ArrowDown"
        # The button applies the choice; the result shows it as a removable chip.
        page.locator("form button[type=submit].apply-filters").first.click()
        page.wait_for_load_state()
        assert page.evaluate("window.__stayed === undefined"), url
        assert page.locator(".active-filters a").count() >= 1, url
    context.close()


def test_axe_finds_no_violation(demo_content, live_server, browser):
    assert AXE.exists(), f"{AXE} is missing: run `make test` (tools/vendor.mjs copies it)"
    found = []
    for width in (320, 1366):
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        page = context.new_page()
        for url in bulgarian_urls():
            page.goto(live_server.url + url)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("""async () => {
                const r = await axe.run(document, {resultTypes: ['violations']});
                return r.violations.map(v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.target.join(' '))]);
            }""")
            found += [(width, url, v) for v in result]
        context.close()
    assert not found, "\n".join(map(str, found))
