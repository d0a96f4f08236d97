"""Admin pieces for moderation: approve/reject buttons and views, and a safe CSV export."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import re_path
from django.utils.translation import gettext as _
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import IndexView

from network import moderation
from network.choices import Status
from network.forms import RejectForm
from website.importing.parsing import neutralise


class SafeExportIndexView(IndexView):
    """CSV export whose cells never start like a spreadsheet formula (=, +, -, @)."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )


class ModerationButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if not self.permission_helper.user_can_edit_obj(self.request.user, obj):
            return buttons
        pk = quote(obj.pk)
        if obj.status != Status.APPROVED:
            buttons.append({
                "url": self.url_helper.get_action_url("approve", pk),
                "label": _("Approve"), "classname": "button button-small button-secondary",
                "title": _("Approve %(object)s") % {"object": obj},
            })
        if obj.status != Status.REJECTED:
            buttons.append({
                "url": self.url_helper.get_action_url("reject", pk),
                "label": _("Reject"), "classname": "button button-small button-secondary no",
                "title": _("Reject %(object)s") % {"object": obj},
            })
        return buttons


class ModeratedModelAdmin(ModelAdmin):
    """A ModelAdmin with approve / reject-with-reason actions and a safe export."""

    button_helper_class = ModerationButtonHelper
    index_view_class = SafeExportIndexView

    def get_admin_urls_for_registration(self):
        urls = super().get_admin_urls_for_registration()
        return urls + (
            re_path(
                self.url_helper.get_action_url_pattern("approve"), self.approve_view,
                name=self.url_helper.get_action_url_name("approve"),
            ),
            re_path(
                self.url_helper.get_action_url_pattern("reject"), self.reject_view,
                name=self.url_helper.get_action_url_name("reject"),
            ),
        )

    def _object(self, request, instance_pk):
        obj = get_object_or_404(self.model, pk=instance_pk)
        if not self.permission_helper.user_can_edit_obj(request.user, obj):
            raise PermissionDenied
        return obj

    def approve_view(self, request, instance_pk):
        obj = self._object(request, instance_pk)
        if request.method == "POST":
            moderation.approve(obj)
            messages.success(request, _("“%(object)s” is approved.") % {"object": obj})
            return redirect(self.url_helper.index_url)
        return TemplateResponse(request, "network/admin/moderate.html", {
            "object": obj, "action": "approve", "view": self, "form": None,
            "index_url": self.url_helper.index_url,
        })

    def reject_view(self, request, instance_pk):
        obj = self._object(request, instance_pk)
        form = RejectForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            moderation.reject(obj, form.cleaned_data["reason"])
            messages.success(request, _("“%(object)s” is rejected.") % {"object": obj})
            return redirect(self.url_helper.index_url)
        return TemplateResponse(request, "network/admin/moderate.html", {
            "object": obj, "action": "reject", "view": self, "form": form,
            "index_url": self.url_helper.index_url,
        })
