"""Markup that keyboards, screen readers and validators rely on (issue 13).

Rendered through the test client: filters that fold behind "Filters (n active)"
with removable chips and collapsed groups, forms that post to their own page,
a combobox that is a text box, labelled search landmarks, an error summary
linked to the fields with the title saying so, valid sign-up help text, the
consent checkbox before its label, the menu button and whole heading outlines.
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.factories import build_site_tree
from tests.importing.builders import build_sections, build_taxonomy, call, import_records
from tests.network.factories import make_directory, make_member, make_post

pytestmark = pytest.mark.django_db


class Outline(HTMLParser):
    """Tags with their attributes and the tags open around them; headings in order."""

    VOID = {"input", "img", "br", "meta", "link", "hr", "source", "wbr", "area", "col", "embed"}

    def __init__(self):
        super().__init__()
        self.stack, self.elements, self.headings, self.nesting = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs, tuple(self.stack)))
        if re.fullmatch(r"h[1-6]", tag) and "main" in self.stack:
            self.headings.append(int(tag[1]))
        if tag in ("ul", "ol", "div") and {"p", "span"} & set(self.stack):
            self.nesting.append((tag, tuple(self.stack[-3:])))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def find(self, tag, **attrs):
        return [a for t, a, _s in self.elements
                if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]


def parse(response):
    assert response.status_code in (200, 404), response.status_code
    outline = Outline()
    outline.feed(response.content.decode())
    return outline


def title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_funding_filters_fold_with_removable_chips_and_collapsed_groups(client):
    build_sections()
    build_taxonomy()
    import_records(call(id="a", title="Sunrise call"))
    url = "/en/funding/?status=open&status=closing-soon&eligible=business&page=1"
    response = client.get(url)
    outline = parse(response)
    html = response.content.decode()
    assert re.search(r'<summary class="filter-panel-toggle">\s*Filters \(3 active\)', html)
    form = outline.find("form", class_="filters")[0]
    assert form["action"] == "/en/funding/"
    assert 'action=""' not in html
    # Each chip removes its own value and keeps the others (and starts again at page 1).
    chips = [a["href"] for t, a, stack in outline.elements
             if t == "a" and "li" in stack and "href" in a and a["href"].startswith("?")]
    expected = [
        [("status", "closing-soon"), ("eligible", "business")],
        [("status", "open"), ("eligible", "business")],
        [("status", "open"), ("status", "closing-soon")],
    ]
    assert sorted(sorted(parse_qsl(urlsplit(c).query)) for c in chips) == sorted(
        sorted(e) for e in expected)
    # Groups with a choice are open; the others are folded (fewer Tabs to the button).
    groups = outline.find("details", class_="filter-group")
    assert len(groups) >= 3
    assert sum("open" in g for g in groups) == 2
    assert outline.find("a", class_="skip-to-results", href="#results")
    assert outline.find("section", id="results")
    assert outline.find("button", class_="apply-filters", type="submit")


def test_search_box_is_a_text_combobox_and_search_landmarks_are_named(client):
    build_site_tree()
    for url in ["/en/", "/en/search/?q=recycling&language=bg", "/en/no-such-page/"]:
        response = client.get(url)
        outline = parse(response)
        html = response.content.decode()
        assert 'action=""' not in html, url
        for _tag, attrs, _stack in outline.elements:
            if attrs.get("role") == "combobox":
                assert attrs.get("type") == "text", (url, attrs)
        landmarks = [a for _t, a, _s in outline.elements if a.get("role") == "search"]
        names = [a.get("aria-label") for a in landmarks]
        assert len(landmarks) >= 2 and all(names) and len(set(names)) == len(names), (url, names)
    response = client.get("/en/search/?q=recycling&language=bg")
    outline = parse(response)
    assert outline.find("form", id="search-form")[0]["action"] == "/en/search/"
    assert outline.find("button", class_="apply-filters", type="submit")
    assert outline.find("button", class_="apply-sort", type="submit")


def test_sign_up_errors_are_summarised_linked_and_in_the_title(client):
    build_site_tree()
    response = client.post("/bg/accounts/signup/", {
        "email": "not-an-address", "password1": "short", "password2": "other"})
    outline = parse(response)
    assert title(response).startswith("Грешка:")
    summary = outline.find("div", class_="error-summary")[0]
    assert "autofocus" in summary and summary["tabindex"] == "-1"
    links = [a["href"] for t, a, stack in outline.elements
             if t == "a" and "div" in stack and a.get("href", "").startswith("#id_")]
    assert {"#id_email", "#id_consent"} <= set(links)
    for target in links:
        assert outline.find("input", id=target[1:]) or outline.find("div", id=target[1:]), target
    # The password rules are a list: in a <div>, never inside a <p> or <span>.
    assert outline.find("div", class_="helptext", id="id_password1_helptext")
    assert not outline.nesting, outline.nesting
    # The consent checkbox comes before its label.
    html = response.content.decode()
    assert html.index('id="id_consent"') < html.index('for="id_consent"')


def test_sign_up_page_without_errors_has_a_plain_title(client):
    build_site_tree()
    response = client.get("/bg/accounts/signup/")
    assert not title(response).startswith("Грешка")
    assert not parse(response).find("div", class_="error-summary")


def test_offers_and_needs_list_heading_outline_has_no_gap(client):
    homes = build_site_tree()
    make_directory(homes["en"])
    make_post(make_member(), title="Used pallets")
    outline = parse(client.get("/en/network/b2b/"))
    levels = outline.headings
    assert 3 in levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
