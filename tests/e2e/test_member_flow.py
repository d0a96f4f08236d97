"""A new member registers, verifies the address, completes the profile, posts an offer, sees a match."""

import re

import pytest
from django.core import mail

from network.choices import PostCategory, PostKind
from tests.factories import build_site_tree
from tests.network.factories import make_member, make_pillar, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_verify_profile_offer_match(page, live_server):
    build_site_tree()
    make_pillar("textiles", "Textiles")
    buyer = make_member(name="Upcycling Workshop")
    make_post(member=buyer, kind=PostKind.NEED, category=PostCategory.TEXTILE_OFFCUTS,
              title="Looking for cotton off-cuts")
    mail.outbox.clear()

    page.goto(f"{live_server.url}/en/accounts/signup/")
    page.locator("#id_email").fill("newcomer@example.org")
    page.locator("#id_password1").fill("a-Long-passw0rd!")
    page.locator("#id_password2").fill("a-Long-passw0rd!")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r".*/accounts/confirm-email/$"))

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r".*/network/profile/$"))

    page.get_by_label("Name:", exact=True).fill("Rodopa Knitwear")
    page.get_by_label("Type:", exact=True).select_option("business")
    page.get_by_label("City:", exact=True).fill("Kardzhali")
    page.get_by_role("button", name="Save profile").click()
    page.wait_for_url(re.compile(r".*/network/$"))
    assert "Pending approval" in page.content()

    page.get_by_role("link", name="Post an offer").click()
    page.get_by_label("Title:", exact=True).fill("Cotton jersey off-cuts, 6 t a month")
    page.get_by_label("Description:", exact=True).fill("Clean, sorted by colour.")
    page.get_by_label("Category:", exact=True).select_option("textile-offcuts")
    page.get_by_label("Frequency:", exact=True).select_option("monthly")
    page.get_by_label("Valid until:", exact=True).fill("2035-06-30")
    page.get_by_role("button", name="Save post").click()
    page.wait_for_url(re.compile(r".*/network/b2b/\d+/$"))

    matches = page.get_by_role("region", name="Needs that match this offer")
    assert matches.get_by_text("Looking for cotton off-cuts").is_visible()
    assert "Pending approval" in page.content()
