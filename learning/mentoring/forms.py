"""Forms of the mentoring pages: the mentor's offer, finding and asking, answers, meetings, feedback."""

import datetime as dt

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.choices import Level
from learning.models import MentorProfile, Topic
from website.models import ThematicPriority

RATINGS = [(value, str(value)) for value in range(1, 6)]


def language_choices():
    return list(settings.LANGUAGES)


class MentorProfileForm(forms.ModelForm):
    """Themes and topics are offered in the active language; matching compares their slugs.

    Built on ``profile.draft()`` (the member edits the waiting edit, if any).
    """

    themes = forms.ModelMultipleChoiceField(
        label=_("Thematic priorities"), required=False, queryset=ThematicPriority.objects.none(),
        widget=forms.CheckboxSelectMultiple)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), required=False, queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(
        label=_("Languages you mentor in"), choices=language_choices,
        widget=forms.CheckboxSelectMultiple)
    levels = forms.MultipleChoiceField(
        label=_("Growth levels you serve"), choices=Level.choices,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = MentorProfile
        fields = ["expertise", "themes", "topics", "languages", "levels", "capacity", "available"]
        widgets = {"expertise": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes = ThematicPriority.objects.in_active_locale()
        topics = Topic.objects.in_active_locale()
        self.fields["themes"].queryset = themes
        self.fields["topics"].queryset = topics
        for name, queryset in (("themes", themes), ("topics", topics)):
            # The waiting edit's terms (``initial``, from ``draft_initial()``), else the
            # profile's; chosen in another language: the same terms (by slug) in this one.
            chosen = self.initial.get(name)
            if chosen is None and self.instance.pk:
                chosen = getattr(self.instance, name).values_list("pk", flat=True)
            if chosen is not None:
                slugs = queryset.model._base_manager.filter(pk__in=list(chosen)).values("slug")
                self.initial[name] = list(queryset.filter(slug__in=slugs))


class FindMentorForm(forms.Form):
    programme = forms.ChoiceField(label=_("For the programme"), required=False)
    network = forms.ChoiceField(label=_("Peer mentoring in"), required=False)
    level = forms.ChoiceField(label=_("Growth level"), required=False,
                              choices=[("", _("Any"))] + list(Level.choices))
    language = forms.ChoiceField(label=_("Language"), required=False)
    theme = forms.ChoiceField(label=_("Thematic priority"), required=False)

    def __init__(self, *args, programmes=(), networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("None in particular"))] + [
            (str(page.pk), page.title) for page in programmes]
        self.fields["network"].choices = [("", _("Any mentor of the centre"))] + [
            (str(network.pk), network.name) for network in networks]
        self.fields["language"].choices = [("", _("Any"))] + language_choices()
        self.fields["theme"].choices = [("", _("Any"))] + [
            (theme.slug, theme.name) for theme in ThematicPriority.objects.in_active_locale()]


class AskForm(forms.Form):
    message = forms.CharField(
        label=_("What would you like help with?"), max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Sofia time."))
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5,
                                          max_value=600, initial=60)
    place = forms.CharField(label=_("Place or online link"), required=False, max_length=300)
    notes = forms.CharField(label=_("Notes (both of you see them)"), required=False,
                            max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        if value > timezone.now() + dt.timedelta(days=366):
            raise forms.ValidationError(_("Choose a date within the next year."))
        return value


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("How useful was the mentoring? (1–5)"),
                                    choices=RATINGS, coerce=int, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=3000,
                              widget=forms.Textarea(attrs={"rows": 3}))
