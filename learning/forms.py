"""Forms of the learners' pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.choices import Gender


class EnrolForm(forms.Form):
    gender = forms.ChoiceField(
        label=_("Gender (optional)"), required=False,
        choices=[("", _("I prefer not to say"))] + list(Gender.choices),
        widget=forms.Select(attrs={"aria-describedby": "id_gender_helptext"}),
        help_text=_("Used only in anonymous totals of participants, which the centre reports "
                    "to its funders; never shown with your name."),
    )


class SignOffForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))
