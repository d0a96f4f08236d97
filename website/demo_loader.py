"""Builds the demo site from the files in website/demo/, idempotently.

Creates what is missing and leaves alone what exists, so a second run changes
nothing and an editor's changes to demo pages survive a re-run. Curated items,
members and events go through the same pipeline as an editor's import
(``import_content``); an app adds its own step (for example B2B posts, which
need members first) by naming a ``load(log)`` function in its
``AppConfig.ready()``: ``register_demo_step("network.demo.load")``. The step is
imported only when the demo loads, and a wrong path fails loudly there.
"""

import json
import secrets
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils.module_loading import import_string
from wagtail.models import Locale, Page, Site

from website.models import (
    Country,
    FooterText,
    HomePage,
    NavigationSettings,
    Pillar,
    Region,
    SiteSettings,
    SocialInnovationCriterion,
    SocialInnovationDimension,
    StandardPage,
    ThematicPriority,
)
from website.site_url import site_address

DEMO_DIR = Path(__file__).resolve().parent / "demo"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
ADMIN_USERNAME = "admin"
# The centre's address as each language writes it (the footer).
ADDRESSES = {"bg": "София, България", "en": "Sofia, Bulgaria", "el": "Σόφια, Βουλγαρία"}
_app_steps = []


def register_demo_step(path):
    """Run the function at dotted ``path`` (``load(log) -> number created``) after the imports."""
    if path not in _app_steps:
        _app_steps.append(path)

# Section index pages: (slug, app label, model, key in pages.json "sections").
SECTIONS = [
    ("case-studies", "casestudies", "CaseStudyIndexPage", "casestudies"),
    ("tools", "casestudies", "ToolIndexPage", "tools"),
    ("funding", "funding", "FundingCallIndexPage", "funding"),
    ("policies", "funding", "PolicyIndexPage", "policies"),
    ("courses", "learning", "ProgrammeIndexPage", "learning"),
    ("members", "network", "MemberDirectoryPage", "members"),
    ("events", "network", "EventIndexPage", "events"),
    ("news", "network", "NewsIndexPage", "news"),
]


