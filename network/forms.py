"""Member-facing forms. Status and approval fields are never among their fields.

Forms that create something carry a one-time token (``SubmitOnceMixin``): one
submission creates one object, however often it is posted.
"""

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from website.forms import TermChoiceField, TermMultipleChoiceField
from website.submissions import SubmitOnceMixin

CONSENT_TEXT = _(
    "I agree that the Competence Hub stores the data I enter to run my membership, "
    "shows my profile once approved if I choose to be listed, and deletes it when I ask."
)
CONSENT_VERSION = "2026-11"


class SignupConsentForm(forms.Form):
    """Extra fields of allauth's signup form: the recorded consent."""

    consent = forms.BooleanField(label=CONSENT_TEXT, required=True)

    def signup(self, request, user):
        from network.models import Consent

        Consent.objects.create(user=user, version=CONSENT_VERSION, wording=str(CONSENT_TEXT))


# One choice per concept, in the member's language; a profile linked to another
# language's row of a term shows it ticked, so saving unchanged changes nothing.
TERM_FIELDS = {
    "pillars": TermMultipleChoiceField, "themes": TermMultipleChoiceField,
    "region": TermChoiceField, "country": TermChoiceField,
}


class MemberProfileForm(SubmitOnceMixin, forms.ModelForm):
    """The member's own profile; status, approval and ownership are not fields here."""

    class Meta:
        from network.models import Member

        model = Member
        fields = [
            "member_type", "name", "logo", "description", "website", "city", "region",
            "country", "pillars", "themes", "expertise_offered", "help_sought", "languages",
            "contact_preference", "latitude", "longitude", "listed",
        ]
        field_classes = TERM_FIELDS
        widgets = {
            "pillars": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        return cleaned


class B2BPostForm(SubmitOnceMixin, forms.ModelForm):
    class Meta:
        from network.models import B2BPost

        model = B2BPost
        fields = [
            "kind", "title", "description", "category", "waste_code", "quantity", "unit",
            "frequency", "region", "valid_until",
        ]
        field_classes = {"region": TermChoiceField}
        widgets = {"valid_until": forms.DateInput(attrs={"type": "date"})}

    def clean_valid_until(self):
        from django.utils import timezone

        value = self.cleaned_data["valid_until"]
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("This date is in the past."))
        return value


class MemberActivityForm(SubmitOnceMixin, forms.ModelForm):
    class Meta:
        from network.models import MemberActivity

        model = MemberActivity
        fields = [
            "kind", "title", "summary", "start", "end", "is_online", "place",
            "registration_url", "capacity",
        ]
        widgets = {
            "start": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "end": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }
        help_texts = {
            "start": format_lazy(_("Time in {zone}."), zone=settings.TIME_ZONE),
            "end": format_lazy(_("Time in {zone}."), zone=settings.TIME_ZONE),
        }

    def clean(self):
        from network.choices import ActivityKind

        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if cleaned.get("kind") == ActivityKind.EVENT and not start:
            self.add_error("start", _("An event needs a start."))
        if start and end and end < start:
            self.add_error("end", _("The event ends before it starts."))
        if cleaned.get("kind") == ActivityKind.EVENT and not (
            cleaned.get("is_online") or cleaned.get("place")
        ):
            self.add_error("place", _("Give a place or mark the event as online."))
        return cleaned


class ContactForm(SubmitOnceMixin, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea, max_length=5000)


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account, profile, posts and messages are deleted for good.")
    )
