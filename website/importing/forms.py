from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("JSON Lines (.jsonl) or CSV (.csv) in UTF-8; list values in CSV separated "
                    "by |."),
    )
    draft = forms.BooleanField(
        label=_("Save as drafts (do not publish)"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload


class ImportConfirmForm(forms.Form):
    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{20,64}$", widget=forms.HiddenInput)
    draft = forms.BooleanField(required=False, widget=forms.HiddenInput)
