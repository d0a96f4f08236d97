"""Small builders for tests: keyword arguments in, saved objects out."""

from wagtail.models import Collection, Locale, Page, Site

from website.demo_loader import remove_wagtail_welcome_page
from website.models import HomePage, StandardPage

LANGUAGES = ("bg", "en", "el")
HOME_TITLES = {"bg": "Начало", "en": "Home", "el": "Αρχική"}


def ensure_wagtail_base_rows():
    """The default locale, the page tree's root and the root collection, as Wagtail's first
    migrations make them (a transactional test's flush removes them for later tests)."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    default = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(
                title="Root", slug="root", locale=default,
                content_type=ContentType.objects.get_for_model(Page),
            )
        )
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


def locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_site_tree():
    """A site whose root is the Bulgarian home page, with English and Greek translations."""
    locs = locales()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=locs["bg"]).first()
    if home is None:
        remove_wagtail_welcome_page()
        home = HomePage(title=HOME_TITLES["bg"], slug="home", locale=locs["bg"])
        root.add_child(instance=home)
        publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    homes = {"bg": home}
    for code in ("en", "el"):
        translated = home.get_translation_or_none(locs[code])
        if translated is None:
            translated = home.copy_for_translation(locs[code])
            translated.title = HOME_TITLES[code]
            publish(translated)
        homes[code] = translated.specific
    return homes


def make_page(parent, page_class=StandardPage, publish_it=True, **fields):
    fields.setdefault("title", "Test page")
    page = page_class(live=publish_it, **fields)
    parent.add_child(instance=page)
    if publish_it:
        publish(page)
    else:
        page.save_revision()
    return page.specific


def translate(page, language_code, publish_it=True, **fields):
    locale = Locale.objects.get_or_create(language_code=language_code)[0]
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    if publish_it:
        publish(translated)
    else:
        translated.save_revision()
    return translated.specific
