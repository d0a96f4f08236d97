from django import forms
from django.utils.translation import gettext_lazy as _

from following.choices import Frequency
from following.models import SavedSearch

MAX_SAVED_SEARCHES = 50
MAX_FOLLOWS = 200


class SaveSearchForm(forms.ModelForm):
    """"Save this search" on the search page: the parameters come as one query string."""

    params = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]
        labels = {"name": _("Name of this search")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False


class SavedSearchForm(forms.ModelForm):
    """Rename a saved search or change how often it mails."""

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]


class FollowForm(forms.Form):
    kind = forms.CharField(max_length=20)
    key = forms.CharField(max_length=220)
    frequency = forms.ChoiceField(choices=Frequency.choices, required=False)


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("E-mail digest"), choices=Frequency.choices)