def read_json(name):
    with open(DEMO_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def text_in(values, code):
    """The text for a language, falling back to English, then Bulgarian."""
    if not isinstance(values, dict):
        return values or ""
    return values.get(code) or values.get("en") or values.get(DEFAULT_LANGUAGE) or ""


class DemoLoader:
    def __init__(self, log=print):
        self.log = log
        self.created = 0

    # -- locales and taxonomy -------------------------------------------------

    def locales(self):
        result = {}
        for code in LANGUAGES:
            locale, made = Locale.objects.get_or_create(language_code=code)
            self.created += made
            result[code] = locale
        return result

    def term(self, model, key_field, key, locs, values_by_language, extra=None, localise=None):
        """One taxonomy term in every language, sharing one translation key."""
        source = model.objects.filter(**{key_field: key, "locale": locs[DEFAULT_LANGUAGE]}).first()
        for code in LANGUAGES:
            if model.objects.filter(**{key_field: key, "locale": locs[code]}).exists():
                continue
            fields = {key_field: key, "locale": locs[code], **(extra or {})}
            fields.update({name: text_in(value, code) for name, value in values_by_language.items()})
            if localise:
                fields.update(localise(code))
            obj = model(**fields)
            if source is not None:
                obj.translation_key = source.translation_key
            obj.full_clean()
            obj.save()
            self.created += 1
            if code == DEFAULT_LANGUAGE:
                source = obj

    def load_taxonomy(self, locs):
        data = read_json("taxonomy.json")
        for order, theme in enumerate(data["themes"]):
            self.term(
                ThematicPriority, "slug", theme["slug"], locs,
                {"name": theme["name"], "description": theme.get("description", "")},
                extra={
                    "sort_order": order,
                    "valid_from": theme.get("valid_from"),
                    "valid_until": theme.get("valid_until"),
                },
            )
        for order, pillar in enumerate(data["pillars"]):
            self.term(
                Pillar, "slug", pillar["slug"], locs,
                {"name": pillar["name"], "description": pillar.get("description", "")},
                extra={"sort_order": order, "membership_target": pillar.get("target", 20)},
            )
        for order, region in enumerate(data["regions"]):
            self.term(
                Region, "slug", region["slug"], locs, {"name": region["name"]},
                extra={"sort_order": order, "country_code": region.get("country", "BG")},
            )
        for country in data["countries"]:
            self.term(Country, "code", country["code"].upper(), locs, {"name": country["name"]})
        for order, dimension in enumerate(data["criteria"]):
            self.term(
                SocialInnovationDimension, "slug", dimension["slug"], locs,
                {"name": dimension["name"]}, extra={"sort_order": order},
            )
            for position, criterion in enumerate(dimension["characteristics"]):
                self.term(
                    SocialInnovationCriterion, "slug", criterion["slug"], locs,
                    {"name": criterion["name"]}, extra={"sort_order": position},
                    localise=lambda code, slug=dimension["slug"]: {
                        "dimension": SocialInnovationDimension.objects.get(
                            slug=slug, locale=locs[code]
                        )
                    },
                )

    # -- pages ------------------------------------------------------------------

    def publish(self, page):
        page.save_revision().publish()
        self.created += 1

    def home_pages(self, locs, content):
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(locale=locs[DEFAULT_LANGUAGE]).first()
        if home is None:
            remove_wagtail_welcome_page()
            values = content["home"][DEFAULT_LANGUAGE]
            home = HomePage(
                title=values["title"], slug="home", locale=locs[DEFAULT_LANGUAGE],
                hero_title=values.get("hero_title", ""), hero_text=values.get("hero_text", ""),
            )
            root.add_child(instance=home)
            self.publish(home)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            hostname, port = site_address()
            Site.objects.create(
                hostname=hostname, port=port, site_name=settings.WAGTAIL_SITE_NAME,
                root_page=home, is_default_site=True,
            )
            self.created += 1
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
            self.created += 1
        homes = {DEFAULT_LANGUAGE: home}
        for code in LANGUAGES:
            if code == DEFAULT_LANGUAGE:
                continue
            homes[code] = self.translation(
                home, locs[code],
                {
                    "title": content["home"][code]["title"],
                    "hero_title": content["home"][code].get("hero_title", ""),
                    "hero_text": content["home"][code].get("hero_text", ""),
                },
            )
        return homes

    def translation(self, page, locale, fields):
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            return existing.specific
        translated = page.copy_for_translation(locale).specific
        for name, value in fields.items():
            setattr(translated, name, value)
        self.publish(translated)
        return translated

    def child_page(self, homes, locs, model, slug, fields_by_language):
        """A page under each language's home page, linked as translations."""
        source_home = homes[DEFAULT_LANGUAGE]
        source = model.objects.child_of(source_home).filter(slug=slug).first()
        if source is None:
            source = model(slug=slug, **fields_by_language(DEFAULT_LANGUAGE))
            source_home.add_child(instance=source)
            self.publish(source)
        pages = {DEFAULT_LANGUAGE: source}
        for code in LANGUAGES:
            if code != DEFAULT_LANGUAGE:
                pages[code] = self.translation(source, locs[code], fields_by_language(code))
        return pages

    def load_pages(self, locs):
        content = read_json("pages.json")
        homes = self.home_pages(locs, content)
        sections = {}
        for slug, app_label, model_name, key in SECTIONS:
            model = apps.get_model(app_label, model_name)
            texts = content["sections"][key]
            sections[key] = self.child_page(
                homes, locs, model, slug,
                lambda code, texts=texts: {
                    "title": text_in(texts["title"], code),
                    "intro": text_in(texts.get("intro", ""), code),
                },
            )
        standard = {}
        for item in content["pages"]:
            slug = item["slug"]

            def fields(code, item=item):
                paragraphs = item["body"].get(code) or item["body"].get("en") or []
                return {
                    "title": text_in(item["title"], code),
                    "intro": text_in(item.get("intro", ""), code),
                    "body": [("paragraph", f"<p>{p}</p>") for p in paragraphs],
                }

            standard[slug] = self.child_page(homes, locs, StandardPage, slug, fields)
        return homes, sections, standard

    def navigation(self, homes, sections, standard):
        site = Site.objects.get(is_default_site=True)
        nav = NavigationSettings.for_site(site)
        if not nav.header_links:
            header = [sections[key][DEFAULT_LANGUAGE] for key in (
                "casestudies", "tools", "funding", "policies", "learning", "members", "events",
                "news",
            )]
            about = next(iter(standard.values()), None)
            if about:
                header.append(about[DEFAULT_LANGUAGE])
            nav.header_links = [("link", {"page": page, "label": ""}) for page in header]
            nav.footer_links = [
                ("link", {"page": pages[DEFAULT_LANGUAGE], "label": ""})
                for pages in standard.values()
            ]
            nav.save()
            self.created += 1
        site_settings = SiteSettings.for_site(site)
        if not site_settings.contact_email:
            site_settings.contact_email = "info@competence-hub.example"
            site_settings.address = "София, България"
            site_settings.save()
            self.created += 1
        texts = read_json("pages.json").get("footer") or {
            "bg": "Компетентен център за социални иновации и клъстер „Кръговата икономика – "
            "зелената алтернатива за България“.",
            "en": "Competence centre on social innovation and the cluster "
            "“Circular economy – the green alternative for Bulgaria”.",
            "el": "Κέντρο ικανοτήτων για την κοινωνική καινοτομία και σύμπλεγμα "
            "για την κυκλική οικονομία στη Βουλγαρία.",
        }
        source = FooterText.objects.filter(locale__language_code=DEFAULT_LANGUAGE).first()
        for code in LANGUAGES:
            if FooterText.objects.filter(locale__language_code=code).exists():
                continue
            footer = FooterText(body=f"<p>{text_in(texts, code)}</p>", address=ADDRESSES[code],
                                locale=Locale.objects.get(language_code=code))
            if source is not None:
                footer.translation_key = source.translation_key
            footer.save()
            source = source or footer
            self.created += 1

    # -- admin account ------------------------------------------------------------

    def admin_account(self):
        """The demo administrator; the password is kept in var/ so runs can print it."""
        password_file = Path(settings.VAR_DIR) / "demo-admin-password.txt"
        user_model = get_user_model()
        user = user_model.objects.filter(username=ADMIN_USERNAME).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser(
                ADMIN_USERNAME, "admin@competence-hub.example", password
            )
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n", encoding="utf-8")
            password_file.chmod(0o600)
            self.created += 1
            return password
        if password_file.exists():
            return password_file.read_text(encoding="utf-8").strip()
        return None

    # -- the rest through the import pipeline and app hooks -------------------------

    def import_files(self, verbosity):
        # Members first: case studies name them in their ``members`` column.
        for name in ("network.jsonl", "curated.jsonl"):
            path = DEMO_DIR / name
            if path.exists():
                self.log(f"Importing {name} …")
                call_command("import_content", str(path), verbosity=verbosity)

    def app_steps(self):
        for path in _app_steps:
            self.log(f"Loading demo content: {path} …")
            self.created += import_string(path)(self.log) or 0

    def run(self, verbosity=1):
        with transaction.atomic():
            locs = self.locales()
            self.log("Taxonomy …")
            self.load_taxonomy(locs)
            self.log("Pages …")
            homes, sections, standard = self.load_pages(locs)
            self.navigation(homes, sections, standard)
            password = self.admin_account()
        self.import_files(verbosity)
        self.app_steps()
        return password


def remove_wagtail_welcome_page():
    """Delete the placeholder page Wagtail's first migration creates (and its Site)."""
    for page in Page.get_first_root_node().get_children():
        if page.specific_class in (Page, None) and not page.get_children().exists():
            page.delete()
