"""Member profiles and the consent each account gave at sign-up."""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from network.choices import ContactPreference, LocationSource, Status
from website.choices import OrganisationType
from website.importing.ids import normalise_id
from website.models.moderation import Moderated, ModeratedQuerySet
from website.uploads import LimitedImageField, OwnsFiles


def pending_logo_path(instance, filename):
    """A logo waiting for approval is not public yet: its file gets a name nobody can guess."""
    return f"members/logos/{secrets.token_urlsafe(16)}{Path(filename).suffix.lower()[:10]}"


class MemberQuerySet(ModeratedQuerySet):
    def public(self):
        """Approved profiles whose members chose to be listed: the only ones shown anywhere."""
        return self.filter(status=Status.APPROVED, listed=True)


class Member(OwnsFiles, Moderated):
    """An organisation or individual in the network, owned by one user account.

    A new profile is pending until an editor approves it; an edit of an
    approved profile waits for approval while the approved version stays
    public (``website.models.moderation``), its new logo in ``pending_logo``.
    Leaving the directory and the contact preference apply at once: they only
    narrow what is shown. Imported organisations have no account (``user`` is
    empty). Logos are checked against the upload limits and deleted with the
    profile or when replaced (``website.uploads``).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="member",
    )
    member_type = models.CharField(
        _("type"), max_length=30, choices=OrganisationType.choices, default=OrganisationType.BUSINESS
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=True)
    logo = LimitedImageField(_("logo"), upload_to="members/logos/", blank=True)
    pending_logo = LimitedImageField(
        _("logo waiting for approval"), upload_to=pending_logo_path, blank=True, editable=False
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.ForeignKey(
        "website.Region", verbose_name=_("region"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    country = models.ForeignKey(
        "website.Country", verbose_name=_("country"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    pillars = models.ManyToManyField(
        "website.Pillar", verbose_name=_("pillars"), blank=True, related_name="members"
    )
    themes = models.ManyToManyField(
        "website.ThematicPriority", verbose_name=_("thematic priorities"), blank=True,
        related_name="members",
    )
    expertise_offered = models.TextField(_("expertise offered"), blank=True)
    help_sought = models.TextField(_("help sought"), blank=True)
    languages = models.CharField(
        _("languages"), max_length=100, blank=True,
        help_text=_("Language codes separated by commas, e.g. bg, en."),
    )
    contact_preference = models.CharField(
        _("contact preference"), max_length=10, choices=ContactPreference.choices,
        default=ContactPreference.SITE,
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True,
        help_text=_("Never shown; messages through the site go here (or to the account)."),
    )
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Leave latitude and longitude empty to be placed on the map by your city."),
    )
    location_source = models.CharField(
        _("location from"), max_length=10, choices=LocationSource.choices, blank=True,
        editable=False,
    )
    listed = models.BooleanField(_("listed in the directory"), default=True)
    language = models.CharField(
        _("language of the profile"), max_length=10, choices=settings.LANGUAGES, blank=True,
        help_text=_("The language the profile is written in: the site's language when the "
                    "member last saved it, or the imported record's. Search indexes the profile "
                    "under it, and the member's e-mails are in it."),
    )
    import_id = models.CharField(_("import id"), max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    last_digest_at = models.DateTimeField(_("last match digest"), null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    pending_files = {"logo": "pending_logo"}
    unmoderated_fields = ("listed", "contact_preference")

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Stored as the importer compares it (website.importing.ids); blank is no id.
        self.import_id = normalise_id(self.import_id) or None
        if not self.slug:
            self.slug = self.unique_slug(self.name)
        if kwargs.get("update_fields") is None:  # a partial save leaves the place alone
            self.place()
        super().save(*args, **kwargs)

    def place(self):
        """Set the map coordinates and where they come from (``location_source``).

        Coordinates someone typed are kept ("given"); without any, the city's are
        looked up in the offline gazetteer ("from city"), and again whenever the city
        changes while the coordinates are still the city's. An unknown city leaves the
        member off the map and never stops a save.
        """
        from network import gazetteer

        if self.location_source == LocationSource.CITY and self.has_location and self.pk:
            stored = Member.objects.filter(pk=self.pk).values_list(
                "latitude", "longitude").first()
            if stored != (self.latitude, self.longitude):
                self.location_source = LocationSource.GIVEN  # new coordinates typed in
        if self.has_location and self.location_source != LocationSource.CITY:
            self.location_source = LocationSource.GIVEN
            return
        country = self.country.code if self.country_id else None
        point = gazetteer.locate(self.city, country)
        self.latitude, self.longitude = point or (None, None)
        self.location_source = LocationSource.CITY if point else ""

    def get_absolute_url(self):
        return reverse("network:member_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        # Before the form's uniqueness check, so that "ABC" clashes with a stored "abc".
        self.import_id = normalise_id(self.import_id) or None

    @classmethod
    def unique_slug(cls, name):
        base = slugify(name, allow_unicode=True)[:200] or "member"
        slug, number = base, 1
        while cls.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    @property
    def is_public(self):
        return self.status == Status.APPROVED and self.listed

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def language_list(self):
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def mail_language(self):
        """The language of the member's e-mails: the one recorded, else the first it speaks."""
        site_languages = dict(settings.LANGUAGES)
        for code in (self.language, *self.language_list):
            if code in site_languages:
                return code
        return settings.LANGUAGE_CODE

    @property
    def email_for_contact(self):
        """Where relayed messages go; never rendered on a page."""
        if self.contact_email:
            return self.contact_email
        return self.user.email if self.user_id else ""


class Consent(models.Model):
    """Who agreed to what wording, and when (recorded at sign-up)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE,
        related_name="consents",
    )
    version = models.CharField(_("version"), max_length=20)
    wording = models.TextField(_("wording"))
    given_at = models.DateTimeField(_("given"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self):
        return f"{self.user} · {self.version}"
