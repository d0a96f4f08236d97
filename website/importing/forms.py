from django import forms
from django.conf import settings
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


class ExportForm(forms.Form):
    """What to download: the format, and optionally only some types or one language."""

    format = forms.ChoiceField(
        label=_("Format"), initial="jsonl",
        choices=[("jsonl", _("JSON Lines (.jsonl)")), ("csv", _("CSV (.csv)"))],
    )
    types = forms.MultipleChoiceField(
        label=_("Types"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every type."),
    )
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["types"].choices = [(name, name) for name in types]
        self.fields["language"].choices = [("", _("All languages"))] + [
            (code, name) for code, name in settings.LANGUAGES]
